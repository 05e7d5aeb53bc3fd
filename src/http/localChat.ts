import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../common/logger.js';
import { activityTexts, directLineTexts } from '../texts/operations.js';
import { webTexts } from '../texts/tab.js';
import { loadChatAssets, webChatBundleFile } from './assets.js';
import { type DirectLineConversation, DirectLineConversations, type DirectLineLimits } from './directLine.js';
import { errorBody, jsonBody, onlyPlainJson } from './jsonRequests.js';
import { chatPage, chatUnavailablePage } from './pages.js';
import { HTML, readOnly, reply, serveAsset } from './replies.js';
import { chatPageHeaders } from './security.js';
import { type IncomingActivity, type TurnAnswer, type TurnPipeline, sendAnswer, whenAnswered } from './turns.js';

/**
 * The chat page (`/chat`) and a minimal Direct Line 3.0 endpoint for it, so that Microsoft's Web Chat
 * talks to this bot without the Emulator and without Azure. Client side: open a conversation, post
 * activities, poll with a watermark (no WebSocket). Bot side: the Bot Connector routes the adapter
 * posts its replies to, with the serviceUrl this server gives every activity: itself. Every turn
 * runs through the same pipeline as POST /api/messages. Unauthenticated, so only in Emulator mode.
 */

/** Limits and clock of the conversations, for tests. */
export interface LocalChatOptions {
  limits?: Partial<DirectLineLimits>;
  now?: () => number;
}

export interface LocalChatDependencies extends LocalChatOptions {
  turns: Pick<TurnPipeline, 'admit' | 'run'>;
  /** Where the server reaches itself, once it listens: the bot's replies to the chat come back there. */
  serviceUrl: () => string;
  logger: Pick<Logger, 'warn'>;
}

/** The channel the bot sees for the chat page, as the Azure Web Chat channel names itself. */
export const CHAT_CHANNEL_ID = 'webchat';
export const CHAT_BOT = { id: 'foerderlotse-nrw', name: webTexts.chat.botName, role: 'bot' };
const DIRECT_LINE = '/v3/directline';
/** A typed message or a card's submit value is small; the bot's carousels are not. */
const CLIENT_BODY_BYTES = 32 * 1024;
const BOT_BODY_BYTES = 256 * 1024;
const RETRY_AFTER_FULL_S = 60;

const MAX_ID_CHARS = 512;
const userId = z.string().min(1).max(MAX_ID_CHARS);

/** What Web Chat sends to open a conversation: the user it set with `userID`, and perhaps a locale. */
const StartSchema = z.object({ user: z.object({ id: userId.optional() }).optional(), locale: z.string().max(35).optional() });

/** The fields of a client's activity the bot gets; everything else (serviceUrl, conversation, recipient, id) the endpoint sets. */
const ClientActivitySchema = z.object({
  type: z.string().min(1).max(100),
  text: z.string().optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(35).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(100).optional(),
  from: z.object({ id: userId, name: z.string().max(MAX_ID_CHARS).optional() }),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
});

/** A reply of the bot: any activity, its reply-to id bounded like every id. */
const BotActivitySchema = z.looseObject({ type: z.string().min(1).max(100), replyToId: z.string().max(MAX_ID_CHARS).optional() });

const invalid = (issues: readonly { path: PropertyKey[] }[]) =>
  errorBody('invalid_activity', activityTexts.invalid(issues[0]?.path.join('.') || 'body'));

const bearerToken = (request: Request) => /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1] ?? '';

/** `watermark` absent or empty: from the start; else a whole number. */
function watermarkOf(request: Request): number | undefined {
  const value = new URL(request.url ?? '/', 'http://localhost').searchParams.get('watermark') ?? '';
  if (value === '') return 0;
  return /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export function registerLocalChat(server: Server, deps: LocalChatDependencies): void {
  const conversations = new DirectLineConversations(deps.limits, deps.now);
  const now = () => new Date((deps.now ?? Date.now)());
  const expiresIn = Math.round(conversations.limits.idleMs / 1000);
  const opened = (conversation: DirectLineConversation) => ({
    conversationId: conversation.id,
    token: conversation.token,
    expires_in: expiresIn,
  });

  const webChat = webChatBundleFile();
  readOnly(server, '/chat', async (_request, response) => {
    const nonce = randomBytes(16).toString('base64');
    const headers = { ...chatPageHeaders(nonce), 'Content-Type': HTML, 'Cache-Control': 'no-store' };
    if (webChat === undefined) reply(response, 503, headers, chatUnavailablePage());
    else reply(response, 200, headers, chatPage(nonce));
  });
  for (const [name, asset] of loadChatAssets(webChat)) serveAsset(server, `/chat/${name}`, asset);

  /** The fields every activity to the bot carries, whoever sends it. */
  const envelope = (conversation: DirectLineConversation, user: string, locale: string | undefined) => ({
    channelId: CHAT_CHANNEL_ID,
    serviceUrl: deps.serviceUrl(),
    conversation: { id: conversation.id },
    from: { id: user, role: 'user' },
    recipient: CHAT_BOT,
    locale: locale ?? 'de-DE',
  });

  /** The user joins: the bot sees it as the Emulator shows it, and greets. Not part of the transcript. */
  const join = (conversation: DirectLineConversation, user: string, locale: string | undefined) =>
    deps.turns.run(
      {
        ...envelope(conversation, user, locale),
        type: 'conversationUpdate',
        id: `${conversation.id}|join`,
        timestamp: now().toISOString(),
        membersAdded: [{ id: CHAT_BOT.id, name: CHAT_BOT.name }, { id: user }],
      },
      '',
    );

  /**
   * Runs `work` as one admitted request of the turn pipeline, holding its slot until the answer is
   * out, as POST /api/messages does. False when it was not admitted (the refusal is answered).
   */
  async function admitted(response: Response, work: () => Promise<TurnAnswer>): Promise<boolean> {
    const admission = deps.turns.admit({ serviceUrl: deps.serviceUrl() });
    if (!admission.admitted) {
      sendAnswer(response, admission.answer);
      return false;
    }
    const answered = whenAnswered(response);
    try {
      sendAnswer(response, await work());
      await answered;
    } finally {
      admission.leave();
    }
    return true;
  }

  /** The conversation the request names, if its token fits; else answered with 404 or 403 as Direct Line does. */
  function clientConversation(request: Request, response: Response): DirectLineConversation | undefined {
    const found = conversations.forClient(String(request.params.conversationId ?? ''), bearerToken(request));
    if (found.ok) return found.conversation;
    if (found.problem === 'unknown') response.send(404, errorBody('conversation_not_found', directLineTexts.unknownConversation));
    else response.send(403, errorBody('forbidden', directLineTexts.wrongToken));
    return undefined;
  }

  server.post(
    `${DIRECT_LINE}/conversations`,
    onlyPlainJson,
    ...jsonBody(CLIENT_BODY_BYTES),
    async (request: Request, response: Response) => {
      // An empty body opens a conversation without a user.
      const start = StartSchema.safeParse(request.body === undefined || request.body === '' ? {} : request.body);
      if (!start.success) {
        response.send(400, invalid(start.error.issues));
        return;
      }
      const user = start.data.user?.id;
      const conversation = conversations.start(user);
      if (conversation === undefined) {
        deps.logger.warn({ open: conversations.size }, 'local chat: as many conversations open as allowed; a new one is refused');
        response.setHeader('Retry-After', String(RETRY_AFTER_FULL_S));
        response.send(503, errorBody('too_many_conversations', directLineTexts.tooManyConversations));
        return;
      }
      // Without a user there is nobody to greet yet: the welcome comes with the first message.
      if (user === undefined) {
        response.send(201, opened(conversation));
        return;
      }
      const welcomed = await admitted(response, async () => {
        const welcome = await join(conversation, user, start.data.locale);
        if (welcome.status >= 400) conversations.end(conversation.id);
        return welcome.status >= 400 ? welcome : { status: 201, body: opened(conversation), headers: welcome.headers };
      });
      if (!welcomed) conversations.end(conversation.id);
    },
  );

  server.post(
    `${DIRECT_LINE}/conversations/:conversationId/activities`,
    onlyPlainJson,
    ...jsonBody(CLIENT_BODY_BYTES),
    async (request: Request, response: Response) => {
      const conversation = clientConversation(request, response);
      if (conversation === undefined) return;
      const sent = ClientActivitySchema.safeParse(request.body);
      if (!sent.success) {
        response.send(400, invalid(sent.error.issues));
        return;
      }
      if (sent.data.type !== 'message') {
        response.send(400, errorBody('unsupported_activity_type', directLineTexts.unsupportedType(sent.data.type)));
        return;
      }
      const { from, ...fields } = sent.data;
      await admitted(response, async () => {
        // A conversation opened without a user takes the sender of its first message, who joins first.
        if (conversation.userId === undefined) {
          conversation.userId = from.id;
          const welcome = await join(conversation, from.id, fields.locale);
          if (welcome.status >= 400) return welcome;
        }
        // As Direct Line does with the user of a token: the conversation's user is the sender, whatever the client says.
        const base = envelope(conversation, conversation.userId, fields.locale);
        const activity: IncomingActivity = conversation.append(
          { ...fields, ...base, from: { ...base.from, ...(from.name === undefined ? {} : { name: from.name }) } },
          now(),
        );
        const answer = await deps.turns.run(activity, '');
        return answer.status >= 400 ? answer : { status: 200, body: { id: activity.id }, headers: answer.headers };
      });
    },
  );

  server.get(`${DIRECT_LINE}/conversations/:conversationId/activities`, async (request: Request, response: Response) => {
    const conversation = clientConversation(request, response);
    if (conversation === undefined) return;
    const watermark = watermarkOf(request);
    if (watermark === undefined) {
      response.send(400, errorBody('invalid_watermark', directLineTexts.invalidWatermark));
      return;
    }
    response.send(200, conversation.since(watermark));
  });

  server.post(`${DIRECT_LINE}/tokens/refresh`, async (request: Request, response: Response) => {
    const conversation = conversations.byToken(bearerToken(request));
    if (conversation === undefined) response.send(403, errorBody('forbidden', directLineTexts.wrongToken));
    else response.send(200, opened(conversation));
  });

  // The Bot Connector side: where the adapter posts the bot's replies, and the notifier its reminders.
  const botReply = async (request: Request, response: Response) => {
    const conversation = conversations.find(String(request.params.conversationId ?? ''));
    if (conversation === undefined) {
      // 404 tells the notifier that the conversation is gone for good.
      response.send(404, errorBody('conversation_not_found', directLineTexts.unknownConversation));
      return;
    }
    const parsed = BotActivitySchema.safeParse(request.body);
    if (!parsed.success) {
      response.send(400, invalid(parsed.error.issues));
      return;
    }
    const { replyToId, ...activity } = parsed.data;
    const replyTo = replyToId ?? request.params.activityId;
    // Only a reply to an activity the client has: Web Chat holds back replies to ones it never sees (the join).
    const inReplyTo = typeof replyTo === 'string' && conversation.holds(replyTo) ? { replyToId: replyTo } : {};
    response.send(200, { id: conversation.append({ ...activity, ...inReplyTo }, now()).id });
  };
  server.post('/v3/conversations/:conversationId/activities', onlyPlainJson, ...jsonBody(BOT_BODY_BYTES), botReply);
  server.post('/v3/conversations/:conversationId/activities/:activityId', onlyPlainJson, ...jsonBody(BOT_BODY_BYTES), botReply);
}
