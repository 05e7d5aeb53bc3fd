import { z } from 'zod';
import { NeedIdSchema, SizeClassIdSchema, TargetGroupIdSchema } from './taxonomy.js';

/**
 * The searches a user was asked to rate ("War diese Suche hilfreich?") and has not rated yet. A
 * vote counts only for a search offered here, once, and with the search as the bot ran it: a
 * forged or repeated button value is thanked for, but not counted.
 */

/** Offers kept per user and conversation; an older card's vote no longer counts. */
export const OFFERS_KEPT = 10;

export const RatedSearchSchema = z.object({
  needs: z.array(NeedIdSchema),
  targetGroups: z.array(TargetGroupIdSchema),
  sizeClass: SizeClassIdSchema.nullable(),
});
export type RatedSearch = z.infer<typeof RatedSearchSchema>;

export const FeedbackOffersSchema = z.array(z.object({ searchId: z.string().min(1).max(100), search: RatedSearchSchema })).max(OFFERS_KEPT);
export type FeedbackOffers = z.infer<typeof FeedbackOffersSchema>;

/** Stored offers read back through the schema; anything else counts as none. */
export const parseFeedbackOffers = (stored: unknown): FeedbackOffers => FeedbackOffersSchema.safeParse(stored).data ?? [];

/** Adds the offer to rate a search; the oldest go when there are too many. */
export function offer(offers: FeedbackOffers, searchId: string, search: RatedSearch): FeedbackOffers {
  return [...offers.filter((offered) => offered.searchId !== searchId), { searchId, search }].slice(-OFFERS_KEPT);
}

/** Takes the vote for a search: the search it rates, or null when it was not offered (or is rated already). */
export function takeVote(offers: FeedbackOffers, searchId: string | undefined): { offers: FeedbackOffers; search: RatedSearch | null } {
  const offered = offers.find((candidate) => candidate.searchId === searchId);
  if (offered === undefined) return { offers, search: null };
  return { offers: offers.filter((candidate) => candidate !== offered), search: offered.search };
}
