import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogState,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { detectCommand } from '../src/domain/commands.js';
import { looksEnglish } from '../src/domain/language.js';
import { texts } from '../src/texts/chat.js';
import { SEARCH_DIALOG, type SearchDialog, type SearchOptions } from './SearchDialog.js';

export const MAIN_DIALOG = 'mainDialog';
const STEPS = 'mainSteps';

/** The conversation's root: every message that does not continue a search starts one. */
export class MainDialog extends ComponentDialog {
  constructor(searchDialog: SearchDialog) {
    super(MAIN_DIALOG);
    this.addDialog(searchDialog);
    this.addDialog(new WaterfallDialog(STEPS, [this.startSearchStep.bind(this), this.endStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Runs one turn: continues the open dialog or starts the main one. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dc = await this.rootContext(context, dialogState);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** Asks the open question again, if one is open: after a side step such as „Merken“ or „Merkliste“. */
  async repromptOpen(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    // No state is written for a user without a dialog (e.g. one whose data was just deleted).
    if (((await dialogState.get(context))?.dialogStack.length ?? 0) === 0) return;
    const dc = await this.rootContext(context, dialogState);
    await dc.repromptDialog();
  }

  private async rootContext(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>) {
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    return dialogs.createContext(context);
  }

  /** A command needs no search state yet; anything else is read as the first answer. */
  private async startSearchStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const options: SearchOptions = {};
    switch (detectCommand(text)) {
      case 'cancel':
        await step.context.sendActivity(texts.nothingToCancel);
        return step.endDialog();
      case 'help':
        await step.context.sendActivity(texts.help.general);
        break;
      case 'thanks':
        await step.context.sendActivity(texts.thanksAfterSearch);
        return step.endDialog();
      case null:
        if (looksEnglish(text)) await step.context.sendActivity(texts.englishHint);
        else options.readMessage = true;
        break;
      default:
        break;
    }
    return step.beginDialog(SEARCH_DIALOG, options);
  }

  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
