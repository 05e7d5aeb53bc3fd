import { z } from 'zod';
import { LevelSchema } from '../domain/programme.js';
import {
  MunicipalityKindSchema,
  NeedIdSchema,
  type Profile,
  SizeClassIdSchema,
  TargetGroupIdSchema,
  sizeClassFor,
} from '../domain/taxonomy.js';
import { webTexts } from '../texts/tab.js';

/** `GET /api/programmes` query parameters: one zod schema, and problems as data for the 400 answer. */

export const MAX_FREE_TEXT_CHARS = 500;
export const MAX_NAME_CHARS = 100;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const MAX_INHABITANTS = 20_000_000;
export const MAX_DEADLINE_DAYS = 3650;
export const MAX_OFFSET = 100_000;

/** Every parameter arrives as the list of its values, because a parameter may repeat (`need=a&need=b`). */
const Values = z.array(z.string());

/** Ids as repeated parameters, comma-separated, or both; blanks and repeats are ignored (a repeat would weigh a need twice). */
const idList = <T extends z.ZodType<unknown, string>>(id: T) =>
  Values.transform((values) =>
    values
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value, index, all) => value !== '' && all.indexOf(value) === index),
  ).pipe(z.array(id));

/** A parameter given at most once; an empty value counts as not given. */
const single = <T extends z.ZodType<unknown, string>>(value: T) =>
  Values.refine((values) => values.length <= 1, { params: { problem: 'repeated' } })
    .transform((values): string | undefined => (values[0] === undefined || values[0].trim() === '' ? undefined : values[0].trim()))
    .pipe(value.optional());

const wholeNumber = (min: number, max: number) => z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

export const StatusFilterSchema = z.enum(['open', 'ended', 'all']);

export const ProgrammesQuerySchema = z
  .strictObject({
    need: idList(NeedIdSchema),
    targetGroup: idList(TargetGroupIdSchema),
    size: single(SizeClassIdSchema),
    inhabitants: single(wholeNumber(1, MAX_INHABITANTS)),
    /** Amtlicher Gemeindeschlüssel of an NRW municipality or Kreis; it brings size and kind. */
    municipality: single(z.string().regex(/^05\d{3}(?:\d{3})?$/)),
    /** Kreisfrei, kreisangehörig or Kreis, when no municipality is named: it decides who applies. */
    kind: single(MunicipalityKindSchema),
    // Not trimmed away: the recognizer reads the text as written, only the length is bounded.
    q: Values.refine((values) => values.length <= 1, { params: { problem: 'repeated' } })
      .transform((values): string | undefined => values[0])
      .pipe(z.string().max(MAX_FREE_TEXT_CHARS).optional()),
    level: idList(LevelSchema),
    status: single(StatusFilterSchema).transform((status) => status ?? 'open'),
    deadlineWithinDays: single(wholeNumber(0, MAX_DEADLINE_DAYS)),
    /** Words every listed programme has in its title or funder, compared without case and umlauts ("forder" finds „Förder…“). */
    name: single(z.string().max(MAX_NAME_CHARS)),
    limit: single(wholeNumber(1, MAX_LIMIT)).transform((limit) => limit ?? DEFAULT_LIMIT),
    offset: single(wholeNumber(0, MAX_OFFSET)).transform((offset) => offset ?? 0),
  })
  .superRefine((query, context) => {
    const { size, inhabitants, municipality } = query;
    // The municipality brings its own size: a second one could only disagree.
    if (municipality !== undefined && (size !== undefined || inhabitants !== undefined)) {
      context.addIssue({ code: 'custom', path: ['municipality'], params: { problem: 'municipalityWithSize' }, input: municipality });
    }
    // A Kreis has inhabitants of every count; a town's count decides its class.
    if (size !== undefined && size !== 'kreis' && inhabitants !== undefined && sizeClassFor(inhabitants) !== size) {
      context.addIssue({ code: 'custom', path: ['inhabitants'], params: { problem: 'sizeConflict' }, input: inhabitants });
    }
  });

export type ProgrammesQuery = z.output<typeof ProgrammesQuerySchema>;
export type ParameterName = keyof z.input<typeof ProgrammesQuerySchema>;
export const PARAMETER_NAMES = Object.keys(ProgrammesQuerySchema.shape) as ParameterName[];

export type QueryProblem =
  | { kind: 'unknownParameter'; name: string }
  | { kind: 'repeatedParameter'; name: ParameterName }
  | { kind: 'invalidValue'; name: ParameterName; value: string }
  | { kind: 'sizeConflict'; inhabitants: number; size: string }
  | { kind: 'municipalityWithSize' }
  | { kind: 'unknownMunicipality'; value: string };

export type QueryResult = { ok: true; query: ProgrammesQuery } | { ok: false; problem: QueryProblem };

const isParameterName = (name: PropertyKey | undefined): name is ParameterName => PARAMETER_NAMES.includes(name as ParameterName);

/** Long or odd values are shortened in the message: it names the problem, it does not echo a whole text. */
const SHOWN_VALUE_CHARS = 40;
const shown = (value: string) => (value.length <= SHOWN_VALUE_CHARS ? value : `${value.slice(0, SHOWN_VALUE_CHARS - 1)}…`);

/** Reads the query string; the first problem is reported, located at its parameter. */
export function parseProgrammesQuery(search: URLSearchParams): QueryResult {
  // Without a prototype, "__proto__" or "constructor" in the query are names like any other, and unknown.
  const raw: Record<string, string[]> = Object.assign(
    Object.create(null) as Record<string, string[]>,
    Object.fromEntries(PARAMETER_NAMES.map((name) => [name, search.getAll(name)])),
  );
  for (const name of search.keys()) if (!Object.hasOwn(raw, name)) raw[name] = search.getAll(name);

  const parsed = ProgrammesQuerySchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, query: parsed.data };

  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new Error('web: zod reported a failure without an issue');
  if (issue.code === 'unrecognized_keys') return { ok: false, problem: { kind: 'unknownParameter', name: issue.keys[0] ?? '' } };

  const name = issue.path[0];
  if (!isParameterName(name)) throw new Error(`web: query issue outside a parameter: ${issue.path.join('.')}`);
  const problem = issue.code === 'custom' ? (issue.params as { problem?: string } | undefined)?.problem : undefined;
  if (problem === 'repeated') return { ok: false, problem: { kind: 'repeatedParameter', name } };
  if (problem === 'municipalityWithSize') return { ok: false, problem: { kind: 'municipalityWithSize' } };
  if (problem === 'sizeConflict')
    return { ok: false, problem: { kind: 'sizeConflict', inhabitants: Number(raw.inhabitants?.[0]), size: raw.size?.[0]?.trim() ?? '' } };

  // A list parameter fails at one of its ids; show that id rather than the whole list.
  const input = (issue as { input?: unknown }).input;
  const value = typeof input === 'string' ? input : (raw[name] ?? []).join(',');
  return { ok: false, problem: { kind: 'invalidValue', name, value: shown(value) } };
}

const api = webTexts.api;
const EXPECTED: Record<ParameterName, string> = {
  need: api.expected.ids(api.expected.needs, NeedIdSchema.options),
  targetGroup: api.expected.ids(api.expected.targetGroups, TargetGroupIdSchema.options),
  size: api.expected.oneId(api.expected.sizeClass, SizeClassIdSchema.options),
  inhabitants: api.expected.wholeNumber(1, MAX_INHABITANTS),
  municipality: api.expected.municipality,
  kind: api.expected.oneId(api.expected.kind, MunicipalityKindSchema.options),
  q: api.expected.freeText(MAX_FREE_TEXT_CHARS),
  level: api.expected.ids(api.expected.levels, LevelSchema.options),
  status: api.expected.status,
  deadlineWithinDays: api.expected.wholeNumber(0, MAX_DEADLINE_DAYS),
  name: api.expected.freeText(MAX_NAME_CHARS),
  limit: api.expected.wholeNumber(1, MAX_LIMIT),
  offset: api.expected.wholeNumber(0, MAX_OFFSET),
};

/** The German sentence for the 400 answer: it names the parameter and says what would be right. */
export function queryProblemText(problem: QueryProblem): string {
  switch (problem.kind) {
    case 'unknownParameter':
      return api.unknownParameter(problem.name, PARAMETER_NAMES);
    case 'repeatedParameter':
      return api.repeatedParameter(problem.name);
    case 'invalidValue':
      return api.invalidValue(problem.name, problem.value, EXPECTED[problem.name]);
    case 'sizeConflict':
      return api.sizeConflict(problem.inhabitants, problem.size, sizeClassFor(problem.inhabitants));
    case 'municipalityWithSize':
      return api.municipalityWithSize;
    case 'unknownMunicipality':
      return api.unknownMunicipality(problem.value);
  }
}

/**
 * The query that searches exactly this profile: ids, never the words they came from, so that the tab
 * opened from a link (or an export) ranks as the chat did.
 */
export function searchParamsOf(profile: Profile): URLSearchParams {
  const params = new URLSearchParams();
  if (profile.needs.length > 0) params.set('need', profile.needs.join(','));
  if (profile.targetGroups.length > 0) params.set('targetGroup', profile.targetGroups.join(','));
  if (profile.municipality != null) params.set('municipality', profile.municipality.ags);
  else {
    if (profile.size != null) {
      params.set('size', profile.size.class);
      if (profile.size.inhabitants !== undefined) params.set('inhabitants', String(profile.size.inhabitants));
    }
    if (profile.kind != null) params.set('kind', profile.kind);
  }
  return params;
}
