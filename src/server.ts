import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import restify from 'restify';
import { z } from 'zod';
import type { Logger } from './logger.js';
import { activityTexts, healthTexts, httpTexts } from './texts/de.js';
import { type WebDependencies, registerWebRoutes } from './web/routes.js';

/** The fields every incoming activity needs before the Bot Framework adapter can answer it. */
export const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
  from: z.looseObject({ id: z.string().min(1) }),
  recipient: z.looseObject({ id: z.string() }).optional(),
  id: z.string().optional(),
  text: z.string().optional(),
});

export interface ServerDependencies {
  adapter: { handleActivity(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> };
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  /** Largest accepted request body in bytes. */
  maxBodyBytes?: number;
  /** Users may type personal data: message text goes into the log only when this is switched on for debugging. */
  logMessageText?: boolean;
  /** The programmes as currently loaded, and today's date in the users' time zone: for the health check, the tab and its API. */
  programmes: WebDependencies['programmes'];
  today: WebDependencies['today'];
  /** Whether the state storage takes writes now; without it, the health check does not look at the storage. */
  stateWritable?: () => Promise<boolean>;
}

type ErrorBody = { error: string; message: string };
const errorBody = (error: string, message: string): ErrorBody => ({ error, message });

/** The bot's web server: the Bot Framework endpoint and a health check. Exported so that tests run it for real. */
export function createServer(deps: ServerDependencies): restify.Server {
  const server = restify.createServer({ name: 'foerderlotse-nrw', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: deps.maxBodyBytes ?? 256 * 1024 }));

  // restify's own errors (bad JSON, unknown route, body too large) in the same short shape as ours.
  server.on('restifyError', (_request: restify.Request, _response: restify.Response, error: Error & { toJSON?: () => unknown; body?: { code?: string } }, callback: () => void) => {
    const code = error.body?.code ?? error.name;
    error.toJSON = () => errorBody(code, httpTexts[code] ?? error.message);
    callback();
  });

  server.post('/api/messages', async (request: restify.Request, response: restify.Response) => {
    const activity = IncomingActivitySchema.safeParse(request.body);
    if (!activity.success) {
      const issue = activity.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      response.send(400, errorBody('invalid_activity', activityTexts.invalid(field)));
      return;
    }

    const started = performance.now();
    const conversationId = activity.data.conversation.id;
    let reachedBot = false;
    let status: number;
    let body: unknown;
    try {
      const invokeResponse = await deps.adapter.handleActivity(request.header('authorization') ?? '', activity.data as unknown as Activity, async (context) => {
        reachedBot = true;
        await deps.bot.run(context);
      });
      status = invokeResponse?.status ?? 200;
      body = invokeResponse?.body;
    } catch (error) {
      // What fails before the bot is reached is authentication (a bad token, signing keys that cannot be
      // fetched): it never lets a request through, and never keeps the client waiting.
      const reported = (error as { statusCode?: number }).statusCode;
      status = reported !== undefined && reported >= 400 && reported < 500 ? reported : reachedBot ? 500 : 401;
      if (status >= 500) {
        body = errorBody('internal_error', activityTexts.failed);
        deps.logger.error({ err: error, conversationId, status }, 'activity processing failed');
      } else {
        body = errorBody('unauthorized', activityTexts.unauthorized);
        deps.logger.warn({ err: error, conversationId, status }, 'activity refused');
      }
    }
    const text = deps.logMessageText ? { text: activity.data.text } : {};
    deps.logger.info({ conversationId, type: activity.data.type, status, latencyMs: Math.round(performance.now() - started), ...text }, 'activity handled');
    if (body === undefined) response.send(status);
    else response.send(status, body);
  });

  server.get('/healthz', async (_request: restify.Request, response: restify.Response) => {
    const programmes = deps.programmes().length;
    // A bot that cannot save a turn should get no turns: 503 takes it out of the load balancer's rotation.
    if (deps.stateWritable !== undefined && !(await deps.stateWritable())) {
      response.send(503, { status: 'storage_unavailable', message: healthTexts.storageUnavailable, programmes });
      return;
    }
    response.send(200, { status: 'ok', programmes });
  });

  registerWebRoutes(server, { programmes: deps.programmes, today: deps.today, logger: deps.logger });

  return server;
}
