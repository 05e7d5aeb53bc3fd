import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DemandEventSchema } from '../domain/demand.js';
import { demandReport } from '../domain/demandReport.js';
import { dayNumber } from '../domain/dates.js';
import type { Programme } from '../domain/programme.js';
import { EventLog, MAX_READ_DAYS } from '../storage/eventLog.js';
import type { ListableStorage } from '../storage/listableStorage.js';
import { renderReport } from './renderReport.js';
import { reportTexts } from '../texts/cli.js';

/** The name of the event log the bot records demand in and the report reads. */
export const DEMAND_LOG = 'demand';

/** How far back the report looks without --from. */
const DEFAULT_DAYS_BACK = 365;
const DAY_MS = 86_400_000;

const FORMATS = ['md', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const IsoDaySchema = z.iso.date();
const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Parsed =
  | { ok: true; help: boolean; from: string | undefined; to: string | undefined; format: string | undefined }
  | { ok: false; problem: string };

const daysBefore = (day: string, days: number) => new Date((dayNumber(day) - days) * DAY_MS).toISOString().slice(0, 10);
const isKnownOption = (name: string): name is keyof typeof OPTIONS => Object.hasOwn(OPTIONS, name);
const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value);

// Non-strict parsing with tokens, so that every mistake gets a German message naming the argument.
function parse(args: string[]): Parsed {
  const { values, tokens } = parseArgs({ args, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const c = reportTexts.command;
  for (const token of tokens) {
    if (token.kind === 'positional') return { ok: false, problem: c.unexpected(token.value) };
    if (token.kind !== 'option') continue;
    if (!isKnownOption(token.name)) return { ok: false, problem: c.unknownOption(token.rawName) };
    if (OPTIONS[token.name].type === 'string' && token.value === undefined) return { ok: false, problem: c.missingValue(token.rawName) };
    if (OPTIONS[token.name].type === 'boolean' && token.value !== undefined)
      return { ok: false, problem: c.unexpected(`${token.rawName}=${token.value}`) };
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { ok: true, help: values.help === true, from: text(values.from), to: text(values.to), format: text(values.format) };
}

/**
 * `report [--from JJJJ-MM-TT] [--to JJJJ-MM-TT] [--format md|csv]`: the demand report from the
 * event log, on `out`; problems and the count of unusable records on `err`. Exit code 0, 1 when the
 * storage fails, 2 for a wrong call.
 */
export async function reportCommand(
  args: string[],
  deps: {
    storage: ListableStorage;
    programmes: readonly Programme[];
    today: string;
    out: (text: string) => void;
    err: (text: string) => void;
  },
): Promise<number> {
  const c = reportTexts.command;
  const fail = (problem: string) => {
    deps.err(`${problem}\n\n${c.usage}`);
    return 2;
  };

  const parsed = parse(args);
  if (!parsed.ok) return fail(parsed.problem);
  if (parsed.help) {
    deps.out(c.usage);
    return 0;
  }

  const from = parsed.from ?? daysBefore(deps.today, DEFAULT_DAYS_BACK);
  const to = parsed.to ?? deps.today;
  const format = parsed.format ?? 'md';
  for (const [option, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!IsoDaySchema.safeParse(value).success) return fail(c.badDate(option, value));
  }
  if (from > to) return fail(c.fromAfterTo(from, to));
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > MAX_READ_DAYS) return fail(c.tooLong(days, MAX_READ_DAYS));
  if (!isFormat(format)) return fail(c.badFormat(format));

  const log = new EventLog(deps.storage, { name: DEMAND_LOG, schema: DemandEventSchema, instanceId: 'report' });
  let read: Awaited<ReturnType<typeof log.read>>;
  try {
    read = await log.read(from, to);
  } catch (error) {
    deps.err(c.storageFailed(error instanceof Error ? error.message : String(error)));
    return 1;
  }

  const titles = new Map(deps.programmes.map((programme) => [programme.id, programme.title]));
  deps.out(renderReport(demandReport(read.events, { from, to }, titles), format));
  deps.err(c.readSummary(read.events.length, read.skipped));
  return 0;
}
