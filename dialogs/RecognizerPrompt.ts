import type { TurnContext } from 'botbuilder';
import { type Choice, Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { readChoiceIndex } from '../src/domain/recognizer.js';
import { fold } from '../src/domain/text.js';
import { choiceMessage } from './choiceMessage.js';

/** Reads a reply into a value, or null when the reply is not understood. */
export type ReplyReader<T> = (text: string) => T | null;

const choiceText = (choice: string | Choice | undefined) => (typeof choice === 'string' ? choice : choice?.value);

/** The choice a reply names by position ("2", "die zweite") or by one of its synonyms ("ja"). */
function pickedChoice(text: string, choices: readonly (string | Choice)[]): string | undefined {
  const index = readChoiceIndex(text);
  if (index !== null) return choiceText(choices[index]);
  const folded = fold(text);
  return choiceText(
    choices.find((choice) => typeof choice !== 'string' && (choice.synonyms ?? []).some((synonym) => fold(synonym) === folded)),
  );
}

/** A question that may begin with a line said only the first time it is asked, e.g. what the last reply changed. */
export interface LeadingPromptOptions extends PromptOptions {
  lead?: string;
}

/**
 * A prompt that understands replies with the project's own German recognizer instead of the SDK's
 * (which misses "zwei" or "die zweite") and shows its choices the way the channel displays buttons.
 * A reply that picks a choice by position ("2", "die zweite") or synonym is read as that choice's text.
 */
export class RecognizerPrompt<T> extends Prompt<T> {
  constructor(
    dialogId: string,
    private readonly read: ReplyReader<T>,
  ) {
    super(dialogId);
  }

  protected async onPrompt(
    context: TurnContext,
    state: { leadSaid?: boolean },
    options: LeadingPromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const text = isRetry && options.retryPrompt !== undefined ? options.retryPrompt : options.prompt;
    const question = typeof text === 'string' || text === undefined ? (text ?? '') : (text.text ?? '');
    // Asked again after a side step ("hilfe", „Merken“), the question stands alone.
    const message = options.lead !== undefined && state.leadSaid !== true ? `${options.lead}\n\n${question}` : question;
    state.leadSaid = true;
    await context.sendActivity(options.choices?.length ? choiceMessage(context, message, options.choices) : message);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<T>> {
    const text = context.activity.text;
    if (typeof text !== 'string' || text.trim() === '') return { succeeded: false };
    const value = this.read(pickedChoice(text, options.choices ?? []) ?? text);
    return value === null ? { succeeded: false } : { succeeded: true, value };
  }
}
