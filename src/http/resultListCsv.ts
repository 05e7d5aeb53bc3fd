import { COLUMNS, type ResultList } from './resultList.js';
import { exportTexts } from '../texts/export.js';

/**
 * The list as CSV for German spreadsheets: semicolons, UTF-8 with byte order mark (so Excel reads the
 * umlauts), CRLF. A cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR) starts with
 * an apostrophe, so text from the catalogue can never run as a formula on the reader's machine.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function resultListCsv(list: ResultList): string {
  const lines = [
    [exportTexts.searchLine(list.search)],
    [exportTexts.dateLine(list.date)],
    [],
    COLUMNS.map(([, heading]) => heading),
    ...list.rows.map((row) => COLUMNS.map(([field]) => row[field])),
  ];
  return `\ufeff${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
