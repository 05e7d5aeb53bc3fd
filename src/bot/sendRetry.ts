import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../common/logger.js';
import { httpStatusOf } from '../common/httpStatus.js';

/**
 * Teams throttles bots (429) and refuses concurrent updates (412); the connector client itself
 * retries only server errors. These two get retried here, after the Retry-After the service asks
 * for or with doubling delays.
 */
const RETRIED_STATUSES = new Set([429, 412]);

export interface SendRetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  baseDelayMs: number;
  /** Never wait longer than this, whatever Retry-After says. */
  maxDelayMs: number;
  /**
   * One send that takes longer is given up: a connector that never answers would otherwise hold the
   * turn, and its place among the turns in flight, for as long as it likes.
   */
  timeoutMs?: number;
}

export const DEFAULT_SEND_RETRY: SendRetryOptions = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, timeoutMs: 10_000 };

/** A reply the channel did not take within the time allowed. */
export class SendTimedOut extends Error {
  constructor(timeoutMs: number) {
    super(`the channel did not take a reply within ${timeoutMs} ms`);
  }
}

/** Rejects with SendTimedOut when `operation` takes longer than `timeoutMs`. */
async function within<T>(operation: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SendTimedOut(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([operation, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

interface HttpFailure {
  response?: { headers?: { get?: (name: string) => string | null | undefined } };
}

function retryAfterMs(error: unknown): number | null {
  const header = (error as HttpFailure).response?.headers?.get?.('retry-after');
  const seconds = header == null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function sendRetryMiddleware(logger: Pick<Logger, 'warn'>, options: SendRetryOptions = DEFAULT_SEND_RETRY): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      context.onSendActivities(async (_context, _activities, send) => {
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await within(send(), options.timeoutMs ?? DEFAULT_SEND_RETRY.timeoutMs ?? 10_000);
          } catch (error) {
            const status = httpStatusOf(error);
            if (status === undefined || !RETRIED_STATUSES.has(status) || attempt >= options.attempts) throw error;
            const delayMs = Math.min(options.maxDelayMs, retryAfterMs(error) ?? options.baseDelayMs * 2 ** (attempt - 1));
            logger.warn(
              { status, attempt, delayMs, conversationId: context.activity.conversation?.id },
              'reply refused by the channel, retrying',
            );
            await sleep(delayMs);
          }
        }
      });
      await next();
    },
  };
}
