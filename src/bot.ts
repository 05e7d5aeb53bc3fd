import { ActivityHandler, type BotState, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../dialogs/MainDialog.js';
import { texts } from './texts/de.js';

export interface BotDependencies {
  conversationState: BotState;
  dialogState: StatePropertyAccessor<DialogState>;
  mainDialog: MainDialog;
}

/** Routes each activity: messages to the dialogs, new members to the welcome; saves state after every turn. */
export class FoerderlotseBot extends ActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();

    this.onMessage(async (context, next) => {
      await deps.mainDialog.run(context, deps.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const newUsers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient?.id);
      if (newUsers.length > 0) await context.sendActivity(texts.welcome);
      await next();
    });
  }

  override async run(context: Parameters<ActivityHandler['run']>[0]): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }
}
