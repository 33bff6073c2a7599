/**
 * Deterministic value formatting for the meta box: no locale, no clock. The host passes
 * `today`, so the same post renders the same box on every machine.
 */

/** `157046` → `157,046` (the site's grouping, independent of the host's locale). */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(value: string): [number, number, number] | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return [year, month, day];
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'} ago`;

/**
 * How long before `today` the ISO day `date` was: `today`, `yesterday`, `5 days ago`,
 * `3 weeks ago`, `4 months ago`, `9 years ago` (whole calendar units, rounded down), or
 * `in the future`. Undefined when either is not a real `YYYY-MM-DD` day.
 */
export function timeAgo(date: string, today: string): string | undefined {
  const then = parts(date);
  const now = parts(today);
  if (!then || !now) return undefined;
  const days = Math.round((Date.UTC(now[0], now[1] - 1, now[2]) - Date.UTC(then[0], then[1] - 1, then[2])) / 86_400_000);
  if (days < 0) return 'in the future';
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  const months = (now[0] - then[0]) * 12 + (now[1] - then[1]) - (now[2] < then[2] ? 1 : 0);
  if (months >= 12) return plural(Math.floor(months / 12), 'year');
  if (months >= 1) return plural(months, 'month');
  if (days >= 7) return plural(Math.floor(days / 7), 'week');
  return plural(days, 'day');
}
