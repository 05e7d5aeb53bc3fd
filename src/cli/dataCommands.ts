import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { checkCatalogue, exitCodeFor } from '../domain/catalogueCheck.js';
import { planImport } from '../domain/catalogueImport.js';
import { GAZETTEER_SCHEMA_FILE, writeGazetteerSchemaFile } from '../storage/gazetteerSchemaFile.js';
import { PROGRAMME_SCHEMA_FILE, writeProgrammeSchemaFile } from '../storage/programmeSchemaFile.js';
import { problemText, readProgrammeData, writeProgrammeData } from '../storage/programmeFile.js';
import { dataTexts } from '../texts/cli.js';
import { call, text } from './commandArguments.js';

/**
 * The tools for whoever keeps the programme catalogue: `data:check`, `data:import` and `data:schema` (which
 * writes the gazetteer's schema too).
 * Exit codes: 0 done, 1 the data has problems (nothing written), 2 a wrong call.
 */

export interface DataCommandDeps {
  /** The programme file when --file is not given (PROGRAMMES_FILE). */
  defaultFile: string;
  /** Today in the users' time zone (JJJJ-MM-TT). */
  today: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `data:check [--file PFAD] [--today JJJJ-MM-TT]`: errors and warnings of the catalogue, and what is usable per need. */
export async function dataCheckCommand(args: string[], deps: DataCommandDeps): Promise<number> {
  const c = dataTexts.check;
  const parsed = call(args, { file: { type: 'string' }, today: { type: 'string' } }, 0, c.usage, deps);
  if (typeof parsed === 'number') return parsed;
  const today = text(parsed.values.today) ?? deps.today;
  if (!z.iso.date().safeParse(today).success) {
    deps.err(`${dataTexts.badToday(today)}\n\n${c.usage}`);
    return 2;
  }
  const file = text(parsed.values.file) ?? deps.defaultFile;
  const read = await readProgrammeData(file);
  if (!read.ok) {
    deps.err(dataTexts.fileUnreadable(read.problems.map(problemText).join('; ')));
    return 1;
  }

  const { findings, summary } = checkCatalogue(read.data, file, today);
  const errors = findings.filter((finding) => finding.severity === 'error');
  const warnings = findings.filter((finding) => finding.severity === 'warning');
  const lines = [c.heading(file, summary.programmes, today)];
  if (errors.length > 0) lines.push('', c.errors(errors.length), ...errors.map((finding) => `  ${c.finding(finding)}`));
  if (warnings.length > 0) lines.push('', c.warnings(warnings.length), ...warnings.map((finding) => `  ${c.finding(finding)}`));
  lines.push('', c.summary(summary), c.verdict(errors.length, warnings.length));
  deps.out(lines.join('\n'));
  return exitCodeFor(findings);
}

/** `data:import DATEI.csv [--file PFAD] [--dry-run]`: merges a spreadsheet into the catalogue, all or nothing. */
export async function dataImportCommand(args: string[], deps: DataCommandDeps): Promise<number> {
  const c = dataTexts.import;
  const parsed = call(args, { file: { type: 'string' }, 'dry-run': { type: 'boolean' } }, 1, c.usage, deps);
  if (typeof parsed === 'number') return parsed;
  const [csvFile] = parsed.positionals;
  if (csvFile === undefined) {
    deps.err(`${c.missingCsv}\n\n${c.usage}`);
    return 2;
  }
  const file = text(parsed.values.file) ?? deps.defaultFile;
  const dryRun = parsed.values['dry-run'] === true;

  let csvText: string;
  try {
    csvText = await readFile(csvFile, 'utf8');
  } catch (error) {
    deps.err(c.csvUnreadable(csvFile, error instanceof Error ? error.message : String(error)));
    return 1;
  }
  const read = await readProgrammeData(file);
  if (!read.ok) {
    deps.err(dataTexts.fileUnreadable(read.problems.map(problemText).join('; ')));
    return 1;
  }

  const plan = planImport(read.data, csvText, file);
  if (!plan.ok) {
    const lines: string[] = [];
    if (plan.csvProblems.length > 0) {
      lines.push(c.csvProblems(csvFile, plan.csvProblems.length), ...plan.csvProblems.map((problem) => `  ${c.problem(problem)}`));
      if (plan.csvProblems.some((problem) => problem.kind === 'unknownColumn' || problem.kind === 'missingColumns'))
        lines.push(c.expectedHeader);
    }
    if (plan.fileProblems.length > 0)
      lines.push(c.fileProblems(file, plan.fileProblems.length), ...plan.fileProblems.map((problem) => `  ${problemText(problem)}`));
    deps.err(lines.join('\n'));
    return 1;
  }

  const counts = c.counts(plan.added.length, plan.changed.length, plan.unchanged);
  const listing = [...plan.added.map(c.added), ...plan.changed.map(c.changed)];
  if (plan.added.length + plan.changed.length === 0) {
    deps.out(c.nothingToWrite(counts));
    return 0;
  }
  if (dryRun) {
    deps.out([...listing, c.dryRun(counts)].join('\n'));
    return 0;
  }
  // Someone may edit the file while the import runs: their change is not overwritten unseen.
  const again = await readProgrammeData(file);
  if (!again.ok || again.text !== read.text) {
    deps.err(c.changedMeanwhile(file));
    return 1;
  }
  try {
    await writeProgrammeData(file, plan.data);
  } catch (error) {
    deps.err(c.writeFailed(file, error instanceof Error ? error.message : String(error)));
    return 1;
  }
  deps.out([...listing, c.written(counts, file), c.reloadHint].join('\n'));
  return 0;
}

/** `data:schema`: writes the JSON Schemas of data/programmes.json and data/municipalities.json from the zod schemas. */
export async function dataSchemaCommand(args: string[], deps: Pick<DataCommandDeps, 'out' | 'err'>): Promise<number> {
  const parsed = call(args, {}, 0, dataTexts.schema.usage, deps);
  if (typeof parsed === 'number') return parsed;
  await writeProgrammeSchemaFile(PROGRAMME_SCHEMA_FILE);
  await writeGazetteerSchemaFile(GAZETTEER_SCHEMA_FILE);
  deps.out(`${dataTexts.schema.written(PROGRAMME_SCHEMA_FILE)}\n${dataTexts.schema.gazetteerWritten(GAZETTEER_SCHEMA_FILE)}`);
  return 0;
}
