import type { ServerResponse } from 'node:http';
import type restify from 'restify';
import type { Programme } from '../domain/programme.js';
import type { Logger } from '../common/logger.js';
import { webTexts } from '../texts/tab.js';
import { loadAssets } from './assets.js';
import { legalPage, tabPage } from './pages.js';
import { answerProgrammes } from './programmesAnswer.js';
import { parseProgrammesQuery, queryProblemText } from './programmesQuery.js';
import { apiHeaders, pageHeaders } from './security.js';

/** What the tab and its API need from the app. */
export interface WebDependencies {
  programmes: () => readonly Programme[];
  /** Today's date (YYYY-MM-DD) in the users' time zone. */
  today: () => string;
  logger: Logger;
}

type Handler = (request: restify.Request, response: restify.Response) => Promise<void>;

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const ALLOWED_METHODS = 'GET, HEAD';

/** Written with Node's own calls: restify's formatters would otherwise re-encode the body. HEAD gets the headers only. */
function reply(response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}

const replyJson = (response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) =>
  reply(response, status, { ...apiHeaders(), ...extra, 'Content-Type': JSON_TYPE }, JSON.stringify(body));

const methodNotAllowed: Handler = async (request, response) => {
  replyJson(
    response,
    405,
    { error: 'method_not_allowed', message: webTexts.api.methodNotAllowed(request.method ?? '') },
    { Allow: ALLOWED_METHODS },
  );
};

/** GET and HEAD answer; every other method gets a German 405 instead of restify's English one. */
function readOnly(server: restify.Server, path: string, handler: Handler): void {
  server.get(path, handler);
  server.head(path, handler);
  server.post(path, methodNotAllowed);
  server.put(path, methodNotAllowed);
  server.patch(path, methodNotAllowed);
  server.del(path, methodNotAllowed);
  server.opts(path, methodNotAllowed);
}

/** The programme tab (`/tab` and its files), the legal pages and `GET /api/programmes`. */
export function registerWebRoutes(server: restify.Server, deps: WebDependencies): void {
  const pages = new Map([
    ['/tab', tabPage()],
    ['/datenschutz', legalPage(webTexts.legal.privacy)],
    ['/nutzungsbedingungen', legalPage(webTexts.legal.terms)],
  ]);
  for (const [path, markup] of pages) {
    readOnly(server, path, async (_request, response) => {
      reply(response, 200, { ...pageHeaders(), 'Content-Type': HTML, 'Cache-Control': 'no-cache' }, markup);
    });
  }

  for (const [name, asset] of loadAssets()) {
    readOnly(server, `/tab/${name}`, async (request, response) => {
      const headers = { ...pageHeaders(), 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache', ETag: asset.etag };
      if (request.headers['if-none-match'] === asset.etag) {
        response.writeHead(304, headers);
        response.end();
        return;
      }
      reply(response, 200, headers, asset.body);
    });
  }

  readOnly(server, '/api/programmes', async (request, response) => {
    const started = performance.now();
    const parsed = parseProgrammesQuery(new URL(request.url ?? '/', 'http://localhost').searchParams);
    if (!parsed.ok) {
      replyJson(response, 400, { error: 'invalid_query', message: queryProblemText(parsed.problem) });
      return;
    }
    try {
      const answer = answerProgrammes(parsed.query, deps.programmes(), deps.today());
      // The search text is the user's own words: it stays out of the log.
      deps.logger.debug(
        { mode: answer.mode, total: answer.total, latencyMs: Math.round(performance.now() - started) },
        'programmes answered',
      );
      replyJson(response, 200, answer);
    } catch (error) {
      deps.logger.error({ err: error }, 'programmes request failed');
      replyJson(response, 500, { error: 'internal_error', message: webTexts.api.internalError });
    }
  });
}
