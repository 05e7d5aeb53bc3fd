import type { ServerResponse } from 'node:http';
import type restify from 'restify';
import { webTexts } from '../texts/tab.js';
import type { Asset } from './assets.js';
import { apiHeaders, pageHeaders } from './security.js';

/** Answers of the pages and their files, written with Node's own calls. */

export type Handler = (request: restify.Request, response: restify.Response) => Promise<void>;

export const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const ALLOWED_METHODS = 'GET, HEAD';

/** Written with Node's own calls: restify's formatters would otherwise re-encode the body. HEAD gets the headers only. */
export function reply(response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}

export const replyJson = (response: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) =>
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
export function readOnly(server: restify.Server, path: string, handler: Handler): void {
  server.get(path, handler);
  server.head(path, handler);
  server.post(path, methodNotAllowed);
  server.put(path, methodNotAllowed);
  server.patch(path, methodNotAllowed);
  server.del(path, methodNotAllowed);
  server.opts(path, methodNotAllowed);
}

/** A static file with its ETag: 304 when the browser has it already. */
export function serveAsset(server: restify.Server, path: string, asset: () => Asset): void {
  readOnly(server, path, async (request, response) => {
    const { body, contentType, etag } = asset();
    const headers = { ...pageHeaders(), 'Content-Type': contentType, 'Cache-Control': 'no-cache', ETag: etag };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    reply(response, 200, headers, body);
  });
}
