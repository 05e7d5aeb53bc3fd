import { z } from 'zod';

/**
 * What the user said in an incoming message: typed text without the @mention of the bot, or the
 * value of a card button (Teams sends Action.Submit data in several shapes).
 */

const MentionSchema = z.looseObject({
  type: z.literal('mention'),
  mentioned: z.looseObject({ id: z.string() }),
  text: z.string().optional(),
});

const SubmitValueSchema = z.union([
  // An Adaptive Card choice set or a button that carries the answer as text.
  z.looseObject({ answer: z.string() }),
  z.looseObject({ text: z.string() }),
  // Teams' own shapes for buttons that act like typed messages.
  z.looseObject({ msteams: z.looseObject({ type: z.enum(['imBack', 'messageBack']), value: z.string().optional(), text: z.string().optional(), displayText: z.string().optional() }) }),
]);

export interface IncomingMessage {
  text?: string | undefined;
  value?: unknown;
  entities?: unknown[] | undefined;
  recipient?: { id: string } | undefined;
}

/** Removes "<at>Förderlotse NRW</at>" (and the plain name some clients send) where the bot is mentioned. */
function withoutBotMention(message: IncomingMessage): string {
  let text = message.text ?? '';
  for (const entity of message.entities ?? []) {
    const mention = MentionSchema.safeParse(entity);
    if (!mention.success || mention.data.mentioned.id !== message.recipient?.id || mention.data.text === undefined) continue;
    text = text.split(mention.data.text).join(' ');
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** True when the message @mentions the bot. */
export function mentionsBot(message: IncomingMessage): boolean {
  return (message.entities ?? []).some((entity) => {
    const mention = MentionSchema.safeParse(entity);
    return mention.success && mention.data.mentioned.id === message.recipient?.id;
  });
}

/** The submitted value as text, or null when the value is missing or of no known shape. */
export function submittedText(value: unknown): string | null {
  const parsed = SubmitValueSchema.safeParse(value);
  if (!parsed.success) return null;
  const data = parsed.data;
  const candidate: unknown = 'answer' in data ? data.answer : 'text' in data ? data.text : (data.msteams.value ?? data.msteams.text ?? data.msteams.displayText);
  return typeof candidate === 'string' && candidate.trim() !== '' ? candidate.trim() : null;
}

/** Typed text wins; a card button without text counts with its value. */
export function incomingText(message: IncomingMessage): string {
  const typed = withoutBotMention(message);
  return typed !== '' ? typed : (submittedText(message.value) ?? '');
}
