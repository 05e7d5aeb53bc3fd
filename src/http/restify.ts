import { createRequire } from 'node:module';
import type restifyModule from 'restify';

/**
 * restify, loaded without Node's DEP0111 warning on every start: restify requires spdy for HTTP/2
 * (not used here), whose http-deceiver reads `process.binding('http_parser')` while it loads.
 * Only that load is quiet; every other deprecation is reported as usual.
 */
const require = createRequire(import.meta.url);
const reportDeprecations = process.noDeprecation;
process.noDeprecation = true;
let loaded: typeof restifyModule;
try {
  loaded = require('restify') as typeof restifyModule;
} finally {
  process.noDeprecation = reportDeprecations;
}

export default loaded;
