/**
 * Lines two sequences up by equal keys (a shortest edit script, Myers' O((N+M)·D) algorithm),
 * for the lists of a diff: meta lists, checklist items, section names. The common head and
 * tail are matched first. The search stops after MAX_WORK steps (hostile input, or a long
 * list rewritten wholesale: D large) and the rest is matched by position instead, so a diff
 * never costs more than linear time plus that constant.
 */
export const MAX_WORK = 2_000_000;

/** One step of an alignment: both sides (indexes into old and new), or one side only. */
export type Step = { old: number; new: number } | { old: number; new?: undefined } | { old?: undefined; new: number };

export function align(oldKeys: readonly string[], newKeys: readonly string[]): Step[] {
  let head = 0;
  while (head < oldKeys.length && head < newKeys.length && oldKeys[head] === newKeys[head]) head++;
  let tail = 0;
  while (tail < oldKeys.length - head && tail < newKeys.length - head && oldKeys[oldKeys.length - 1 - tail] === newKeys[newKeys.length - 1 - tail]) tail++;
  const steps: Step[] = [];
  for (let i = 0; i < head; i++) steps.push({ old: i, new: i });
  const oldEnd = oldKeys.length - tail;
  const newEnd = newKeys.length - tail;
  steps.push(...(shortestEdit(oldKeys.slice(head, oldEnd), newKeys.slice(head, newEnd), head) ?? byPosition(oldKeys, newKeys, head, oldEnd, newEnd)));
  for (let i = 0; i < tail; i++) steps.push({ old: oldEnd + i, new: newEnd + i });
  return steps;
}

/** Item i with item i: the fallback when the search would cost too much. */
function byPosition(oldKeys: readonly string[], newKeys: readonly string[], from: number, oldEnd: number, newEnd: number): Step[] {
  const steps: Step[] = [];
  for (let i = from; i < Math.max(oldEnd, newEnd); i++) {
    if (i < oldEnd && i < newEnd && oldKeys[i] === newKeys[i]) steps.push({ old: i, new: i });
    else {
      if (i < oldEnd) steps.push({ old: i });
      if (i < newEnd) steps.push({ new: i });
    }
  }
  return steps;
}

/**
 * Myers' greedy search for the fewest additions and removals turning `a` into `b` (indexes
 * shifted by `offset`), or undefined when it takes more than MAX_WORK steps. `frontiers[d]`
 * keeps, for each diagonal k in -d..d, the furthest x reached with d edits (index k + d).
 */
function shortestEdit(a: readonly string[], b: readonly string[], offset: number): Step[] | undefined {
  const n = a.length;
  const m = b.length;
  const frontiers: Int32Array[] = [];
  let work = 0;
  let found = -1;
  for (let d = 0; d <= n + m && found < 0; d++) {
    const previous = frontiers[d - 1];
    const at = (k: number) => previous[k + d - 1];
    const frontier = new Int32Array(2 * d + 1);
    for (let k = -d; k <= d; k += 2) {
      // Down (an addition) from diagonal k+1, or right (a removal) from k-1: whichever got further.
      let x = d === 0 ? 0 : k === -d || (k !== d && at(k - 1) < at(k + 1)) ? at(k + 1) : at(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
        work++;
      }
      frontier[k + d] = x;
      if (++work > MAX_WORK) return undefined;
      if (x >= n && y >= m) found = d;
    }
    frontiers.push(frontier);
  }
  // Walk back from the end, one edit per d, collecting the matches between edits.
  const reversed: Step[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const previous = frontiers[d - 1];
    const at = (k: number) => previous[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const fromX = at(down ? k + 1 : k - 1);
    const fromY = fromX - (down ? k + 1 : k - 1);
    const startX = down ? fromX : fromX + 1;
    while (x > startX) reversed.push({ old: offset + --x, new: offset + --y });
    reversed.push(down ? { new: offset + fromY } : { old: offset + fromX });
    x = fromX;
    y = fromY;
  }
  while (x > 0) reversed.push({ old: offset + --x, new: offset + --y });
  return reversed.reverse();
}

/**
 * The unmatched runs between matched steps, each with its old-only and new-only indexes:
 * a diff pairs them up as changed items, the rest are added or removed.
 */
export interface Gap {
  removed: number[];
  added: number[];
}

export function gaps(steps: readonly Step[]): { matched: Array<{ old: number; new: number }>; gaps: Gap[] } {
  const matched: Array<{ old: number; new: number }> = [];
  const found: Gap[] = [];
  let gap: Gap = { removed: [], added: [] };
  const close = () => {
    if (gap.removed.length > 0 || gap.added.length > 0) found.push(gap);
    gap = { removed: [], added: [] };
  };
  for (const step of steps) {
    if (step.old !== undefined && step.new !== undefined) {
      close();
      matched.push({ old: step.old, new: step.new });
    } else if (step.old !== undefined) gap.removed.push(step.old);
    else gap.added.push(step.new);
  }
  close();
  return { matched, gaps: found };
}
