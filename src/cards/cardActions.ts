import { z } from 'zod';
import { COMMENT_MAX } from '../domain/demand.js';

/**
 * What the follow-up buttons on cards send back as the submit value: keep a programme, drop it,
 * drop a saved search, or rate a search. Parsed at the boundary like every other input.
 */
export const CardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('watch'), programmeId: z.string().min(1).max(200) }),
  z.object({ action: z.literal('unwatch'), programmeId: z.string().min(1).max(200) }),
  z.object({ action: z.literal('removeSearch'), searchId: z.string().min(1).max(200) }),
  // The comment field arrives with the button's data; long text is cut rather than refused. The
  // search id names the search it rates: by the time of the tap the user may have changed an answer.
  z.object({
    action: z.literal('feedback'),
    helpful: z.boolean(),
    searchId: z.string().min(1).max(100).optional(),
    comment: z
      .string()
      .optional()
      .transform((text) => text?.trim().slice(0, COMMENT_MAX) || undefined),
  }),
]);

export type CardAction = z.infer<typeof CardActionSchema>;

/** The submit data of a button; the same object comes back as the activity's value. */
export const actionData = (action: z.input<typeof CardActionSchema>): Record<string, unknown> => ({ ...action });
