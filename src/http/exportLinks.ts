import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Download links for a result list that need no storage: the link carries the search (as the tab's
 * query string) and its expiry, signed with HMAC-SHA256. A changed character or an old link is refused.
 */

export const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const EXPORT_FORMATS = ['docx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The list is served at `/export/liste.docx?t=…` and `/export/liste.csv?t=…`. */
export const EXPORT_PATH = '/export/liste';

const EXPIRES = 'expires';

export class ExportLinks {
  private readonly secret: Buffer;

  /** Without a configured secret, one is made per process: links then last until the next restart. */
  constructor(
    secret: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  private signature(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  /** The token for a search (the tab's query string), valid for 24 hours from now. */
  sign(search: URLSearchParams): string {
    const params = new URLSearchParams(search);
    params.set(EXPIRES, String(this.now() + LINK_LIFETIME_MS));
    const payload = Buffer.from(params.toString(), 'utf8').toString('base64url');
    return `${payload}.${this.signature(payload).toString('base64url')}`;
  }

  /** The search a token carries, or why it is refused. */
  verify(token: string): { ok: true; search: URLSearchParams } | { ok: false; reason: 'malformed' | 'signature' | 'expired' } {
    const [payload, signature, extra] = token.split('.');
    if (payload === undefined || signature === undefined || extra !== undefined || !/^[\w-]{1,4000}$/.test(payload))
      return { ok: false, reason: 'malformed' };
    const given = Buffer.from(signature, 'base64url');
    const expected = this.signature(payload);
    // Only the one spelling the bot writes: base64url ignores stray characters and a last character's unused bits.
    const canonical = given.toString('base64url') === signature;
    if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    const search = new URLSearchParams(Buffer.from(payload, 'base64url').toString('utf8'));
    const expires = Number(search.get(EXPIRES));
    if (!Number.isFinite(expires) || expires < this.now()) return { ok: false, reason: 'expired' };
    search.delete(EXPIRES);
    return { ok: true, search };
  }
}
