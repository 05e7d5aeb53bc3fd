/** Response headers for the tab, its assets, the legal pages and the JSON API. */

/** Where Teams and the Microsoft 365 hosts frame a tab (Microsoft's tab requirements). */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://*.cloud.microsoft',
];

/**
 * Only our own files run and load. connect-src stays 'self': teams-js would fetch its list of host
 * origins from a Microsoft CDN on every page view; its bundled list is used instead, and no third
 * party learns who opened the page.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
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
