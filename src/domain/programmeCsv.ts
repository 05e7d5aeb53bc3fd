import type { z } from 'zod';
import { DeadlineSchema, germanErrors, type Programme, ProgrammeSchema } from './programme.js';

/**
 * Programme entries from a spreadsheet (`npm run cli -- data:import`): CSV text → records → candidate
 * entries → entries checked by `ProgrammeSchema`. Every problem is data located by line and column;
 * the words are in texts/cli.ts.
 */

/** The header, in the order a template should show it; the file may order its columns freely. */
export const CSV_COLUMNS = [
  'id',
  'title',
  'summary',
  'funder',
  'level',
  'needs',
  'targetGroups',
  'applicants',
  'viaIntermediary',
  'sizeClasses',
  'fundingType',
  'fundingRate',
  'maxAmount',
  'amountNote',
  'deadlineKind',
  'deadlineDate',
  'applicationUrl',
  'sourceUrl',
  'contact',
  'successor',
  'lastVerified',
  'ages',
  'onlyWithOwn',
  'withoutApplication',
  'minAmount',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns a file written before they existed may lack. */
const OPTIONAL_COLUMNS: ReadonlySet<CsvColumn> = new Set(['ages', 'onlyWithOwn', 'withoutApplication', 'minAmount']);
const LIST_COLUMNS = ['needs', 'targetGroups', 'applicants', 'sizeClasses'] as const;
const ID_COLUMNS = ['level', 'fundingType', 'onlyWithOwn'] as const;
const TEXT_COLUMNS = [
  'id',
  'title',
  'summary',
  'funder',
  'viaIntermediary',
  'withoutApplication',
  'amountNote',
  'applicationUrl',
  'sourceUrl',
  'contact',
  'successor',
] as const;
const DEADLINE_KINDS = DeadlineSchema.options.map((option) => option.shape.kind.value);

/** A column of the file: its position (0 = A) and, once the header is known, its name. */
export interface CsvColumnRef {
  index: number;
  name: string | null;
}

/** What is wrong, without where. */
export type CsvProblemDetail =
  | { kind: 'notUtf8' }
  | { kind: 'noHeader' }
  | { kind: 'unclosedQuote' }
  | { kind: 'textAfterQuote' }
  | { kind: 'unknownColumn'; name: string; suggestion: CsvColumn | null }
  | { kind: 'duplicateColumn'; name: string }
  | { kind: 'missingColumns'; names: CsvColumn[] }
  | { kind: 'noRows' }
  | { kind: 'cellCount'; found: number; expected: number }
  | { kind: 'notANumber'; value: string }
  | { kind: 'notADate'; value: string }
  | { kind: 'notADayOfYear'; value: string }
  | { kind: 'notAnAgeRange'; value: string }
  | { kind: 'notAllowed'; value: string; allowed: readonly string[] }
  | { kind: 'dateNotExpected' }
  | { kind: 'dateRequired'; deadlineKind: string }
  | { kind: 'duplicateId'; id: string; firstLine: number }
  /** A rule of the programme schema or store, in zod's (German) words. */
  | { kind: 'invalid'; message: string };

/** One thing wrong with the CSV file; `line` counts physical lines, the header being line 1. */
export type CsvProblem = { line: number; column: CsvColumnRef | null } & CsvProblemDetail;

export interface CsvCell {
  text: string;
  /** The line the cell starts on; a quoted cell may span several. */
  line: number;
}

export interface CsvRecord {
  line: number;
  cells: CsvCell[];
}

export type Delimiter = ';' | ',';

/** A programme read from the file, with the line its row starts on. */
export interface CsvRow {
  line: number;
  /** The line each cell starts on, for messages about the entry once it is merged. */
  lines: Record<CsvColumn, number>;
  programme: Programme;
}

export type CsvResult =
  { ok: true; rows: CsvRow[]; columns: Record<CsvColumn, number>; delimiter: Delimiter } | { ok: false; problems: CsvProblem[] };

/** The delimiter the header line uses: `;` (German spreadsheets) unless it has more commas. */
export function detectDelimiter(headerLine: string): Delimiter {
  const count = (character: string) => headerLine.split(character).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

/**
 * RFC 4180 records: cells in double quotes may hold the delimiter, line breaks and `""` for a quote;
 * CRLF, LF and CR end a line; a leading byte order mark is dropped. Line breaks inside cells become LF.
 */
export function splitCsv(input: string): { records: CsvRecord[]; delimiter: Delimiter; problems: CsvProblem[] } {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = detectDelimiter(text.split(/\r\n|\r|\n/, 1)[0] ?? '');
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const isBreak = (character: string | undefined) => character === '\n' || character === '\r';
  let at = 0;
  let line = 1;
  let cells: CsvCell[] = [];

  // Consumes one line break at `at`, counting CRLF once.
  const lineBreak = () => {
    at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
    line += 1;
  };

  for (;;) {
    const cellLine = line;
    const column = { index: cells.length, name: null };
    let value = '';
    if (text[at] === '"') {
      at += 1;
      let closed = false;
      while (at < text.length) {
        const character = text[at];
        if (character === '"' && text[at + 1] === '"') {
          value += '"';
          at += 2;
        } else if (character === '"') {
          at += 1;
          closed = true;
          break;
        } else if (isBreak(character)) {
          value += '\n';
          lineBreak();
        } else {
          value += character;
          at += 1;
        }
      }
      if (!closed) {
        problems.push({ line: cellLine, column, kind: 'unclosedQuote' });
        cells.push({ text: value, line: cellLine });
        records.push({ line: cells[0]?.line ?? cellLine, cells });
        return { records, delimiter, problems };
      }
      let rest = '';
      while (at < text.length && text[at] !== delimiter && !isBreak(text[at])) rest += text[at++];
      if (rest.trim() !== '') problems.push({ line, column, kind: 'textAfterQuote' });
    } else {
      while (at < text.length && text[at] !== delimiter && !isBreak(text[at])) value += text[at++];
    }
    cells.push({ text: value, line: cellLine });

    if (text[at] === delimiter) {
      at += 1;
      continue;
    }
    records.push({ line: cells[0]?.line ?? cellLine, cells });
    cells = [];
    if (at >= text.length) return { records, delimiter, problems };
    lineBreak();
  }
}

const isBlank = (record: CsvRecord) => record.cells.every((cell) => cell.text.trim() === '');
const folded = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');
const isColumn = (name: string): name is CsvColumn => (CSV_COLUMNS as readonly string[]).includes(name);

const GERMAN_NUMBER = /^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;

/** "50.000" → 50000, "12,5" → 12.5, "1.250,75 €" → 1250.75; null for anything else ("12.5" is refused: a dot groups thousands). */
export function parseGermanNumber(text: string, unit?: RegExp): number | null {
  const bare = (unit === undefined ? text : text.replace(unit, '')).trim();
  return GERMAN_NUMBER.test(bare) ? Number(bare.replace(/\./g, '').replace(',', '.')) : null;
}

/** "2026-03-01" and "1.3.2026" → "2026-03-01"; null for anything else or a day the calendar lacks. */
export function parseCsvDate(text: string): string | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)?.slice(1) ?? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text)?.slice(1).reverse();
  if (parts === undefined) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The column that holds a field of the schema (`deadline.date` → deadlineDate); null for a field without one. */
export function columnForField(field: string): CsvColumn | null {
  const [head, next] = field.split(/[.[]/);
  if (head === 'deadline')
    return next === 'date' || next === 'previous' || next === 'day' || next === 'month' ? 'deadlineDate' : 'deadlineKind';
  return head !== undefined && isColumn(head) ? head : null;
}

/** Reads the whole CSV file; problems come all at once, ordered by line and column. */
export function readProgrammeCsv(input: string): CsvResult {
  const sorted = (problems: CsvProblem[]) => ({
    ok: false as const,
    problems: problems.sort((a, b) => a.line - b.line || (a.column?.index ?? Infinity) - (b.column?.index ?? Infinity)),
  });

  const broken = input.indexOf('\uFFFD');
  if (broken >= 0) return sorted([{ line: input.slice(0, broken).split(/\r\n|\r|\n/).length, column: null, kind: 'notUtf8' }]);

  const split = splitCsv(input);
  // An unclosed quote swallows the rest of the file into its cell: the records before it are still worth checking.
  const unclosed = split.problems.some((problem) => problem.kind === 'unclosedQuote');
  const records = (unclosed ? split.records.slice(0, -1) : split.records).filter((record) => !isBlank(record));
  const [header, ...body] = records;
  if (header === undefined) return sorted(unclosed ? split.problems : [{ line: 1, column: null, kind: 'noHeader' }]);

  const headerProblems: CsvProblem[] = [];
  const columns = new Map<CsvColumn, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.text.trim();
    const column = { index, name: isColumn(name) ? name : null };
    if (!isColumn(name)) {
      headerProblems.push({
        line: header.line,
        column,
        kind: 'unknownColumn',
        name,
        suggestion: CSV_COLUMNS.find((known) => folded(known) === folded(name)) ?? null,
      });
    } else if (columns.has(name)) {
      headerProblems.push({ line: header.line, column, kind: 'duplicateColumn', name });
    } else {
      columns.set(name, index);
    }
  });
  const missing = CSV_COLUMNS.filter((name) => !columns.has(name) && !OPTIONAL_COLUMNS.has(name));
  if (missing.length > 0) headerProblems.push({ line: header.line, column: null, kind: 'missingColumns', names: missing });
  if (headerProblems.length > 0) return sorted([...split.problems.filter((problem) => problem.line === header.line), ...headerProblems]);
  const columnIndex = Object.fromEntries(columns) as Record<CsvColumn, number>;
  const headerNames = header.cells.map((cell) => cell.text.trim());

  const problems: CsvProblem[] = split.problems.map((problem) =>
    problem.column === null
      ? problem
      : { ...problem, column: { index: problem.column.index, name: headerNames[problem.column.index] ?? null } },
  );
  if (body.length === 0) return sorted(unclosed ? problems : [...problems, { line: header.line, column: null, kind: 'noRows' }]);

  const rows: CsvRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of body) {
    if (record.cells.length !== header.cells.length) {
      problems.push({ line: record.line, column: null, kind: 'cellCount', found: record.cells.length, expected: header.cells.length });
      continue;
    }
    const read = readRow(record, columnIndex);
    problems.push(...read.problems);
    if (read.programme === undefined) continue;
    const first = firstLineOf.get(read.programme.id);
    if (first !== undefined) {
      const index = columnIndex.id;
      problems.push({
        line: record.cells[index]?.line ?? record.line,
        column: { index, name: 'id' },
        kind: 'duplicateId',
        id: read.programme.id,
        firstLine: first,
      });
      continue;
    }
    firstLineOf.set(read.programme.id, record.line);
    const lines = Object.fromEntries(CSV_COLUMNS.map((name) => [name, record.cells[columnIndex[name]]?.line ?? record.line])) as Record<
      CsvColumn,
      number
    >;
    rows.push({ line: record.line, lines, programme: read.programme });
  }
  return problems.length > 0 ? sorted(problems) : { ok: true, rows, columns: columnIndex, delimiter: split.delimiter };
}

/** One record as a programme: cells are converted first, then the whole entry goes through the schema. */
function readRow(record: CsvRecord, columns: Record<CsvColumn, number>): { programme?: Programme; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const failed = new Set<CsvColumn>();
  const cell = (name: CsvColumn) => {
    const index = columns[name] ?? -1;
    const found = record.cells[index];
    return { value: (found?.text ?? '').trim(), line: found?.line ?? record.line, column: { index, name } };
  };
  const fail = (name: CsvColumn, detail: CsvProblemDetail) => {
    const { line, column } = cell(name);
    problems.push({ line, column, ...detail });
    failed.add(name);
  };

  const entry: Record<string, unknown> = {};
  for (const name of TEXT_COLUMNS) {
    const { value } = cell(name);
    if (value !== '') entry[name] = value;
  }
  for (const name of ID_COLUMNS) {
    const { value } = cell(name);
    if (value !== '') entry[name] = value.toLowerCase();
  }
  for (const name of LIST_COLUMNS) {
    const items = [
      ...new Set(
        cell(name)
          .value.split(/[,|]/)
          .map((item) => item.trim().toLowerCase())
          .filter((item) => item !== ''),
      ),
    ];
    // An empty list of target groups means "open to all", so that one is written; the others are absent.
    if (items.length > 0 || name === 'targetGroups') entry[name] = items;
  }
  for (const [name, unit] of [
    ['fundingRate', /\s*%$/],
    ['maxAmount', /\s*(?:€|EUR)$/i],
    ['minAmount', /\s*(?:€|EUR)$/i],
  ] as const) {
    const { value } = cell(name);
    if (value === '') continue;
    const number = parseGermanNumber(value, unit);
    if (number === null) fail(name, { kind: 'notANumber', value });
    else entry[name] = number;
  }
  const verified = cell('lastVerified').value;
  if (verified !== '') {
    const date = parseCsvDate(verified);
    if (date === null) fail('lastVerified', { kind: 'notADate', value: verified });
    else entry.lastVerified = date;
  }
  const ages = cell('ages').value;
  if (ages !== '') {
    const range = readAges(ages);
    if (range === null) fail('ages', { kind: 'notAnAgeRange', value: ages });
    else entry.ages = range;
  }
  const deadline = readDeadline(cell('deadlineKind').value, cell('deadlineDate').value, fail);
  if (deadline !== undefined) entry.deadline = deadline;
  // Both cells make one field: once either is reported, the schema's view of `deadline` adds nothing.
  if (failed.has('deadlineKind') || failed.has('deadlineDate')) failed.add('deadlineKind').add('deadlineDate');

  const parsed = ProgrammeSchema.safeParse(inSchemaOrder(entry), germanErrors);
  if (parsed.success) return { programme: parsed.data, problems };
  for (const issue of parsed.error.issues) {
    const name = columnForField(issue.path.map(String).join('.')) ?? 'id';
    if (failed.has(name)) continue;
    const { line, column } = cell(name);
    problems.push({ line, column, ...issueProblem(issue, entry) });
  }
  return { problems };
}

type Fail = (name: CsvColumn, detail: CsvProblemDetail) => void;

/** "28-59", "28 bis 59", "ab 28", "bis 27" (years). */
function readAges(text: string): { min?: number; max?: number } | null {
  const [, from, to] = /^(\d{1,3})\s*(?:-|–|bis)\s*(\d{1,3})$/i.exec(text) ?? [];
  if (from !== undefined && to !== undefined) return { min: Number(from), max: Number(to) };
  const [, atLeast] = /^ab\s*(\d{1,3})$/i.exec(text) ?? [];
  if (atLeast !== undefined) return { min: Number(atLeast) };
  const [, atMost] = /^bis\s*(\d{1,3})$/i.exec(text) ?? [];
  return atMost === undefined ? null : { max: Number(atMost) };
}

/**
 * deadlineDate is the date of a stichtag or beendet, day and month of a yearly deadline ("30.11."),
 * the previous deadline of naechste_runde, and empty for laufend.
 */
function readDeadline(kindText: string, dateText: string, fail: Fail): Record<string, string | number> | undefined {
  const kind = kindText.toLowerCase();
  if (kind === 'jaehrlich') {
    const [, day, month] = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(dateText) ?? [];
    if (day !== undefined && month !== undefined) return { kind, day: Number(day), month: Number(month) };
    fail('deadlineDate', dateText === '' ? { kind: 'dateRequired', deadlineKind: kind } : { kind: 'notADayOfYear', value: dateText });
    return undefined;
  }
  const date = dateText === '' ? undefined : parseCsvDate(dateText);
  if (date === null) fail('deadlineDate', { kind: 'notADate', value: dateText });
  if (kind === '') return undefined;
  if (!DEADLINE_KINDS.includes(kind as (typeof DEADLINE_KINDS)[number])) {
    fail('deadlineKind', { kind: 'notAllowed', value: kindText, allowed: DEADLINE_KINDS });
    return undefined;
  }
  if (kind === 'laufend') {
    if (dateText !== '') fail('deadlineDate', { kind: 'dateNotExpected' });
    return { kind };
  }
  if (kind === 'naechste_runde') return date ? { kind, previous: date } : { kind };
  if (dateText === '') fail('deadlineDate', { kind: 'dateRequired', deadlineKind: kind });
  return date ? { kind, date } : undefined;
}

// The file keeps the schema's order of fields, whatever the order of the columns.
function inSchemaOrder(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(ProgrammeSchema.shape).flatMap((key) => (key in entry ? [[key, entry[key]]] : [])));
}

function issueProblem(issue: z.core.$ZodIssue, entry: Record<string, unknown>): CsvProblemDetail {
  if (issue.code === 'invalid_value') {
    const value = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], entry);
    return { kind: 'notAllowed', value: String(value), allowed: issue.values.map(String) };
  }
  return { kind: 'invalid', message: issue.message };
}
