import { PrivateConversationState, type Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type restify from 'restify';
import { MainDialog } from '../dialogs/MainDialog.js';
import { SearchDialog } from '../dialogs/SearchDialog.js';
import { createAdapter } from './adapter.js';
import { type BotDependencies, FoerderlotseBot } from './bot.js';
import type { Config } from './config.js';
import type { Programme } from './domain/programme.js';
import type { Logger } from './logger.js';
import type { SendRetryOptions } from './sendRetry.js';
import { ReadETagStorage } from './storage/readETagStorage.js';
import { createServer } from './server.js';

export interface AppDependencies {
  config: Config;
  programmes: () => readonly Programme[];
  storage: Storage;
  logger: Logger;
  /** Today's date (YYYY-MM-DD) in the users' time zone. */
  today: () => string;
  /** How replies the channel refuses for now (429, 412) are retried. */
  sendRetry?: SendRetryOptions;
  /** Messages one user may send at once, and how many a second after that. */
  floodLimit?: BotDependencies['floodLimit'];
}

/** Puts the bot together: state, dialogs, adapter and web server. Used by the entry point and by tests. */
export function createApp(deps: AppDependencies): { server: restify.Server; bot: FoerderlotseBot } {
  // Each user's search is their own, also when colleagues search at the same time in one channel.
  const conversationState = new PrivateConversationState(new ReadETagStorage(deps.storage));
  const searchDialog = new SearchDialog({
    programmes: deps.programmes,
    today: deps.today,
    resultsPerPage: deps.config.RESULTS_PER_PAGE,
    searchState: conversationState.createProperty('searchState'),
  });
  const bot = new FoerderlotseBot({
    conversationState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    mainDialog: new MainDialog(searchDialog),
    logger: deps.logger,
    floodLimit: deps.floodLimit,
  });
  const adapter = createAdapter(deps.config, conversationState, deps.logger, deps.sendRetry);
  const server = createServer({ adapter, bot, programmes: deps.programmes, today: deps.today, logger: deps.logger, logMessageText: deps.config.LOG_MESSAGE_TEXT });
  return { server, bot };
}
