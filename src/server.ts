import type { Response as AdapterResponse, TurnContext } from 'botbuilder';
import restify from 'restify';
import { z } from 'zod';
import type { Logger } from './logger.js';
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
  adapter: { process(request: restify.Request, response: AdapterResponse, logic: (context: TurnContext) => Promise<void>): Promise<void> };
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  /** Largest accepted request body in bytes. */
  maxBodyBytes?: number;
  /** The programmes as currently loaded, and today's date in the users' time zone: for the health check, the tab and its API. */
  programmes: WebDependencies['programmes'];
  today: WebDependencies['today'];
}

type ErrorBody = { error: string; message: string };
const errorBody = (error: string, message: string): ErrorBody => ({ error, message });

/** Where the adapter's answer is collected, so that an error reaches the client as short JSON, never as a stack. */
class CapturedResponse implements AdapterResponse {
  socket = null;
  statusCode = 200;
  body: unknown;
  readonly headers: [string, unknown][] = [];
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  send(body?: unknown) {
    this.body = body;
    return this;
  }
  header(name: string, value: unknown) {
    this.headers.push([name, value]);
    return this;
  }
  end() {
    return this;
  }
}

/** The bot's web server: the Bot Framework endpoint and a health check. Exported so that tests run it for real. */
export function createServer(deps: ServerDependencies): restify.Server {
  const server = restify.createServer({ name: 'foerderlotse-nrw', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: deps.maxBodyBytes ?? 256 * 1024 }));

  // restify's own errors (bad JSON, unknown route, body too large) in the same short shape as ours.
  server.on('restifyError', (_request: restify.Request, _response: restify.Response, error: Error & { toJSON?: () => unknown; body?: { code?: string } }, callback: () => void) => {
    const code = error.body?.code ?? error.name;
    error.toJSON = () => errorBody(code, error.message);
    callback();
  });

  server.post('/api/messages', async (request: restify.Request, response: restify.Response) => {
    const activity = IncomingActivitySchema.safeParse(request.body);
    if (!activity.success) {
      const issue = activity.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      response.send(400, errorBody('invalid_activity', `Ungültige Aktivität: Feld "${field}" fehlt oder hat den falschen Typ.`));
      return;
    }

    const started = performance.now();
    const captured = new CapturedResponse();
    try {
      await deps.adapter.process(request, captured, (context) => deps.bot.run(context));
    } catch (error) {
      deps.logger.error({ err: error, conversationId: activity.data.conversation.id }, 'activity processing failed');
      captured.status(500);
    }
    const latencyMs = Math.round(performance.now() - started);
    deps.logger.debug({ conversationId: activity.data.conversation.id, type: activity.data.type, status: captured.statusCode, latencyMs }, 'activity handled');

    if (captured.statusCode >= 500) {
      response.send(captured.statusCode, errorBody('internal_error', 'Die Nachricht konnte nicht verarbeitet werden.'));
    } else if (captured.statusCode === 401 || captured.statusCode === 403) {
      response.send(captured.statusCode, errorBody('unauthorized', 'Anfrage ohne gültige Bot-Framework-Anmeldung.'));
    } else if (captured.body === undefined) {
      response.send(captured.statusCode);
    } else {
      response.send(captured.statusCode, captured.body);
    }
  });

  server.get('/healthz', async (_request: restify.Request, response: restify.Response) => {
    response.send(200, { status: 'ok', programmes: deps.programmes().length });
  });

  registerWebRoutes(server, { programmes: deps.programmes, today: deps.today, logger: deps.logger });

  return server;
}
