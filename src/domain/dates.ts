/** Calendar dates as ISO strings (YYYY-MM-DD): the store's format, compared without time zones. */

const DAY_MS = 86_400_000;

/** The day number of an ISO date (days since 1970-01-01), for counting days without time zones. */
export const dayNumber = (isoDate: string): number => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/** The ISO date of a day number. */
export const isoDateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The first date on or after `today` that falls on this day of this month ("every year by 30 November"). */
export function nextYearly(month: number, day: number, today: string): string {
  const inYear = (year: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const year = Number(today.slice(0, 4));
  return inYear(year) >= today ? inYear(year) : inYear(year + 1);
}

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
