import { z } from 'zod';
import type { Recognition } from './recognizer.js';
import {
  type Municipality,
  MunicipalitySchema,
  NeedIdSchema,
  ProfileSchema,
  SLOTS,
  type Slot,
  SlotSchema,
  TargetGroupIdSchema,
  emptyProfile,
  sizeOfMunicipality,
} from './taxonomy.js';

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
});
export type SearchState = z.infer<typeof SearchStateSchema>;

export const newSearchState = (): SearchState => ({
  profile: emptyProfile(),
  answered: [],
  unsure: { needs: [], targetGroups: [], municipalities: [] },
  suggested: null,
  page: 0,
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
    if (recognition.kind !== null) profile.kind = recognition.kind;
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
  return { profile, answered: [...stillAnswered, ...said], unsure, suggested, page: changed ? 0 : state.page };
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
