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

type Authentication = ConfigurationBotFrameworkAuthentication;
type ClaimsIdentity = Parameters<Authentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** Service URLs a bot talks to are few (Teams' regions, the Emulator); a bound keeps a flood of made-up ones small. */
const CONNECTOR_CLIENTS_MAX = 64;
/** The claims that say on whose behalf the bot replies; everything else in a token differs per request. */
const CALLER_CLAIMS = new Set(['aud', 'appid', 'azp', 'ver']);

/**
 * The SDK makes a new connector client (credentials and HTTP pipeline) for every turn; one client per
 * caller, service URL and audience serves all their turns alike, and its credentials keep their token.
 */
export function reuseConnectorClients(authentication: Authentication): Authentication {
  const clients = new Map<string, Promise<ConnectorClient>>();
  const reusing = (identity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory => {
    const caller = identity.claims
      .filter((claim) => CALLER_CLAIMS.has(claim.type))
      .map((claim) => `${claim.type}=${claim.value}`)
      .sort()
      .join('&');
    const create = (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      const key = JSON.stringify([caller, serviceUrl, audience ?? null]);
      const known = clients.get(key);
      if (known !== undefined) return known;
      if (clients.size >= CONNECTOR_CLIENTS_MAX) clients.delete(clients.keys().next().value ?? '');
      const made = factory.create(serviceUrl, audience);
      clients.set(key, made);
      made.catch(() => clients.delete(key));
      return made;
    };
    return { create };
  };
  const createFactory = authentication.createConnectorFactory.bind(authentication);
  authentication.createConnectorFactory = (identity) => reusing(identity, createFactory(identity));
  // An incoming activity brings its own factory, made with the request's authentication.
  const authenticate = authentication.authenticateRequest.bind(authentication);
  authentication.authenticateRequest = async (activity, authorization) => {
    const result = await authenticate(activity, authorization);
    const { connectorFactory } = result;
    return connectorFactory === undefined ? result : { ...result, connectorFactory: reusing(result.claimsIdentity, connectorFactory) };
  };
  return authentication;
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
    reuseConnectorClients(
      new ConfigurationBotFrameworkAuthentication(
        {
          MicrosoftAppId: config.MicrosoftAppId ?? '',
          MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
          MicrosoftAppType: config.MicrosoftAppType,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        },
        credentials,
      ),
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
