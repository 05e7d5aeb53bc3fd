import type { Next, Request, RequestHandler, Response } from 'restify';
import { httpTexts } from '../texts/operations.js';
import restify from './restify.js';

/** What the JSON endpoints take (JSON only, uncompressed, bounded) and the short shape of their errors. */

export type ErrorBody = { error: string; message: string };
export const errorBody = (error: string, message: string): ErrorBody => ({ error, message });

/** Only JSON: a form or text body is what a web page may send cross-site without asking. */
const isJson = (contentType: string | undefined) => contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
/** Uncompressed only: a small gzip body could unpack to gigabytes past the size limit, which counts packed bytes. */
const isUncompressed = (encoding: string | undefined) => encoding === undefined || encoding.trim().toLowerCase() === 'identity';

export const onlyPlainJson = (request: Request, response: Response, next: Next) => {
  if (!isJson(request.headers['content-type']))
    response.send(415, errorBody('unsupported_media_type', httpTexts.UnsupportedMediaType ?? ''));
  else if (!isUncompressed(request.headers['content-encoding']))
    response.send(415, errorBody('unsupported_media_type', httpTexts.compressed ?? ''));
  else return next();
  return next(false);
};

/** restify's JSON body parser, without copying the body into the route parameters. */
export const jsonBody = (maxBodyBytes: number): RequestHandler[] =>
  restify.plugins.bodyParser({ mapParams: false, maxBodySize: maxBodyBytes });
