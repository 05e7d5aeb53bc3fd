import { z } from 'zod';
import { type Profile, ProfileSchema, SLOTS, type Slot, SlotSchema, emptyProfile } from '../src/domain/taxonomy.js';

/** Where a user's search stands: what is known, in which order it was answered, and which page of results shows. */
export const SearchStateSchema = z.object({
  profile: ProfileSchema,
  answered: z.array(SlotSchema),
  page: z.number().int().min(0),
});
export type SearchState = z.infer<typeof SearchStateSchema>;

export const newSearchState = (): SearchState => ({ profile: emptyProfile(), answered: [], page: 0 });

/** Stored state is read back through the schema; anything that no longer fits starts a fresh search. */
export const parseSearchState = (stored: unknown): SearchState => {
  const parsed = SearchStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : newSearchState();
};

/** Takes in what a reply said: each slot it names replaces the old answer and becomes the latest one. */
export function absorb(state: SearchState, recognition: Partial<Profile>): SearchState {
  const profile = { ...state.profile };
  const said = SLOTS.filter((slot) => (slot === 'size' ? recognition.size != null : (recognition[slot]?.length ?? 0) > 0));
  for (const slot of said) {
    if (slot === 'size') profile.size = recognition.size ?? null;
    else if (slot === 'needs') profile.needs = recognition.needs ?? [];
    else profile.targetGroups = recognition.targetGroups ?? [];
  }
  return { profile, answered: [...state.answered.filter((slot) => !said.includes(slot)), ...said], page: said.length > 0 ? 0 : state.page };
}

/** Forgets one answer, so that the search asks for it again. */
export function forget(state: SearchState, slot: Slot): SearchState {
  const profile = slot === 'size' ? { ...state.profile, size: null } : { ...state.profile, [slot]: [] };
  return { profile, answered: state.answered.filter((answered) => answered !== slot), page: 0 };
}
