import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Recognition } from './recognizer.js';
import {
  type Municipality,
  MunicipalitySchema,
  NeedIdSchema,
  type Profile,
  ProfileSchema,
  SLOTS,
  type Slot,
  SlotSchema,
  TargetGroupIdSchema,
  emptyProfile,
  sizeOfMunicipality,
} from './taxonomy.js';

/** Results a user has seen: how many "zurück" can retrace. */
const SHOWN_MAX = 5;

/** One page of results as it was shown: the answers it was for and the page. */
const ShownSchema = z.object({ profile: ProfileSchema, answered: z.array(SlotSchema), page: z.number().int().min(0) });

/**
 * Where a user's search stands: what is known, in which order it was answered, guesses still to
 * confirm, and which page of results shows.
 */
export const SearchStateSchema = z.object({
  profile: ProfileSchema,
  answered: z.array(SlotSchema),
  // Searches saved before guesses were kept have no such field; they go on without guesses.
  unsure: z
    .object({
      needs: z.array(NeedIdSchema),
      targetGroups: z.array(TargetGroupIdSchema),
      /** Municipalities a name could mean ("Gütersloh": the city or the Kreis). */
      municipalities: z.array(MunicipalitySchema).max(5).default([]),
    })
    .default({ needs: [], targetGroups: [], municipalities: [] }),
  /** The municipality of the user's last search, offered before the size question. */
  suggested: MunicipalitySchema.nullable().default(null),
  page: z.number().int().min(0),
  /** The results shown in this search, latest last, so that "zurück" can return to them. */
  shown: z.array(ShownSchema).max(SHOWN_MAX).default([]),
});
export type SearchState = z.infer<typeof SearchStateSchema>;

export const newSearchState = (): SearchState => ({
  profile: emptyProfile(),
  answered: [],
  unsure: { needs: [], targetGroups: [], municipalities: [] },
  suggested: null,
  page: 0,
  shown: [],
});

/** Stored state is read back through the schema; anything that no longer fits starts a fresh search. */
export const parseSearchState = (stored: unknown): SearchState => {
  const parsed = SearchStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : newSearchState();
};

const LIST_SLOTS = ['needs', 'targetGroups'] as const;

/**
 * Takes in what a reply said: each slot it names replaces the old answer and becomes the latest one,
 * what it rules out ("nicht Frauen") is removed, and weak guesses wait to be confirmed.
 */
export function absorb(state: SearchState, recognition: Recognition): SearchState {
  const profile = { ...state.profile };
  const unsure = { ...state.unsure };
  const said = SLOTS.filter((slot) =>
    slot === 'size' ? recognition.size !== null || recognition.municipality !== null : recognition[slot].length > 0,
  );
  if (said.includes('size')) {
    // A new name or number replaces the municipality; a number alone says no name.
    profile.size = recognition.size;
    profile.municipality = recognition.municipality;
    profile.kind = recognition.municipality === null ? recognition.kind : null;
    unsure.municipalities = [];
  } else {
    // A named municipality has its own kind: "kreisangehörig" after "Köln" changes nothing.
    if (recognition.kind !== null && profile.municipality == null) profile.kind = recognition.kind;
    if (recognition.unsure.municipalities.length > 0) unsure.municipalities = [...recognition.unsure.municipalities];
  }
  for (const slot of LIST_SLOTS) {
    if (said.includes(slot)) {
      (profile[slot] as string[]) = [...recognition[slot]];
      unsure[slot] = [];
    } else {
      const excluded: readonly string[] = recognition.excluded[slot];
      (profile[slot] as string[]) = profile[slot].filter((id) => !excluded.includes(id));
      if (recognition.unsure[slot].length > 0) (unsure[slot] as string[]) = [...recognition.unsure[slot]];
    }
  }
  const stillAnswered = state.answered.filter((slot) => !said.includes(slot) && (slot === 'size' || profile[slot].length > 0));
  const changed = said.length > 0 || stillAnswered.length !== state.answered.length;
  const suggested = said.includes('size') ? null : state.suggested;
  return { ...state, profile, answered: [...stillAnswered, ...said], unsure, suggested, page: changed ? 0 : state.page };
}

/** Takes the municipality that was asked about ("Für Gütersloh?" – "Ja") or chosen among several. */
export function settle(state: SearchState, municipality: Municipality): SearchState {
  return absorb(
    { ...state, suggested: null, unsure: { ...state.unsure, municipalities: [] } },
    {
      needs: [],
      targetGroups: [],
      size: sizeOfMunicipality(municipality),
      municipality,
      kind: municipality.kind,
      outsideNrw: null,
      excluded: { needs: [], targetGroups: [] },
      unsure: { needs: [], targetGroups: [], municipalities: [] },
    },
  );
}

/** Forgets one answer, so that the search asks for it again. */
export function forget(state: SearchState, slot: Slot): SearchState {
  const profile = slot === 'size' ? { ...state.profile, size: null, municipality: null, kind: null } : { ...state.profile, [slot]: [] };
  return { ...state, profile, answered: state.answered.filter((answered) => answered !== slot), page: 0 };
}

/** Notes the results now on screen, so that "zurück" can return to them. */
export function noteShown(state: SearchState): SearchState {
  const entry = { profile: state.profile, answered: state.answered, page: state.page };
  if (isDeepStrictEqual(state.shown.at(-1), entry)) return state;
  return { ...state, shown: [...state.shown, entry].slice(-SHOWN_MAX) };
}

/**
 * "zurück" to results: from results on screen to the ones shown before them; from a question asked
 * after results (an answer being changed) to those results. Null when there are none to go back to.
 */
export function backToShown(state: SearchState, atResults: boolean): SearchState | null {
  const shown = atResults ? state.shown.slice(0, -1) : state.shown;
  const entry = shown.at(-1);
  if (entry === undefined) return null;
  return {
    ...state,
    ...entry,
    unsure: { needs: [], targetGroups: [], municipalities: [] },
    suggested: null,
    shown,
  };
}

/** Drops the guesses for a slot after the user said none of them was meant. */
export function dismissGuesses(state: SearchState, slot: Slot): SearchState {
  if (slot === 'size') return { ...state, suggested: null, unsure: { ...state.unsure, municipalities: [] } };
  return { ...state, unsure: { ...state.unsure, [slot]: [] } };
}

export type Question =
  | { slot: Slot; guesses: string[] }
  /** Which of these municipalities ("Stadt Gütersloh" or "Kreis Gütersloh")? */
  | { slot: 'size'; guesses: []; municipalities: Municipality[] }
  /** The one of the last search again? */
  | { slot: 'size'; guesses: []; suggested: Municipality };

/**
 * The slot to ask about next: first one with guesses to confirm (needs, target groups, which
 * municipality a name means), then the first one still missing; the size question offers the
 * municipality of the last search when there is one.
 */
export function nextQuestion(state: SearchState): Question | null {
  const guessed = LIST_SLOTS.find((slot) => state.unsure[slot].length > 0);
  if (guessed !== undefined) return { slot: guessed, guesses: [...state.unsure[guessed]] };
  if (state.unsure.municipalities.length > 0) return { slot: 'size', guesses: [], municipalities: [...state.unsure.municipalities] };
  const missing = SLOTS.find((slot) => (slot === 'size' ? state.profile.size === null : state.profile[slot].length === 0));
  if (missing === 'size' && state.suggested !== null) return { slot: 'size', guesses: [], suggested: state.suggested };
  return missing === undefined ? null : { slot: missing, guesses: [] };
}

/**
 * What a reply changed, to be said back before the next question: per list slot either its new
 * answer or only what was ruled out ("nicht Frauen"), and the municipality or size when it is new.
 * Null when nothing changed.
 */
export interface ProfileChange {
  /** The slots answered anew, as a profile of only those parts. */
  now: Profile;
  /** What was ruled out without a new answer in its place. */
  without: Pick<Profile, 'needs' | 'targetGroups'>;
}

export function profileChange(before: Profile, after: Profile): ProfileChange | null {
  const now = emptyProfile();
  const without: ProfileChange['without'] = { needs: [], targetGroups: [] };
  for (const slot of LIST_SLOTS) {
    const was: readonly string[] = before[slot];
    const is: readonly string[] = after[slot];
    if (is.some((id) => !was.includes(id))) (now[slot] as string[]) = [...is];
    else (without[slot] as string[]) = was.filter((id) => !is.includes(id));
  }
  const sizeChanged =
    after.size !== null &&
    (after.municipality?.ags !== before.municipality?.ags ||
      after.size.class !== before.size?.class ||
      after.size.inhabitants !== before.size?.inhabitants ||
      (after.kind ?? null) !== (before.kind ?? null));
  if (sizeChanged) Object.assign(now, { size: after.size, municipality: after.municipality ?? null, kind: after.kind ?? null });
  const changed = [now.needs, now.targetGroups, without.needs, without.targetGroups].some((ids) => ids.length > 0) || sizeChanged;
  return changed ? { now, without } : null;
}
