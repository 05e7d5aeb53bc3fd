import { type FSWatcher, existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile, TextFile } from 'lowdb/node';
import { type Programme, type StoreProblem, type StoreResult, validateProgrammes } from '../domain/programme.js';
import { indexFor } from '../domain/programmeIndex.js';
import { storeTexts } from '../texts/operations.js';

/** Reads the programme store through lowdb and checks it; every problem names the file, entry and field. */
export async function readProgrammeFile(file: string): Promise<StoreResult> {
  const db = new Low<unknown>(new JSONFile<unknown>(file), null);
  try {
    await db.read();
  } catch (error) {
    return { ok: false, problems: [{ file, entry: null, field: null, message: readFailure(error) }] };
  }
  // lowdb returns its default for a missing file and for a file that holds `null`.
  if (db.data === null) {
    return {
      ok: false,
      problems: [{ file, entry: null, field: null, message: existsSync(file) ? storeTexts.holdsNull : storeTexts.notFound }],
    };
  }
  return validateProgrammes(db.data, file);
}

/** The file's text and its parsed JSON, not yet checked: for the tools that change the file. */
export async function readProgrammeData(
  file: string,
): Promise<{ ok: true; text: string; data: unknown } | { ok: false; problems: StoreProblem[] }> {
  const failed = (message: string) => ({ ok: false as const, problems: [{ file, entry: null, field: null, message }] });
  let text: string | null;
  try {
    text = await new TextFile(file).read();
  } catch (error) {
    return failed(readFailure(error));
  }
  if (text === null) return failed(storeTexts.notFound);
  try {
    return { ok: true, text, data: JSON.parse(text) as unknown };
  } catch (error) {
    return failed(readFailure(error));
  }
}

/** A data file as every tool writes it: JSON indented by two spaces, with a final line break. */
export const dataFileText = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;

/**
 * Replaces the file in one step: lowdb (steno) writes a temporary file beside it and renames it over
 * the old one, so the bot's watch never reads half a file.
 */
export async function writeProgrammeData(file: string, data: unknown): Promise<void> {
  await new TextFile(file).write(dataFileText(data));
}

/** Why a data file could not be read or parsed, in German. */
export function readFailure(error: unknown): string {
  if (error instanceof SyntaxError) return storeTexts.notJson(error.message);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return storeTexts.notFound;
  if (code === 'EACCES') return storeTexts.notReadable;
  if (code === 'EISDIR') return storeTexts.isFolder;
  return storeTexts.cannotRead(error instanceof Error ? error.message : String(error));
}

export function problemText(problem: StoreProblem): string {
  const where = [
    problem.file,
    problem.entry === null ? null : `Eintrag „${problem.entry}“`,
    problem.field === null ? null : `Feld „${problem.field}“`,
  ];
  return `${where.filter((part) => part !== null).join(', ')}: ${problem.message}`;
}

/** Programmes that have not ended: what a reload must not take away by the half either. */
const running = (programmes: readonly Programme[]) => programmes.filter((programme) => programme.deadline.kind !== 'beendet').length;

/**
 * A valid file with no programmes, or, on a reload, with fewer than half of those (or of the running
 * ones) the bot started with, as a problem of the file. Measured against the start, not the last
 * reload, so that halving in several steps is caught as well.
 */
function checkedSize(result: StoreResult, file: string, started: readonly Programme[] | null): StoreResult {
  if (!result.ok) return result;
  const problem = (message: string): StoreResult => ({ ok: false, problems: [{ file, entry: null, field: 'programmes', message }] });
  const count = result.programmes.length;
  if (count === 0) return problem(storeTexts.noProgrammes);
  if (started === null) return result;
  if (count < started.length / 2) return problem(storeTexts.tooFewProgrammes(count, started.length));
  if (running(result.programmes) < running(started) / 2)
    return problem(storeTexts.tooFewRunning(running(result.programmes), running(started)));
  return result;
}

/** The programmes in use. A reload that fails keeps the last good list. */
export class ProgrammeCatalogue {
  private current: readonly Programme[];

  private constructor(
    readonly file: string,
    /** The programmes the bot started with: what a reload is measured against. */
    private readonly started: readonly Programme[],
  ) {
    this.current = started;
    indexFor(started);
  }

  static async open(file: string): Promise<{ ok: true; catalogue: ProgrammeCatalogue } | { ok: false; problems: StoreProblem[] }> {
    const result = checkedSize(await readProgrammeFile(file), file, null);
    return result.ok ? { ok: true, catalogue: new ProgrammeCatalogue(file, result.programmes) } : result;
  }

  get programmes(): readonly Programme[] {
    return this.current;
  }

  /**
   * Reads the file again; only a valid file replaces the programmes, together with their index, in
   * one step. A file that would leave none, or fewer than half of those the bot started with, is
   * refused like a broken one: more likely a truncated copy than an editor's intent (a restart takes it).
   */
  async reload(): Promise<StoreResult> {
    const result = checkedSize(await readProgrammeFile(this.file), this.file, this.started);
    if (result.ok) {
      indexFor(result.programmes);
      this.current = result.programmes;
    }
    return result;
  }

  /**
   * Reloads when the file changes. The folder is watched, not the file: editors and the CSV import
   * replace the file by renaming a new one over it. Bursts of events count once.
   */
  watch(onReload: (result: StoreResult) => void, quietMs = 300): FSWatcher {
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(dirname(this.file), (_event, name) => {
      if (name !== null && name !== basename(this.file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void this.reload().then(onReload), quietMs);
    });
    watcher.on('close', () => clearTimeout(timer));
    return watcher;
  }
}
