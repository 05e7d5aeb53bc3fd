import { z } from 'zod';
import { NeedIdSchema, SizeClassIdSchema, TargetGroupIdSchema } from './taxonomy.js';

/**
 * What the bot records for the demand report: searches, programmes put on a watchlist and feedback.
 * Never a user id and never what a user wrote in a search; the only free text is a feedback comment
 * the user typed as one.
 */
const IsoDaySchema = z.iso.date();

export const COMMENT_MAX = 500;

export const SearchEventSchema = z
  .object({
    kind: z.literal('search'),
    date: IsoDaySchema,
    needs: z.array(NeedIdSchema),
    targetGroups: z.array(TargetGroupIdSchema),
    sizeClass: SizeClassIdSchema.nullable(),
    /** Open programmes that fit every answer (0: unmet demand). */
    openHits: z.number().int().min(0),
  })
  .strict();

export const WatchEventSchema = z.object({ kind: z.literal('watch'), date: IsoDaySchema, programmeId: z.string().min(1) }).strict();

export const FeedbackEventSchema = z
  .object({
    kind: z.literal('feedback'),
    date: IsoDaySchema,
    helpful: z.boolean(),
    comment: z.string().max(COMMENT_MAX).optional(),
    needs: z.array(NeedIdSchema),
    targetGroups: z.array(TargetGroupIdSchema),
    sizeClass: SizeClassIdSchema.nullable(),
  })
  .strict();

export const DemandEventSchema = z.discriminatedUnion('kind', [SearchEventSchema, WatchEventSchema, FeedbackEventSchema]);

export type SearchEvent = z.infer<typeof SearchEventSchema>;
export type WatchEvent = z.infer<typeof WatchEventSchema>;
export type FeedbackEvent = z.infer<typeof FeedbackEventSchema>;
export type DemandEvent = z.infer<typeof DemandEventSchema>;
