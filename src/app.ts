import { randomUUID } from 'node:crypto';
import { PrivateConversationState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type restify from 'restify';
import { MainDialog } from '../dialogs/MainDialog.js';
import { SearchDialog, type SearchDialogDependencies } from '../dialogs/SearchDialog.js';
import { type AdapterCredentials, createAdapter } from './bot/adapter.js';
import { type BotDependencies, FoerderlotseBot } from './bot/foerderlotseBot.js';
import { type Config, isLoopbackHost, listenHost } from './config.js';
import { type DemandEvent, DemandEventSchema } from './domain/demand.js';
import type { Programme } from './domain/programme.js';
import { FollowUpActions } from './bot/followUpActions.js';
import { Notifier } from './notifications/notifier.js';
import { ProgrammeLookup } from './bot/programmeLookup.js';
import type { Logger } from './common/logger.js';
import type { SendRetryOptions } from './bot/sendRetry.js';
import { EventLog } from './storage/eventLog.js';
import { FollowUpStore } from './storage/followUpStore.js';
import { NO_PLACES, type PlaceIndex } from './domain/places.js';
import type { ListableStorage } from './storage/listableStorage.js';
import { ReadETagStorage } from './storage/readETagStorage.js';
import { createServer } from './http/server.js';
import { TurnGate } from './http/turnGate.js';
import type { AddressInfo } from 'node:net';
import { ExportLinks } from './http/exportLinks.js';
import { searchLinks } from './http/shareLinks.js';
import { ownServiceUrl } from './http/loopback.js';
import type { LocalChatOptions } from './http/localChat.js';

export interface AppDependencies {
  /** The NRW municipalities, for reading their names; none when not given (tests that do not need them). */
  places?: PlaceIndex;
  config: Config;
  programmes: () => readonly Programme[];
  storage: ListableStorage;
  /** Whether the storage takes writes now, for the health check. */
  stateWritable?: () => Promise<boolean>;
  logger: Logger;
  /** Today's date (YYYY-MM-DD) in the users' time zone. */
  today: () => string;
  /** How replies the channel refuses for now (429, 412) are retried. */
  sendRetry?: SendRetryOptions;
  /** Messages one user may send at once, and how many a second after that. */
  floodLimit?: BotDependencies['floodLimit'];
  /** Credentials for the Bot Connector when not from the configuration (tests with an app id). */
  credentials?: AdapterCredentials;
  /** Limits and clock of the chat page's conversations (tests); the page itself exists in Emulator mode only. */
  localChat?: LocalChatOptions;
}

export interface App {
  server: restify.Server;
  bot: FoerderlotseBot;
  /** Sends due notifications; started by the entry point, run directly by tests. */
  notifier: Notifier;
  /** Searches, watched programmes and feedback for the demand report; flushed by the entry point on shutdown. */
  demand: EventLog<DemandEvent>;
  /** Admits turns; drained by the entry point on shutdown. */
  gate: TurnGate;
}

/** Puts the bot together: state, dialogs, adapter and web server. Used by the entry point and by tests. */
export function createApp(deps: AppDependencies): App {
  const { config, programmes, today, logger } = deps;
  // Each user's search is their own, also when colleagues search at the same time in one channel.
  const conversationState = new PrivateConversationState(new ReadETagStorage(deps.storage));
  const searchState = conversationState.createProperty('searchState');
  // Each process writes its own chunks of the log; the id keeps them apart.
  const demand = new EventLog(deps.storage, { name: 'demand', schema: DemandEventSchema, instanceId: randomUUID().slice(0, 8), logger });
  const followUpStore = new FollowUpStore(deps.storage, { repair: { logger } });
  const feedbackOffers = conversationState.createProperty('feedbackOffers');
  const exportLinks = new ExportLinks(config.EXPORT_LINK_SECRET);
  // Links point at the public address, or at this server itself in Emulator mode (known once it listens).
  // Kept from the moment it listens: a turn that finishes while the server drains still makes its links.
  // Registered with Teams, only the public address reaches the users; without it the chat offers no links.
  let ownUrl = `http://localhost:${config.PORT}`;
  const baseUrl = () => config.BOT_PUBLIC_URL ?? (config.MicrosoftAppId === undefined ? ownUrl : undefined);
  if (baseUrl() === undefined) logger.warn('BOT_PUBLIC_URL is not set: the chat offers no export or tab links');
  const searchDialog = new SearchDialog({
    programmes,
    today,
    resultsPerPage: config.RESULTS_PER_PAGE,
    searchState,
    demand,
    feedbackOffers,
    places: deps.places ?? NO_PLACES,
    municipalities: rememberedMunicipalities(followUpStore, logger),
    shareLinks: (profile, channelId) => {
      const base = baseUrl();
      return base === undefined
        ? null
        : searchLinks(profile, channelId, { links: exportLinks, baseUrl: () => base, teamsAppId: config.TEAMS_APP_ID });
    },
  });
  const bot = new FoerderlotseBot({
    conversationState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    mainDialog: new MainDialog(searchDialog),
    followUps: new FollowUpActions({
      store: followUpStore,
      programmes,
      today,
      reminderDays: config.REMINDER_DAYS,
      demand,
      searchState,
      feedbackOffers,
      forgetAsked: conversationState.createProperty('forgetAsked'),
      forgetConversation: (context) => conversationState.delete(context),
      logger,
    }),
    lookup: new ProgrammeLookup({ programmes, today }),
    logger,
    floodLimit: deps.floodLimit,
    catalogue: { programmes, today, places: deps.places ?? NO_PLACES },
  });
  const adapter = createAdapter(config, conversationState, logger, deps.sendRetry, deps.credentials);
  const notifier = new Notifier({
    store: followUpStore,
    programmes,
    today,
    reminderDays: config.REMINDER_DAYS,
    send: async (reference, activity) => {
      // Caught inside the turn: the turn-error handler would apologise into the conversation and clear its state.
      let failure: unknown;
      await adapter.continueConversationAsync(config.MicrosoftAppId ?? '', reference, async (context) => {
        // A new message in the conversation, not a reply to the continuation event the SDK makes up.
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) delete outgoing.replyToId;
          return next();
        });
        await context.sendActivity(activity).catch((error: unknown) => void (failure = error));
      });
      if (failure !== undefined) throw failure;
    },
    logger,
  });
  const gate = new TurnGate(config.MAX_TURNS_IN_FLIGHT);
  const server = createServer({
    adapter,
    bot,
    programmes,
    today,
    logger,
    places: deps.places ?? NO_PLACES,
    gate,
    loopbackServiceUrlsOnly: config.MicrosoftAppId === undefined,
    loopbackHostsOnly: config.MicrosoftAppId === undefined && isLoopbackHost(listenHost(config)),
    logMessageText: config.LOG_MESSAGE_TEXT,
    stateWritable: deps.stateWritable,
    exportLinks,
    // The chat page authenticates nobody: only in Emulator mode, which authenticates nobody either and guards Host and serviceUrl.
    localChat: config.MicrosoftAppId === undefined ? (deps.localChat ?? {}) : undefined,
  });
  server.on('listening', () => {
    ownUrl = ownServiceUrl(server.address() as AddressInfo);
  });
  return { server, bot, notifier, demand, gate };
}

/**
 * The municipality of a user's last search, kept with their follow-ups (so across conversations,
 * instances and restarts, and gone with „Meine Daten löschen“). A convenience: when the storage
 * fails, the search goes on without it.
 */
function rememberedMunicipalities(store: FollowUpStore, logger: Logger): SearchDialogDependencies['municipalities'] {
  return {
    recall: async (context) => {
      const user = FollowUpStore.userOf(context.activity);
      if (user === null) return null;
      try {
        return (await store.read(user))?.record.municipality ?? null;
      } catch (error) {
        logger.warn({ err: error }, 'could not read the municipality of the last search');
        return null;
      }
    },
    remember: async (context, municipality) => {
      const user = FollowUpStore.userOf(context.activity);
      if (user === null) return;
      await store
        .update(user, (document) =>
          document.record.municipality?.ags === municipality.ags ? null : { ...document, record: { ...document.record, municipality } },
        )
        .catch((error: unknown) => logger.warn({ err: error }, 'could not keep the municipality of the search'));
    },
  };
}
