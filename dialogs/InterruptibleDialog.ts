import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { type Command, detectCommand, readYesNo } from '../src/domain/commands.js';
import { looksEnglish } from '../src/domain/language.js';
import { texts } from '../src/texts/chat.js';
import { RecognizerPrompt } from './RecognizerPrompt.js';

const CONFIRM_CANCEL = 'confirmCancel';
const CONFIRM_PROMPT = 'confirmCancelPrompt';

/**
 * The commands a user may type at any step ("hilfe", "abbrechen", "neu", "zurück"), handled once
 * here so that each step only deals with its own question. Cancelling asks for confirmation first.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(dialogId: string) {
    super(dialogId);
    this.addDialog(new RecognizerPrompt(CONFIRM_PROMPT, (text) => readYesNo(text, 'cancel')));
    this.addDialog(new WaterfallDialog(CONFIRM_CANCEL, [this.confirmCancelStep.bind(this), this.decideCancelStep.bind(this)]));
  }

  /** Says what the current step expects, before it asks again. */
  protected abstract help(innerDc: DialogContext): Promise<void>;
  /** Starts over with an empty search. */
  protected abstract restart(innerDc: DialogContext): Promise<DialogTurnResult>;
  /** Goes back one question. */
  protected abstract back(innerDc: DialogContext): Promise<DialogTurnResult>;
  /** Forgets whatever the dialog keeps outside the dialog stack. */
  protected abstract forget(innerDc: DialogContext): Promise<void>;

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const text = innerDc.context.activity.text;
    const command: Command | null = typeof text === 'string' ? detectCommand(text) : null;
    const confirming = innerDc.stack.some((instance) => instance.id === CONFIRM_CANCEL);
    if (command === null && typeof text === 'string' && looksEnglish(text)) {
      await innerDc.context.sendActivity(texts.englishHint);
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (command === null || confirming) return super.onContinueDialog(innerDc);

    switch (command) {
      case 'help':
        await this.help(innerDc);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'cancel':
        return innerDc.beginDialog(CONFIRM_CANCEL);
      case 'restart':
        await innerDc.context.sendActivity(texts.restarting);
        return this.restart(innerDc);
      case 'back':
        return this.back(innerDc);
      // A thank-you or a greeting is not an answer: a friendly word, then the same question with its buttons.
      case 'thanks':
      case 'greeting':
        await innerDc.context.sendActivity(command === 'thanks' ? texts.thanks : texts.greetingDuringSearch);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
    }
  }

  /** Asks whether the user really wants to give up the search. */
  private async confirmCancelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(CONFIRM_PROMPT, { prompt: texts.cancelConfirm, retryPrompt: texts.cancelConfirm, choices: [texts.yes, texts.no] });
  }

  /** Ends everything on "ja"; on "nein" the question that was open is asked again. */
  private async decideCancelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== true) {
      await step.context.sendActivity(texts.cancelNotConfirmed);
      return step.endDialog();
    }
    await this.forget(step);
    await step.context.sendActivity(texts.cancelled);
    return step.cancelAllDialogs(true);
  }
}
