/**
 * The preview's measurements for the test-only command `alphanode.preview.debugState`
 * (test/e2e: edit-to-repaint times, the messages from the webview, page loads). Kept out of
 * panel.ts, which only reports events here; the tests import these types with `import type`.
 */

/** What `alphanode.preview.debugState` returns. */
export interface PreviewDebugState {
  open: boolean;
  visible: boolean;
  uri: string | undefined;
  /** The last box posted to the webview: its document version and HTML. */
  version: number | undefined;
  html: string | undefined;
  /** The last version the webview reports as painted. */
  renderedVersion: number | undefined;
  /**
   * Edit-to-repaint times (ms) of recent edits: the document change event → the webview's
   * paint after the new box (its `Date.now()` after the next animation frame, so this
   * assumes one clock: true for the tests, where the workbench and the extension host run
   * on one machine). `roundTripMs` adds the trip of the webview's acknowledgement back.
   */
  repaintMs: number[];
  roundTripMs: number[];
  /** Webview document loads (a new nonce each): proves an update did not reload the page. */
  loads: number;
  error: string | undefined;
  /** The post preview: the source line of the block the webview last scrolled to the top (following the editor), and its scrollY. */
  scrolledLine?: number;
  scrollY?: number;
  /** The last messages from the webview (`type:version`), for diagnosing a test that waits in vain. */
  received: string[];
  /** Where the time of recent updates went (ms after the change event): request sent, answer, posted, painted (acknowledged), and the webview's own receive-to-paint time. */
  timings: UpdateTiming[];
}

export interface UpdateTiming {
  version: number;
  requested: number;
  answered: number;
  attempts: number;
  posted: number;
  acknowledged?: number;
  /** The webview's paint by its own clock (`Date.now()`): the same clock when VS Code runs on one machine, as in the tests. */
  painted?: number;
  webviewMs?: number;
}

/** How many recent values each list keeps. */
const KEEP = 50;

export class PreviewProbe {
  /** When each version of the shown document arrived (change event), to time its repaint. */
  private readonly changedAt = new Map<number, number>();
  private readonly repaints: number[] = [];
  private readonly roundTrips: number[] = [];
  private readonly received: string[] = [];
  private readonly timings: UpdateTiming[] = [];
  private loads = 0;

  /** The shown document changed to `version`. */
  changed(version: number): void {
    this.changedAt.set(version, Date.now());
    // Versions the webview never acknowledged (hidden, reloading) are forgotten.
    if (this.changedAt.size > 100) this.changedAt.delete(this.changedAt.keys().next().value as number);
  }

  /** The panel shows another document: its pending versions no longer count. */
  switched(): void {
    this.changedAt.clear();
  }

  loaded(): void {
    this.loads++;
  }

  /** The box of `version` was posted; `requested` is when its request was sent (Date.now()). */
  posted(version: number, requested: number, attempts: number): void {
    const changed = this.changedAt.get(version);
    if (changed === undefined) return;
    const now = Date.now();
    this.timings.push({ version, requested: requested - changed, answered: now - changed, attempts, posted: now - changed });
    if (this.timings.length > KEEP) this.timings.shift();
  }

  /** A message from the webview (every one, for diagnosis). */
  message(type: string, version: number | undefined): void {
    this.received.push(`${type}:${version ?? ''}`);
    if (this.received.length > 20) this.received.shift();
  }

  /** The webview painted `version` (`paintedAt`: its clock; `paintMs`: its receive-to-paint time). */
  rendered(version: number, paintMs: number | undefined, paintedAt: number | undefined): void {
    const changed = this.changedAt.get(version);
    if (changed === undefined) return;
    const now = Date.now();
    const timing = this.timings.find((candidate) => candidate.version === version);
    if (timing) {
      timing.acknowledged = now - changed;
      timing.webviewMs = paintMs;
      if (typeof paintedAt === 'number') timing.painted = paintedAt - changed;
    }
    this.roundTrips.push(now - changed);
    this.repaints.push(typeof paintedAt === 'number' ? Math.min(paintedAt, now) - changed : now - changed);
    if (this.repaints.length > KEEP) this.repaints.shift();
    if (this.roundTrips.length > KEEP) this.roundTrips.shift();
    for (const pending of [...this.changedAt.keys()]) if (pending <= version) this.changedAt.delete(pending);
  }

  snapshot(): Pick<PreviewDebugState, 'repaintMs' | 'roundTripMs' | 'loads' | 'received' | 'timings'> {
    return {
      repaintMs: [...this.repaints],
      roundTripMs: [...this.roundTrips],
      loads: this.loads,
      received: [...this.received],
      timings: this.timings.map((timing) => ({ ...timing })),
    };
  }
}
