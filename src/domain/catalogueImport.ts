import { type Programme, ProgrammeFileSchema, ProgrammeSchema, type StoreProblem, validateProgrammes } from './programme.js';
import { type CsvProblem, type CsvRow, columnForField, readProgrammeCsv } from './programmeCsv.js';

/** What a CSV import does to the programme file: merged by id, checked as a whole, all or nothing. */

export interface ImportChange {
  id: string;
  title: string;
  /** The CSV line the entry comes from. */
  line: number;
  /** The fields whose value changes; empty for a new entry. */
  fields: string[];
}

export type ImportPlan =
  | {
      ok: true;
      /** The new content of the file: its top level as it was (`$schema` included), with the merged list. */
      data: Record<string, unknown>;
      added: ImportChange[];
      changed: ImportChange[];
      unchanged: number;
    }
  | {
      ok: false;
      /** Problems of the CSV and of its rows in the merged list. */
      csvProblems: CsvProblem[];
      /** Problems of entries that were in the file already; the import cannot fix them. */
      fileProblems: StoreProblem[];
    };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Key order does not make a value different.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The fields in which the stored entry differs from the imported programme, in the schema's order. */
export function changedFields(stored: unknown, programme: Programme): string[] {
  const before = isRecord(stored) ? stored : {};
  const after: Record<string, unknown> = programme;
  const keys = [...new Set([...Object.keys(ProgrammeSchema.shape), ...Object.keys(before)])];
  return keys.filter((key) => canonical(before[key]) !== canonical(after[key]));
}

/**
 * Merges the CSV's programmes into the parsed programme file: a row replaces the entry with its id
 * entirely, a new id is appended, every other entry keeps its content and place.
 * The merged file must pass `validateProgrammes`, else the plan names what stops it.
 */
export function planImport(current: unknown, csvText: string, file: string): ImportPlan {
  const csv = readProgrammeCsv(csvText);
  const top = ProgrammeFileSchema.safeParse(current);
  if (!top.success || !isRecord(current)) {
    const stored = validateProgrammes(current, file);
    return { ok: false, csvProblems: csv.ok ? [] : csv.problems, fileProblems: stored.ok ? [] : stored.problems };
  }
  if (!csv.ok) return { ok: false, csvProblems: csv.problems, fileProblems: [] };

  const incoming = new Map<string, CsvRow>(csv.rows.map((row) => [row.programme.id, row]));
  const replaced = new Set<string>();
  const added: ImportChange[] = [];
  const changed: ImportChange[] = [];
  let unchanged = 0;
  const change = (row: CsvRow, fields: string[]): ImportChange => ({
    id: row.programme.id,
    title: row.programme.title,
    line: row.line,
    fields,
  });

  const programmes: unknown[] = top.data.programmes.map((stored) => {
    const id = isRecord(stored) ? stored.id : undefined;
    const row = typeof id === 'string' ? incoming.get(id) : undefined;
    if (row === undefined) {
      unchanged += 1;
      return stored;
    }
    replaced.add(row.programme.id);
    const fields = changedFields(stored, row.programme);
    if (fields.length === 0) {
      unchanged += 1;
      return stored;
    }
    changed.push(change(row, fields));
    return row.programme;
  });
  for (const row of csv.rows) {
    if (replaced.has(row.programme.id)) continue;
    added.push(change(row, []));
    programmes.push(row.programme);
  }

  const data = { ...current, programmes };
  const merged = validateProgrammes(data, file);
  if (merged.ok) return { ok: true, data, added, changed, unchanged };

  const csvProblems: CsvProblem[] = [];
  const fileProblems: StoreProblem[] = [];
  for (const problem of merged.problems) {
    const row = problem.entry === null ? undefined : incoming.get(problem.entry);
    if (row === undefined) {
      fileProblems.push(problem);
      continue;
    }
    const name = (problem.field === null ? null : columnForField(problem.field)) ?? 'id';
    csvProblems.push({ line: row.lines[name], column: { index: csv.columns[name], name }, kind: 'invalid', message: problem.message });
  }
  return { ok: false, csvProblems, fileProblems };
}
