/** Calendar dates as ISO strings (YYYY-MM-DD): the store's format, compared without time zones. */

const DAY_MS = 86_400_000;

/** The day number of an ISO date (days since 1970-01-01), for counting days without time zones. */
export const dayNumber = (isoDate: string): number => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/** Whole days from `from` to `to` (negative when `to` lies before `from`). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The calendar date of an instant in the given IANA time zone (the users' one is Europe/Berlin). */
export function isoDateIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** 2027-06-30 → 30.06.2027 */
export function germanDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}
