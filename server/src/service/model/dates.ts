const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a `YYYY-MM-DD` string that names a real calendar day. */
export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Why `value` is not an acceptable past ISO date (a phrase to follow the value in a
 * message), or undefined when it is. `today` is `YYYY-MM-DD`.
 */
export function pastDateProblem(value: string, today: string): string | undefined {
  if (!ISO_DATE.test(value)) return 'expected a date YYYY-MM-DD';
  if (!isRealIsoDate(value)) return 'not a real calendar date';
  if (value > today) return `a date in the future (today is ${today})`;
  return undefined;
}

/** Today's date as `YYYY-MM-DD` in UTC; hosts pass it in so the core stays deterministic. */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from the ISO day `from` to the ISO day `to` (negative when `from` is later). */
export function daysBetween(from: string, to: string): number {
  const utc = (value: string) => Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
