import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../domain/recognizer.js';

/**
 * What the user said in an incoming message: typed text without the @mention of the bot, or the
 * value of a card button (Teams sends Action.Submit data in several shapes).
 */

/**
 * Teams puts one entity per mention; a real message has a handful. Entities beyond this many are
 * not looked at, so that a crafted message cannot make a turn do unbounded work.
 */
export const MAX_ENTITIES_READ = 20;

const MentionSchema = z.looseObject({
  type: z.string().refine((type) => type.toLowerCase() === 'mention'),
  mentioned: z.looseObject({ id: z.string() }),
  text: z.string().optional(),
});

const SubmitValueSchema = z.union([
  // An Adaptive Card choice set or a button that carries the answer as text.
  z.looseObject({ answer: z.string() }),
  z.looseObject({ text: z.string() }),
  // Teams' own shapes for buttons that act like typed messages.
  z.looseObject({
    msteams: z.looseObject({
      type: z.enum(['imBack', 'messageBack']),
      value: z.string().optional(),
      text: z.string().optional(),
      displayText: z.string().optional(),
    }),
  }),
]);

export interface IncomingMessage {
  text?: string | undefined;
  value?: unknown;
  entities?: unknown;
  recipient?: { id: string } | undefined;
}

/** The texts of the mentions of the bot among the first entities, one per mention, never empty. */
function botMentionTexts(message: IncomingMessage): { mentioned: boolean; texts: string[] } {
  const found = { mentioned: false, texts: [] as string[] };
  const botId = message.recipient?.id;
  if (!Array.isArray(message.entities) || botId === undefined) return found;
  for (const entity of message.entities.slice(0, MAX_ENTITIES_READ)) {
    const mention = MentionSchema.safeParse(entity);
    if (!mention.success || mention.data.mentioned.id !== botId) continue;
    found.mentioned = true;
    const text = mention.data.text?.trim();
    if (text) found.texts.push(text);
  }
  return found;
}

/**
 * Removes "<at>Förderlotse NRW</at>" where the bot is mentioned: each mention's text once (Teams
 * sends one entity per mention), as the SDK's TurnContext.removeMentionText does for the first,
 * but for every mention of the bot and without trusting the entities' shape. Each removal takes out at least one character and
 * puts back one space, so the result is never longer than what came in.
 */
function withoutBotMention(message: IncomingMessage): string {
  let text = typeof message.text === 'string' ? message.text : '';
  for (const mention of botMentionTexts(message).texts) {
    const at = text.indexOf(mention);
    if (at >= 0) text = `${text.slice(0, at)} ${text.slice(at + mention.length)}`;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** True when the message @mentions the bot. */
export function mentionsBot(message: IncomingMessage): boolean {
  return botMentionTexts(message).mentioned;
}

/** The submitted value as text, or null when the value is missing or of no known shape. */
export function submittedText(value: unknown): string | null {
  const parsed = SubmitValueSchema.safeParse(value);
  if (!parsed.success) return null;
  const data = parsed.data;
  const candidate: unknown =
    'answer' in data ? data.answer : 'text' in data ? data.text : (data.msteams.value ?? data.msteams.text ?? data.msteams.displayText);
  return typeof candidate === 'string' && candidate.trim() !== '' ? candidate.trim() : null;
}

/**
 * Typed text wins; a card button without text counts with its value. Only as much as the search
 * reads goes further: every later step then costs the same for a pasted document as for a sentence.
 */
export function incomingText(message: IncomingMessage): { text: string; cut: boolean } {
  const typed = withoutBotMention(message);
  const whole = typed !== '' ? typed : (submittedText(message.value) ?? '');
  // Trailing blanks are nothing lost.
  return { text: whole.slice(0, MAX_MESSAGE_CHARS), cut: whole.trimEnd().length > MAX_MESSAGE_CHARS };
}
