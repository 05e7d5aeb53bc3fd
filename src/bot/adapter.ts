import {
  type Activity,
  type BotState,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../common/logger.js';
import { RepliesNotDelivered } from './foerderlotseBot.js';
import { StorageUnavailable } from '../storage/readETagStorage.js';
import { DEFAULT_SEND_RETRY, type SendRetryOptions, sendRetryMiddleware } from './sendRetry.js';
import { texts } from '../texts/chat.js';

/**
 * CloudAdapter, with its activity handling open to the server: `process` would answer HTTP itself,
 * print errors to the console and turn an unfetchable signing key into a 500 instead of a 401.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  handleActivity(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/** How the bot gets tokens for the Bot Connector; by default from MicrosoftAppId and its password. */
export type AdapterCredentials = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

/** The Bot Framework adapter with the project's one turn-error handler. */
export function createAdapter(
  config: Config,
  conversationState: BotState,
  logger: Logger,
  sendRetry: SendRetryOptions = DEFAULT_SEND_RETRY,
  credentials?: AdapterCredentials,
): BotFrameworkAdapter {
  const adapter = new BotFrameworkAdapter(
    new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: config.MicrosoftAppId ?? '',
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
      },
      credentials,
    ),
  );

  adapter.use(sendRetryMiddleware(logger, sendRetry));

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const conversationId = context.activity.conversation?.id;
    if (error instanceof RepliesNotDelivered) {
      // The channel is down; the search is saved, so the user's next message continues it.
      logger.error({ err: error.cause, conversationId }, 'replies not delivered; the conversation state is kept');
      return;
    }
    if (error instanceof StorageUnavailable) {
      // Nothing of the turn was saved, and clearing the state would fail the same way.
      logger.error({ err: error.cause, conversationId }, 'state storage failed; nothing of the turn was saved');
      await context
        .sendActivity(texts.storageDown)
        .catch((sendError: unknown) => logger.error({ err: sendError, conversationId }, 'could not send the apology'));
      return;
    }
    logger.error({ err: error, conversationId, activityType: context.activity.type }, 'turn failed');
    // A broken dialog state would fail the next turn too: clear it so the next message starts cleanly.
    try {
      await conversationState.delete(context);
    } catch (stateError) {
      logger.error({ err: stateError, conversationId }, 'could not clear conversation state after a failed turn');
    }
    try {
      await context.sendActivity(texts.turnError);
    } catch (sendError) {
      logger.error({ err: sendError, conversationId }, 'could not send the apology after a failed turn');
    }
  };

  return adapter;
}
