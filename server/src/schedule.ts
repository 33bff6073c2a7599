/**
 * "After this turn of the event loop", in both hosts of the server: `setImmediate` in Node
 * (after the I/O callbacks already queued, so a burst of `didChange` messages read in one
 * chunk is handled before the task runs), `setTimeout(…, 0)` in a web worker (after the
 * messages already queued). The server's modules use these instead of Node's globals, so
 * the web worker bundle (server/src/browser.ts) runs them unchanged.
 */
export interface Scheduled {
  cancel(): void;
}

/** Runs `task` once the current turn (and the messages already queued) are done. */
export function runSoon(task: () => void): Scheduled {
  if (typeof setImmediate === 'function') {
    const handle = setImmediate(task);
    return { cancel: () => clearImmediate(handle) };
  }
  const handle = setTimeout(task, 0);
  return { cancel: () => clearTimeout(handle) };
}

/** Resolves on the next turn (see runSoon): lets queued messages, such as edits, go first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => runSoon(resolve));
}

/** Runs `task` after `ms` milliseconds (runSoon when `ms` is 0). */
export function runAfter(ms: number, task: () => void): Scheduled {
  if (ms <= 0) return runSoon(task);
  const handle = setTimeout(task, ms);
  return { cancel: () => clearTimeout(handle) };
}
