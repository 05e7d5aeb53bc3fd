import { ActivityHandler, type BotState, Channels, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { MainDialog } from '../dialogs/MainDialog.js';
import { incomingText, mentionsBot } from './incomingText.js';
import { texts } from './texts/de.js';

export interface BotDependencies {
  conversationState: BotState;
  dialogState: StatePropertyAccessor<DialogState>;
  mainDialog: MainDialog;
}

/** Conversations with several people: Teams group chats and channels. */
const isShared = (context: TurnContext) => ['groupChat', 'channel'].includes(context.activity.conversation?.conversationType ?? '');

/** Routes each activity: messages to the dialogs, new members to the welcome; saves state after every turn. */
export class FoerderlotseBot extends ActivityHandler {
  constructor(private readonly deps: BotDependencies) {
    super();

    this.onMessage(async (context, next) => {
      // Among colleagues the bot speaks only when addressed; its own card buttons always count.
      if (isShared(context) && !mentionsBot(context.activity) && context.activity.value === undefined) return next();
      context.activity.text = incomingText(context.activity);
      await deps.mainDialog.run(context, deps.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      if (context.activity.channelId === Channels.Msteams) {
        // Teams announces the bot's own installation; a colleague joining a team is no reason to speak.
        if (added.some((member) => member.id === botId)) await context.sendActivity(isShared(context) ? texts.welcomeTeam : texts.welcome);
      } else if (added.some((member) => member.id !== botId)) {
        await context.sendActivity(texts.welcome);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }
}
