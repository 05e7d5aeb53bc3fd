import { isIPv4 } from 'node:net';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { Next, Request, Response, Server } from 'restify';
import restify from './restify.js';
import { z } from 'zod';
import type { Logger } from '../common/logger.js';
import { activityTexts, healthTexts, httpTexts } from '../texts/operations.js';
import type { TurnGate } from './turnGate.js';
import { type WebDependencies, registerWebRoutes } from './routes.js';
import { apiHeaders } from './security.js';
import { httpStatusOf } from '../common/httpStatus.js';

/** Ids of channels, conversations and users are short; a longer one is a crafted request, not a Teams message. */
const MAX_ID_CHARS = 512;
const id = z.string().min(1).max(MAX_ID_CHARS);
const optionalName = z.string().max(MAX_ID_CHARS).optional();

/**
 * The fields every incoming activity needs before the Bot Framework adapter can answer it, and the
 * ones that are stored (conversation reference) or logged, in their types and with bounded length.
 */
export const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  channelId: id,
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.looseObject({ id, conversationType: optionalName, tenantId: optionalName, name: optionalName }),
  from: z.looseObject({ id, name: optionalName, aadObjectId: optionalName }),
  recipient: z.looseObject({ id: z.string().max(MAX_ID_CHARS), name: optionalName }).optional(),
  id: z.string().max(MAX_ID_CHARS).optional(),
  text: z.string().optional(),
});
type IncomingActivity = z.infer<typeof IncomingActivitySchema>;

export interface ServerDependencies {
  adapter: {
    handleActivity(
      authorization: string,
      activity: Activity,
      logic: (context: TurnContext) => Promise<void>,
    ): Promise<InvokeResponse | undefined>;
  };
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  /** Turns admitted at once, and none while the process shuts down. */
  gate: TurnGate;
  /**
   * Without a Microsoft app id nobody is authenticated (Emulator mode): replies then go only to a
   * connector on this machine, or any sender could make the bot post to a host of their choice.
   */
  loopbackServiceUrlsOnly: boolean;
  /**
   * The server listens on this machine only (Emulator mode): requests must name it in their Host
   * header, so that a web page cannot reach the bot through DNS rebinding.
   */
  loopbackHostsOnly?: boolean;
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

/** Seconds a client should wait before it tries again: a full gate empties within moments, a restart takes longer. */
const RETRY_AFTER_BUSY_S = 1;
const RETRY_AFTER_SHUTDOWN_S = 5;

/** Only JSON: a form or text body is what a web page may send cross-site without asking. */
const isJson = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
/** Uncompressed only: a small gzip body could unpack to gigabytes past the size limit, which counts packed bytes. */
const isUncompressed = (encoding: string | undefined) => encoding === undefined || encoding.trim().toLowerCase() === 'identity';

/** A Host header that names this machine: localhost, 127.0.0.0/8 or [::1], with any port. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || (isIPv4(name) && name.startsWith('127.'));
}

/**
 * True for http(s) addresses on this machine: localhost and 127.0.0.0/8 (the URL parser normalises
 * other spellings of them). Not [::1]: the Bot Framework's HTTP client cannot reach it.
 */
export function isLoopbackUrl(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return host === 'localhost' || (isIPv4(host) && host.startsWith('127.'));
}

/** The bot's web server: the Bot Framework endpoint and a health check. Exported so that tests run it for real. */
export function createServer(deps: ServerDependencies): Server {
  // No name: restify would announce it in a Server header.
  const server = restify.createServer({ name: '', handleUncaughtExceptions: false });

  // Every answer carries the API's security headers; pages set their own CSP over them.
  server.pre((request: Request, response: Response, next: Next) => {
    for (const [name, value] of Object.entries(apiHeaders())) response.setHeader(name, value);
    if (deps.loopbackHostsOnly && !isLoopbackHostHeader(request.headers.host)) {
      response.send(403, errorBody('host_not_allowed', httpTexts.hostNotAllowed ?? ''));
      return next(false);
    }
    if (!deps.gate.isDraining) return next();
    // Shutting down: the client goes elsewhere or comes back, and does not keep this connection.
    response.setHeader('Connection', 'close');
    response.setHeader('Retry-After', String(RETRY_AFTER_SHUTDOWN_S));
    response.send(503, errorBody('shutting_down', activityTexts.shuttingDown));
    return next(false);
  });

  // restify's own errors (bad JSON, unknown route, body too large) in the same short shape as ours.
  server.on(
    'restifyError',
    (_request: Request, _response: Response, error: Error & { toJSON?: () => unknown; body?: { code?: string } }, callback: () => void) => {
      const code = error.body?.code ?? error.name;
      error.toJSON = () => errorBody(code, httpTexts[code] ?? error.message);
      callback();
    },
  );

  const onlyPlainJson = (request: Request, response: Response, next: Next) => {
    if (!isJson(request.headers['content-type']))
      response.send(415, errorBody('unsupported_media_type', httpTexts.UnsupportedMediaType ?? ''));
    else if (!isUncompressed(request.headers['content-encoding']))
      response.send(415, errorBody('unsupported_media_type', httpTexts.compressed ?? ''));
    else return next();
    return next(false);
  };

  const bodyParser = restify.plugins.bodyParser({ mapParams: false, maxBodySize: deps.maxBodyBytes ?? 256 * 1024 });
  server.post('/api/messages', onlyPlainJson, ...bodyParser, async (request: Request, response: Response) => {
    const activity = IncomingActivitySchema.safeParse(request.body);
    if (!activity.success) {
      const issue = activity.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      response.send(400, errorBody('invalid_activity', activityTexts.invalid(field)));
      return;
    }
    if (deps.loopbackServiceUrlsOnly && !isLoopbackUrl(activity.data.serviceUrl)) {
      response.send(403, errorBody('service_url_not_allowed', activityTexts.serviceUrlNotAllowed));
      return;
    }
    const admission = deps.gate.enter();
    if (admission !== 'admitted') {
      response.setHeader('Retry-After', String(admission === 'busy' ? RETRY_AFTER_BUSY_S : RETRY_AFTER_SHUTDOWN_S));
      if (admission === 'draining') response.setHeader('Connection', 'close');
      response.send(
        503,
        admission === 'busy' ? errorBody('busy', activityTexts.busy) : errorBody('shutting_down', activityTexts.shuttingDown),
      );
      return;
    }
    // The slot is freed when the turn is over and its answer is out: a client that hangs up early does not free it.
    const answered = new Promise((resolve) => response.once('close', resolve));
    try {
      await runTurn(deps, activity.data, request, response);
      await answered;
    } finally {
      deps.gate.leave();
    }
  });

  const health = async (_request: Request, response: Response) => {
    const programmes = deps.programmes().length;
    // A bot that cannot save a turn should get no turns: 503 takes it out of the load balancer's rotation.
    if (deps.stateWritable !== undefined && !(await deps.stateWritable())) {
      response.send(503, { status: 'storage_unavailable', message: healthTexts.storageUnavailable, programmes });
      return;
    }
    response.send(200, { status: 'ok', programmes });
  };
  server.get('/healthz', health);
  server.head('/healthz', health);

  registerWebRoutes(server, { programmes: deps.programmes, today: deps.today, logger: deps.logger });

  return server;
}

/** One activity through the adapter and the bot, answered with the status the adapter reports. */
async function runTurn(deps: ServerDependencies, activity: IncomingActivity, request: Request, response: Response): Promise<void> {
  const started = performance.now();
  const conversationId = activity.conversation.id;
  let reachedBot = false;
  let status: number;
  let body: unknown;
  try {
    const invokeResponse = await deps.adapter.handleActivity(
      request.header('authorization') ?? '',
      activity as unknown as Activity,
      async (context) => {
        reachedBot = true;
        await deps.bot.run(context);
      },
    );
    status = invokeResponse?.status ?? 200;
    body = invokeResponse?.body;
  } catch (error) {
    // What fails before the bot is reached is authentication (a bad token, signing keys that cannot be
    // fetched): it never lets a request through, and never keeps the client waiting.
    const reported = httpStatusOf(error);
    status = reported !== undefined && reported >= 400 && reported < 500 ? reported : reachedBot ? 500 : 401;
    if (status >= 500) {
      body = errorBody('internal_error', activityTexts.failed);
      deps.logger.error({ err: error, conversationId, status }, 'activity processing failed');
    } else {
      body = errorBody('unauthorized', activityTexts.unauthorized);
      deps.logger.warn({ err: error, conversationId, status }, 'activity refused');
    }
  }
  const text = deps.logMessageText ? { text: activity.text } : {};
  deps.logger.info(
    { conversationId, type: activity.type, status, latencyMs: Math.round(performance.now() - started), ...text },
    'activity handled',
  );
  // The turn began before the shutdown: it is answered, and its connection is not kept.
  if (deps.gate.isDraining) response.setHeader('Connection', 'close');
  if (body === undefined) response.send(status);
  else response.send(status, body);
}
