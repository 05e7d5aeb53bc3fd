import { z } from 'zod';
import { SHOWN_ELSEWHERE } from '../cards/programmeCard.js';
import { type Hit, byNearestDeadline, byTitle, match, rankedHits } from '../domain/matcher.js';
import { LevelSchema, type Programme } from '../domain/programme.js';
import { NO_PLACES, type PlaceIndex, municipalityOf } from '../domain/places.js';
import { type Recognition, recognize } from '../domain/recognizer.js';
import { fold } from '../domain/text.js';
import {
  MunicipalitySchema,
  NEED_LABELS,
  NeedIdSchema,
  type Profile,
  ProfileSchema,
  type Size,
  SlotSchema,
  TARGET_GROUP_LABELS,
  TargetGroupIdSchema,
  emptyProfile,
  missingSlots,
  sizeClassFor,
  sizeOfMunicipality,
} from '../domain/taxonomy.js';
import {
  amountText,
  APPLICANT_LABELS,
  deadlineText,
  LEVEL_LABELS,
  mismatchText,
  profileText,
  reasonText,
  routeText,
} from '../texts/labels.js';
import { webTexts } from '../texts/tab.js';
import type { ProgrammesQuery } from './programmesQuery.js';

/** What `GET /api/programmes` answers: the profile it searched with and the programmes as cards need them. */

export const ProgrammeResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  funder: z.string(),
  level: LevelSchema,
  levelLabel: z.string(),
  needs: z.array(z.string()),
  targetGroups: z.array(z.string()),
  applicants: z.array(z.string()),
  /** Only when there is no application: how participants are chosen; `applicants` then names who takes part. */
  withoutApplication: z.string().optional(),
  access: z.enum(['direct', 'viaKreis', 'intermediary', 'information']),
  /** Only when the municipality gets the funding through another body. */
  viaIntermediary: z.string().optional(),
  /** How the municipality searched for gets it, as the chat's card says it: itself, through its Kreis, or through another body. */
  route: z.string().optional(),
  /** Who may use it at all, when the programme is limited to some sizes of municipality. */
  sizeNote: z.string().optional(),
  amount: z.string(),
  amountNote: z.string().optional(),
  deadline: z.string(),
  daysLeft: z.number().int().nullable(),
  status: z.enum(['open', 'ended']),
  /** The ✓ line of the bot's card; empty when browsing, where nothing was asked. */
  reasons: z.array(z.string()),
  mismatches: z.array(z.string()),
  applicationUrl: z.url(),
  sourceUrl: z.url(),
  contact: z.string().optional(),
  lastVerified: z.iso.date(),
  successor: z.object({ id: z.string(), title: z.string() }).optional(),
  /** The matcher's score in a search; null when browsing. */
  score: z.number().nullable(),
});
export type ProgrammeResult = z.infer<typeof ProgrammeResultSchema>;

export const RecognizedSchema = ProfileSchema.extend({
  /** Guesses to confirm: a need or group from a short misspelt word, or places of one name ("Gütersloh": the city or the Kreis). */
  unsure: z.object({
    needs: z.array(NeedIdSchema),
    targetGroups: z.array(TargetGroupIdSchema),
    municipalities: z.array(MunicipalitySchema),
  }),
  /** A place outside NRW the text named; the search then has no municipality. */
  outsideNrw: z.string().nullable(),
});

export const ProgrammesAnswerSchema = z.object({
  /** `browse` when nothing was asked or understood: every programme a municipality can use. */
  mode: z.enum(['search', 'browse']),
  /** What the free text `q` said, before the form fields were laid over it; null without `q`. */
  recognized: RecognizedSchema.nullable(),
  /** What was searched for: form fields win over the free text. */
  profile: ProfileSchema,
  profileText: z.string(),
  missing: z.array(SlotSchema),
  /** `closest`: nothing fits every answer, these fit part of it (each says what does not fit). */
  fit: z.enum(['exact', 'closest', 'none']),
  message: z.string(),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  results: z.array(ProgrammeResultSchema),
});
export type ProgrammesAnswer = z.infer<typeof ProgrammesAnswerSchema>;

const APPLICANT_ORDER = Object.keys(APPLICANT_LABELS) as (keyof typeof APPLICANT_LABELS)[];

function resultOf(hit: Hit, mode: ProgrammesAnswer['mode'], titles: ReadonlyMap<string, string>): ProgrammeResult {
  const { programme } = hit;
  const sizeReason = hit.reasons.find((reason) => reason.kind === 'sizeClasses');
  const successorTitle = programme.successor === undefined ? undefined : titles.get(programme.successor);
  const route = mode === 'browse' ? undefined : routeText(hit);
  return {
    id: programme.id,
    title: programme.title,
    summary: programme.summary,
    funder: programme.funder,
    level: programme.level,
    levelLabel: LEVEL_LABELS[programme.level],
    needs: programme.needs.map((id) => NEED_LABELS[id]),
    targetGroups: programme.targetGroups.map((id) => TARGET_GROUP_LABELS[id]),
    applicants: APPLICANT_ORDER.filter((applicant) => programme.applicants.includes(applicant)).map(
      (applicant) => APPLICANT_LABELS[applicant],
    ),
    ...(programme.withoutApplication === undefined ? {} : { withoutApplication: programme.withoutApplication }),
    access: hit.access,
    ...(hit.access === 'intermediary' && programme.viaIntermediary !== undefined ? { viaIntermediary: programme.viaIntermediary } : {}),
    ...(hit.access === 'viaKreis' ? { viaIntermediary: routeText(hit) } : {}),
    ...(route === undefined ? {} : { route }),
    ...(sizeReason === undefined ? {} : { sizeNote: reasonText(sizeReason) }),
    amount: amountText(programme),
    ...(programme.amountNote === undefined ? {} : { amountNote: programme.amountNote }),
    deadline: deadlineText(programme.deadline, hit.daysLeft),
    daysLeft: hit.daysLeft,
    status: hit.status,
    reasons: mode === 'browse' ? [] : hit.reasons.filter((reason) => !SHOWN_ELSEWHERE.has(reason.kind)).map(reasonText),
    mismatches: hit.mismatches.map(mismatchText),
    applicationUrl: programme.applicationUrl,
    sourceUrl: programme.sourceUrl,
    ...(programme.contact === undefined ? {} : { contact: programme.contact }),
    lastVerified: programme.lastVerified,
    ...(programme.successor !== undefined && successorTitle !== undefined
      ? { successor: { id: programme.successor, title: successorTitle } }
      : {}),
    score: mode === 'browse' ? null : hit.score,
  };
}

/** Explicit size fields: the class as given, else derived from the count of inhabitants. */
function explicitSize(query: ProgrammesQuery): Size | null {
  const { size, inhabitants } = query;
  if (size === undefined && inhabitants === undefined) return null;
  const sizeClass = size ?? sizeClassFor(inhabitants as number);
  return inhabitants === undefined ? { class: sizeClass } : { class: sizeClass, inhabitants };
}

/** The form fields laid over what the free text said: a field that is filled wins, slot by slot. */
function profileFor(query: ProgrammesQuery, recognition: Recognition | null, places: PlaceIndex): Profile {
  const chosen = query.municipality === undefined ? undefined : places.byAgs.get(query.municipality);
  const municipality =
    chosen !== undefined ? municipalityOf(chosen, places) : explicitSize(query) === null ? (recognition?.municipality ?? null) : null;
  return {
    needs: query.need.length > 0 ? query.need : (recognition?.needs ?? []),
    targetGroups: query.targetGroup.length > 0 ? query.targetGroup : (recognition?.targetGroups ?? []),
    size: municipality !== null ? sizeOfMunicipality(municipality) : (explicitSize(query) ?? recognition?.size ?? null),
    municipality,
    kind: municipality !== null ? null : (query.kind ?? (explicitSize(query) === null ? (recognition?.kind ?? null) : null)),
  };
}

const isEmpty = (profile: Profile) => missingSlots(profile).length === 3;

/** The name filter: every word of it in the programme's title or funder, folded alike (case, ä/ae/a, ß/ss, punctuation). */
function hasName(name: string | undefined): (programme: Programme) => boolean {
  const words = fold(name ?? '')
    .split(' ')
    .filter((word) => word !== '');
  return (programme) => {
    const text = fold(`${programme.title} ${programme.funder}`);
    return words.every((word) => text.includes(word));
  };
}

/**
 * Searches like the bot (same `recognize`, `match` and `rankedHits`), or lists every programme a
 * municipality can use when nothing was asked. `today` comes from the app, never from the clock here.
 */
export function answerProgrammes(
  query: ProgrammesQuery,
  programmes: readonly Programme[],
  today: string,
  places: PlaceIndex = NO_PLACES,
): ProgrammesAnswer {
  const text = query.q?.trim() ?? '';
  const recognition = text === '' ? null : recognize(text, undefined, places);
  const profile = profileFor(query, recognition, places);
  const mode = isEmpty(profile) ? 'browse' : 'search';

  // Browsing matches an empty profile: the same hard rules (who may apply, ended or open), no ranking by fit.
  const result = match(mode === 'browse' ? emptyProfile() : profile, programmes, today);
  // Browsing by „Frist in den nächsten … Tagen“ wants the nearest deadline first, not the alphabet.
  const browseOrder = query.deadlineWithinDays === undefined ? byTitle : byNearestDeadline;
  const open = mode === 'browse' ? [...result.exact].sort(browseOrder) : rankedHits(result).slice();
  const ended = mode === 'browse' ? [...result.ended].sort(byTitle) : result.ended.slice();
  const listed = query.status === 'open' ? open : query.status === 'ended' ? ended : [...open, ...ended];

  const filtered = query.level.length > 0 || query.deadlineWithinDays !== undefined;
  const within = query.deadlineWithinDays;
  const named = hasName(query.name);
  const shown = listed.filter(
    (hit) =>
      named(hit.programme) &&
      (query.level.length === 0 || query.level.includes(hit.programme.level)) &&
      (within === undefined || (hit.status === 'open' && hit.daysLeft !== null && hit.daysLeft >= 0 && hit.daysLeft <= within)),
  );

  const titles = new Map(programmes.map((programme) => [programme.id, programme.title]));
  const fit = result.exact.length > 0 ? 'exact' : result.closest.length > 0 ? 'closest' : 'none';
  const endedShown = shown.filter((hit) => hit.status === 'ended').length;
  return {
    mode,
    recognized:
      recognition === null
        ? null
        : {
            needs: recognition.needs,
            targetGroups: recognition.targetGroups,
            size: recognition.size,
            municipality: recognition.municipality,
            unsure: recognition.unsure,
            outsideNrw: recognition.outsideNrw,
          },
    profile,
    profileText: profileText(profile),
    missing: missingSlots(profile),
    fit,
    message: webTexts.api.summary({
      mode,
      fit,
      total: shown.length,
      ended: endedShown,
      onlyEnded: query.status === 'ended',
      filtered,
      name: query.name,
    }),
    total: shown.length,
    offset: query.offset,
    limit: query.limit,
    results: shown.slice(query.offset, query.offset + query.limit).map((hit) => resultOf(hit, mode, titles)),
  };
}
