/** Response headers for the tab, its assets, the legal pages, the chat page and the JSON API. */

/** Where Teams and the Microsoft 365 hosts frame a tab (Microsoft's tab requirements). */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://*.cloud.microsoft',
];

/**
 * The one file teams-js 2.x fetches from elsewhere: Microsoft's list of valid Teams host origins
 * (`validOriginsCdnEndpoint` in its internal/constants), asked for as soon as the library runs.
 * There is no switch to turn that off; without the answer it uses the list it bundles.
 */
export const TEAMS_ORIGINS_LIST_URL = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

/**
 * Only our own files run and load, with one exception in connect-src: the list teams-js fetches, as
 * this exact URL (not the whole CDN). The response cannot know whether the page is framed, so the
 * page decides: it loads teams-js only inside a host (framed by Teams or Microsoft 365, see
 * teams.js), so a page opened directly asks no other server for anything, and in Teams the fetch
 * succeeds instead of filling the console with two CSP errors on every load.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  `connect-src 'self' ${TEAMS_ORIGINS_LIST_URL}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/**
 * SHA-256 of the empty string. Web Chat 4.18 renders its transcript's scroll container
 * (react-scroll-to-bottom) without passing on the nonce: that library's emotion cache inserts an
 * empty <style> element and fills it through the CSSOM (insertRule), which CSP does not govern. This
 * hash lets only that empty element through; a <style> with any content still needs the nonce.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The chat page: Web Chat's bundle and our script from 'self' only, without 'unsafe-eval'. Web Chat
 * writes its styles into <style> elements (emotion) tagged with this response's nonce, so no
 * 'unsafe-inline' is needed. Images: its icons come as data: URLs, typing and connection spinners as
 * blob: URLs. Never framed.
 */
export const chatPageCsp = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** JSON is never a document: nothing may run or frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  // Links lead to funders' sites; they need not learn where the user came from.
  'Referrer-Policy': 'no-referrer',
};

export const pageHeaders = (): Record<string, string> => ({ ...COMMON, 'Content-Security-Policy': PAGE_CSP });
export const apiHeaders = (): Record<string, string> => ({ ...COMMON, 'Content-Security-Policy': API_CSP, 'Cache-Control': 'no-store' });
export const chatPageHeaders = (nonce: string): Record<string, string> => ({ ...COMMON, 'Content-Security-Policy': chatPageCsp(nonce) });
