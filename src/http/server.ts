import type { Next, Request, Response, Server } from 'restify';
import restify from './restify.js';
import { activityTexts, healthTexts, httpTexts } from '../texts/operations.js';
import { errorBody, jsonBody, onlyPlainJson } from './jsonRequests.js';
import { type LocalChatOptions, registerLocalChat } from './localChat.js';
import { isLoopbackHostHeader, ownServiceUrl } from './loopback.js';
import { IncomingActivitySchema, RETRY_AFTER_SHUTDOWN_S, type TurnDependencies, TurnPipeline, sendAnswer, whenAnswered } from './turns.js';
import { type WebDependencies, registerWebRoutes } from './routes.js';
import { NO_PLACES } from '../domain/places.js';
import { apiHeaders } from './security.js';

export { IncomingActivitySchema } from './turns.js';
export { isLoopbackHostHeader, isLoopbackUrl } from './loopback.js';

export interface ServerDependencies extends TurnDependencies {
  /**
   * The server listens on this machine only (Emulator mode): requests must name it in their Host
   * header, so that a web page cannot reach the bot through DNS rebinding.
   */
  loopbackHostsOnly?: boolean;
  /** Largest accepted request body in bytes. */
  maxBodyBytes?: number;
  /** The programmes as currently loaded, and today's date in the users' time zone: for the health check, the tab and its API. */
  programmes: WebDependencies['programmes'];
  today: WebDependencies['today'];
  /** The NRW municipalities, for the tab and its API; none when not given. */
  places?: WebDependencies['places'];
  /** Signs and checks the chat's download links of result lists. */
  exportLinks: WebDependencies['exportLinks'];
  /** Whether the state storage takes writes now; without it, the health check does not look at the storage. */
  stateWritable?: () => Promise<boolean>;
  /**
   * The chat page /chat and its Direct Line endpoint, when set. They authenticate nobody: only for
   * Emulator mode, where the server listens on this machine only (unless HOST says otherwise).
   */
  localChat?: LocalChatOptions;
}

/** The bot's web server: the Bot Framework endpoint, a health check, the web pages. Exported so that tests run it for real. */
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

  const turns = new TurnPipeline(deps);
  server.post(
    '/api/messages',
    onlyPlainJson,
    ...jsonBody(deps.maxBodyBytes ?? 256 * 1024),
    async (request: Request, response: Response) => {
      const activity = IncomingActivitySchema.safeParse(request.body);
      if (!activity.success) {
        const issue = activity.error.issues[0];
        const field = issue?.path.join('.') || 'body';
        response.send(400, errorBody('invalid_activity', activityTexts.invalid(field)));
        return;
      }
      const admission = turns.admit(activity.data);
      if (!admission.admitted) {
        sendAnswer(response, admission.answer);
        return;
      }
      const answered = whenAnswered(response);
      try {
        sendAnswer(response, await turns.run(activity.data, request.header('authorization') ?? ''));
        await answered;
      } finally {
        admission.leave();
      }
    },
  );

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

  registerWebRoutes(server, {
    programmes: deps.programmes,
    today: deps.today,
    logger: deps.logger,
    places: deps.places ?? NO_PLACES,
    exportLinks: deps.exportLinks,
    gate: deps.gate,
  });
  if (deps.localChat !== undefined)
    registerLocalChat(server, { ...deps.localChat, turns, logger: deps.logger, serviceUrl: () => ownServiceUrl(server.address()) });

  return server;
}
