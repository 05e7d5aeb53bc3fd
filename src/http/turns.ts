import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { Response } from 'restify';
import { z } from 'zod';
import type { Logger } from '../common/logger.js';
import { httpStatusOf } from '../common/httpStatus.js';
import { activityTexts } from '../texts/operations.js';
import { errorBody } from './jsonRequests.js';
import { isLoopbackUrl } from './loopback.js';
import type { TurnGate } from './turnGate.js';

/**
 * The one way an activity reaches the bot, whichever endpoint took it (POST /api/messages, the local
 * Direct Line endpoint): the serviceUrl check of Emulator mode, admission by the gate, then the
 * adapter (authentication) and the bot, logged alike.
 */

/** Ids of channels, conversations and users are short; a longer one is a crafted request, not a Teams message. */
const MAX_ID_CHARS = 512;
const id = z.string().min(1).max(MAX_ID_CHARS);
const optionalName = z.string().max(MAX_ID_CHARS).optional();

/**
 * The fields every incoming activity needs before the Bot Framework adapter can answer it, and the
 * ones that are stored (conversation reference) or logged, in their types and with bounded length.
 */
export const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  channelId: id,
  serviceUrl: z.string().min(1).max(2048),
  conversation: z.looseObject({ id, conversationType: optionalName, tenantId: optionalName, name: optionalName }),
  from: z.looseObject({ id, name: optionalName, aadObjectId: optionalName }),
  recipient: z.looseObject({ id: z.string().max(MAX_ID_CHARS), name: optionalName }).optional(),
  id: z.string().max(MAX_ID_CHARS).optional(),
  text: z.string().optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivitySchema>;

export interface TurnDependencies {
  adapter: {
    handleActivity(
      authorization: string,
      activity: Activity,
      logic: (context: TurnContext) => Promise<void>,
    ): Promise<InvokeResponse | undefined>;
  };
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  /** Turns admitted at once, and none while the process shuts down. */
  gate: TurnGate;
  /**
   * Without a Microsoft app id nobody is authenticated (Emulator mode): replies then go only to a
   * connector on this machine, or any sender could make the bot post to a host of their choice.
   */
  loopbackServiceUrlsOnly: boolean;
  /** Users may type personal data: message text goes into the log only when this is switched on for debugging. */
  logMessageText?: boolean;
}

/** What the endpoint answers: status, body (none for an empty 200) and headers. */
export interface TurnAnswer {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

/** Seconds a client should wait before it tries again: a full gate empties within moments, a restart takes longer. */
export const RETRY_AFTER_BUSY_S = 1;
export const RETRY_AFTER_SHUTDOWN_S = 5;

/** Admitted (call `leave` once the turn is over and answered), or the answer to give instead. */
export type Admission = { admitted: true; leave: () => void } | { admitted: false; answer: TurnAnswer };

export class TurnPipeline {
  constructor(private readonly deps: TurnDependencies) {}

  /** Whether the activity may run now: in Emulator mode only with a serviceUrl on this machine, and only with a free slot. */
  admit(activity: Pick<IncomingActivity, 'serviceUrl'>): Admission {
    if (this.deps.loopbackServiceUrlsOnly && !isLoopbackUrl(activity.serviceUrl)) {
      return {
        admitted: false,
        answer: { status: 403, body: errorBody('service_url_not_allowed', activityTexts.serviceUrlNotAllowed), headers: {} },
      };
    }
    const admission = this.deps.gate.enter();
    if (admission === 'admitted') return { admitted: true, leave: () => this.deps.gate.leave() };
    const busy = admission === 'busy';
    return {
      admitted: false,
      answer: {
        status: 503,
        body: busy ? errorBody('busy', activityTexts.busy) : errorBody('shutting_down', activityTexts.shuttingDown),
        // Shutting down: the client goes elsewhere or comes back, and does not keep this connection.
        headers: { 'Retry-After': String(busy ? RETRY_AFTER_BUSY_S : RETRY_AFTER_SHUTDOWN_S), ...(busy ? {} : { Connection: 'close' }) },
      },
    };
  }

  /** One admitted activity through the adapter and the bot, answered with the status the adapter reports. */
  async run(activity: IncomingActivity, authorization: string): Promise<TurnAnswer> {
    const { deps } = this;
    const started = performance.now();
    const conversationId = activity.conversation.id;
    let reachedBot = false;
    let status: number;
    let body: unknown;
    try {
      const invokeResponse = await deps.adapter.handleActivity(authorization, activity as unknown as Activity, async (context) => {
        reachedBot = true;
        await deps.bot.run(context);
      });
      status = invokeResponse?.status ?? 200;
      body = invokeResponse?.body;
    } catch (error) {
      // What fails before the bot is reached is authentication (a bad token, signing keys that cannot be
      // fetched): it never lets a request through, and never keeps the client waiting.
      const reported = httpStatusOf(error);
      status = reported !== undefined && reported >= 400 && reported < 500 ? reported : reachedBot ? 500 : 401;
      if (status >= 500) {
        body = errorBody('internal_error', activityTexts.failed);
        deps.logger.error({ err: error, conversationId, status }, 'activity processing failed');
      } else {
        body = errorBody('unauthorized', activityTexts.unauthorized);
        deps.logger.warn({ err: error, conversationId, status }, 'activity refused');
      }
    }
    const text = deps.logMessageText ? { text: activity.text } : {};
    deps.logger.info(
      { conversationId, type: activity.type, status, latencyMs: Math.round(performance.now() - started), ...text },
      'activity handled',
    );
    // The turn began before the shutdown: it is answered, and its connection is not kept.
    return { status, body, headers: deps.gate.isDraining ? { Connection: 'close' } : {} };
  }
}

/** Writes an answer with restify's formatters (JSON for a body, nothing for an empty 200). */
export function sendAnswer(response: Response, answer: TurnAnswer): void {
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  if (answer.body === undefined) response.send(answer.status);
  else response.send(answer.status, answer.body);
}

/**
 * Resolves once the response is out, or the client is gone. Taken before the turn runs: a turn's slot
 * is freed when the turn is over and its answer is out, and a client that hangs up early does not free it.
 */
export const whenAnswered = (response: Response): Promise<unknown> => new Promise((resolve) => response.once('close', resolve));
