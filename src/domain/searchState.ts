import { z } from 'zod';
import type { Recognition } from './recognizer.js';
import { NeedIdSchema, ProfileSchema, SLOTS, type Slot, SlotSchema, TargetGroupIdSchema, emptyProfile } from './taxonomy.js';

/**
 * Where a user's search stands: what is known, in which order it was answered, guesses still to
 * confirm, and which page of results shows.
 */
export const SearchStateSchema = z.object({
  profile: ProfileSchema,
  answered: z.array(SlotSchema),
  // Searches saved before guesses were kept have no such field; they go on without guesses.
  unsure: z.object({ needs: z.array(NeedIdSchema), targetGroups: z.array(TargetGroupIdSchema) }).default({ needs: [], targetGroups: [] }),
  page: z.number().int().min(0),
});
export type SearchState = z.infer<typeof SearchStateSchema>;

export const newSearchState = (): SearchState => ({
  profile: emptyProfile(),
  answered: [],
  unsure: { needs: [], targetGroups: [] },
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
  const said = SLOTS.filter((slot) => (slot === 'size' ? recognition.size !== null : recognition[slot].length > 0));
  if (recognition.size !== null) profile.size = recognition.size;
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
  return { profile, answered: [...stillAnswered, ...said], unsure, page: changed ? 0 : state.page };
}

/** Forgets one answer, so that the search asks for it again. */
export function forget(state: SearchState, slot: Slot): SearchState {
  const profile = slot === 'size' ? { ...state.profile, size: null } : { ...state.profile, [slot]: [] };
  return { ...state, profile, answered: state.answered.filter((answered) => answered !== slot), page: 0 };
}

/** Drops the guesses for a slot after the user said none of them was meant. */
export function dismissGuesses(state: SearchState, slot: Slot): SearchState {
  return slot === 'size' ? state : { ...state, unsure: { ...state.unsure, [slot]: [] } };
}

/** The slot to ask about next: first one with guesses to confirm, then the first one still missing. */
export function nextQuestion(state: SearchState): { slot: Slot; guesses: string[] } | null {
  const guessed = LIST_SLOTS.find((slot) => state.unsure[slot].length > 0);
  if (guessed !== undefined) return { slot: guessed, guesses: [...state.unsure[guessed]] };
  const missing = SLOTS.find((slot) => (slot === 'size' ? state.profile.size === null : state.profile[slot].length === 0));
  return missing === undefined ? null : { slot: missing, guesses: [] };
}
