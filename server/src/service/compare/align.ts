/**
 * Lines two sequences up by equal keys (a longest common subsequence), for the lists of a
 * diff: meta lists, checklist items, section names. The common head and tail are matched
 * first in linear time; the quadratic table covers only the middle, and only while it stays
 * small. A middle larger than MAX_TABLE cells (hostile input, or a list rewritten
 * wholesale) is matched by position instead, so every diff stays linear in its input.
 */
export const MAX_TABLE = 250_000;

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
  const rows = oldEnd - head;
  const columns = newEnd - head;
  if (rows * columns > MAX_TABLE) {
    for (let i = 0; i < Math.max(rows, columns); i++) {
      const same = i < rows && i < columns && oldKeys[head + i] === newKeys[head + i];
      if (same) steps.push({ old: head + i, new: head + i });
      else {
        if (i < rows) steps.push({ old: head + i });
        if (i < columns) steps.push({ new: head + i });
      }
    }
  } else {
    steps.push(...middle(oldKeys, newKeys, head, oldEnd, newEnd));
  }
  for (let i = 0; i < tail; i++) steps.push({ old: oldEnd + i, new: newEnd + i });
  return steps;
}

/** The classic LCS table over old[from..oldEnd) and new[from..newEnd), read back front to back. */
function middle(oldKeys: readonly string[], newKeys: readonly string[], from: number, oldEnd: number, newEnd: number): Step[] {
  const rows = oldEnd - from;
  const columns = newEnd - from;
  // lengths[i][j]: the LCS of old[from+i..] and new[from+j..].
  const width = columns + 1;
  const lengths = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      lengths[i * width + j] = oldKeys[from + i] === newKeys[from + j]
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    if (i < rows && j < columns && oldKeys[from + i] === newKeys[from + j]) steps.push({ old: from + i++, new: from + j++ });
    else if (j < columns && (i === rows || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j])) steps.push({ new: from + j++ });
    else steps.push({ old: from + i++ });
  }
  return steps;
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
