import type { TurnContext } from 'botbuilder';
import { ChoiceFactory, Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';

/** Reads a reply into a value, or null when the reply is not understood. */
export type ReplyReader<T> = (text: string) => T | null;

/**
 * A prompt that understands replies with the project's own German recognizer instead of the SDK's
 * (which misses "zwei" or "die zweite") and shows its choices the way the channel displays buttons.
 */
export class RecognizerPrompt<T> extends Prompt<T> {
  constructor(
    dialogId: string,
    private readonly read: ReplyReader<T>,
  ) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const text = isRetry && options.retryPrompt !== undefined ? options.retryPrompt : options.prompt;
    const message = typeof text === 'string' || text === undefined ? text ?? '' : (text.text ?? '');
    await context.sendActivity(options.choices?.length ? ChoiceFactory.forChannel(context, options.choices, message) : message);
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<T>> {
    const text = context.activity.text;
    const value = typeof text === 'string' && text.trim() !== '' ? this.read(text) : null;
    return value === null ? { succeeded: false } : { succeeded: true, value };
  }
}
