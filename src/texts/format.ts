/** How numbers, lists and quoted titles are written in every German text. */

/** "a, b und c" */
export const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;

/** One formatter for all numbers: `toLocaleString` would build a new one for each. */
const GERMAN_NUMBERS = new Intl.NumberFormat('de-DE');

/** 8.000, 1.250.000 */
export const formatNumber = (value: number) => GERMAN_NUMBERS.format(value);

/** Store text inside a chat message shows as written: markdown characters are escaped, not interpreted. */
export const escapeMarkdown = (text: string): string => text.replace(/[\\`*_[\]<>~|]/g, '\\$&');

/** A title in German quotation marks, safe inside a chat message. */
export const quoted = (title: string) => `„${escapeMarkdown(title)}“`;

/** Text in German quotation marks, as it is (for the command line). */
export const quote = (text: string) => `„${text}“`;
