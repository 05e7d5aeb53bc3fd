import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/chat.js';
import { directLineTexts } from '../../src/texts/operations.js';
import { type DirectLineActivity, DirectLineClient } from '../support/directLineClient.js';
import { TODAY, type TestBot, startTestBot } from '../support/testBot.js';

/** The chat page's Direct Line endpoint over HTTP, as Web Chat talks to it, against the real server and bot. */

const SENTENCE = 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern';
type Card = { body: { inlines?: { text: string }[]; text?: string }[]; actions: { title: string; data?: Record<string, unknown> }[] };
const cardsOf = (activity: DirectLineActivity | undefined) => (activity?.attachments ?? []).map((attachment) => attachment.content as Card);
const titleOf = (card: Card | undefined) => card?.body[0]?.inlines?.[0]?.text ?? card?.body[0]?.text;
const fromBot = (activities: DirectLineActivity[]) => activities.filter((activity) => activity.from.role === 'bot');
const textOf = (activities: DirectLineActivity[]) =>
  fromBot(activities)
    .map((activity) => activity.text ?? '')
    .join('\n');
const errorOf = async (response: Response) => (await response.json()) as { error: string; message: string };

let today = TODAY;
let bot: TestBot;
beforeAll(async () => {
  // The tests click faster than people do; the flood limit has tests of its own.
  bot = await startTestBot({ today: () => today, floodLimit: { burst: 100, perSecond: 100 } });
});
afterAll(async () => {
  await bot.close();
});

/** A request with headers fetch does not allow (Host). */
function rawGet(base: string, path: string, host: string): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: url.hostname, port: url.port, path, headers: { Host: host } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('a conversation through the Direct Line endpoint', () => {
  it('opens with a token and no stream URL, and the bot greets the user it was opened for', async () => {
    const user = new DirectLineClient(bot.url);
    const opened = await user.start();
    expect(opened.status).toBe(201);
    const body = (await opened.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'expires_in', 'token']);
    expect(body.token).toMatch(/^[\w-]{40,}$/);

    const [welcome, ...rest] = await user.poll();
    expect(rest).toEqual([]);
    expect(welcome).toMatchObject({ type: 'message', text: texts.welcome, from: { id: 'foerderlotse-nrw', role: 'bot' } });
    // Not a reply to anything the client has (the join is not in the transcript), so Web Chat shows it at once.
    expect(welcome?.replyToId).toBeUndefined();
    expect(await user.poll()).toEqual([]);
  });

  it('echoes the message as the bot got it, then the bot’s carousel of Adaptive Cards, in order', async () => {
    const user = new DirectLineClient(bot.url);
    await user.start();
    await user.poll();

    const posted = await user.post({ text: SENTENCE });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    const [echo, ...replies] = await user.poll();

    expect(echo).toMatchObject({
      id,
      type: 'message',
      text: SENTENCE,
      channelId: 'webchat',
      serviceUrl: bot.url,
      conversation: { id: user.conversationId },
      from: { id: user.userId, role: 'user' },
      recipient: { id: 'foerderlotse-nrw' },
      // Web Chat recognises its own message by this id, and orders by the sequence.
      channelData: { clientActivityID: 'client-1', 'webchat:sequence-id': expect.any(Number) },
    });
    expect(Date.parse(echo?.timestamp ?? '')).not.toBeNaN();

    const carousel = replies.find((reply) => reply.attachmentLayout === 'carousel');
    expect(carousel?.replyToId).toBe(id);
    expect(carousel?.attachments?.every((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')).toBe(true);
    expect(cardsOf(carousel).map(titleOf)).toEqual([
      'Sprachkurse für Frauen mit Kinderbetreuung',
      'Sprachcafés im Ehrenamt',
      'War diese Suche hilfreich?',
    ]);
    expect(replies.at(-1)?.suggestedActions?.actions.map((action) => action.title)).toContain('Neue Suche');
    const sequence = [echo, ...replies].map((activity) => activity?.channelData?.['webchat:sequence-id'] as number);
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    expect(await user.poll()).toEqual([]);

    // A button on a card sends its data as the value.
    const merken = cardsOf(carousel)[0]?.actions.find((action) => action.title === 'Merken');
    expect(textOf(await user.submit(merken?.data))).toContain('Gemerkt: „Sprachkurse für Frauen mit Kinderbetreuung“');
  });

  it('polls from any watermark: an old one gets the rest again, the latest nothing', async () => {
    const user = new DirectLineClient(bot.url);
    await user.start();
    await user.say('Hallo');
    const all = async (watermark: string) =>
      (await (
        await fetch(`${bot.url}/v3/directline/conversations/${user.conversationId}/activities?watermark=${watermark}`, {
          headers: { Authorization: `Bearer ${user.token}` },
        })
      ).json()) as { activities: DirectLineActivity[]; watermark: string };
    const fromStart = await all('');
    expect(fromStart.activities.map((activity) => activity.from.role)).toEqual(['bot', 'user', 'bot']);
    expect((await all('1')).activities).toEqual(fromStart.activities.slice(1));
    expect(await all(fromStart.watermark)).toEqual({ activities: [], watermark: fromStart.watermark });
  });

  it('without a user at the start, greets with the first message; the conversation keeps its user', async () => {
    const user = new DirectLineClient(bot.url);
    expect((await user.start(false)).status).toBe(201);
    expect(await user.poll()).toEqual([]);
    const [welcome, echo, ...replies] = await user.say('Hallo');
    expect(welcome?.text).toBe(texts.welcome);
    expect(echo?.from.id).toBe(user.userId);
    expect(textOf(replies)).toContain('Wofür suchen Sie Förderung?');

    // Another sender in the same conversation is taken as its user, as Direct Line does with a token's user.
    await user.post({ text: 'Sprache', from: { id: 'jemand-anderes' } });
    const [second] = await user.poll();
    expect(second?.from.id).toBe(user.userId);
  });

  it('carries a reminder of the notifier into an open chat; a closed one expires, and the notifier stops writing to it', async () => {
    let now = Date.now();
    const other = await startTestBot({
      today: () => today,
      floodLimit: { burst: 100, perSecond: 100 },
      localChat: { now: () => now, limits: { idleMs: 60_000 } },
    });
    try {
      const [open, closed] = [new DirectLineClient(other.url), new DirectLineClient(other.url)];
      for (const user of [open, closed]) {
        await user.start();
        const carousel = (await user.say(SENTENCE)).find((reply) => reply.attachmentLayout === 'carousel');
        await user.submit(cardsOf(carousel)[0]?.actions.find((action) => action.title === 'Merken')?.data);
      }
      // One page keeps polling, the other was closed a minute ago.
      now += 40_000;
      await open.poll();
      now += 30_000;

      // Three days before the deadline (08.12.2026) the reminder is due for both.
      today = '2026-12-05';
      expect(await other.notifier.run()).toMatchObject({ sent: 1, failed: 1 });
      const [reminder] = await open.poll();
      expect(reminder?.text).toContain('endet in 3 Tagen');
      expect((await closed.post({ text: 'Hallo' })).status).toBe(404);
      expect(await other.notifier.run()).toMatchObject({ sent: 0, failed: 0 });
    } finally {
      today = TODAY;
      await other.close();
    }
  });
});

describe('what the endpoint refuses', () => {
  let user: DirectLineClient;
  beforeAll(async () => {
    user = new DirectLineClient(bot.url);
    await user.start();
  });

  it('a wrong or missing token: 403; an unknown conversation: 404, in German', async () => {
    const wrong = await user.post({ text: 'Hallo' }, 'falsch');
    expect(wrong.status).toBe(403);
    expect(await errorOf(wrong)).toEqual({ error: 'forbidden', message: directLineTexts.wrongToken });
    await expect(user.poll('')).rejects.toThrow('poll answered 403');

    const unknown = await fetch(`${bot.url}/v3/directline/conversations/gibt-es-nicht/activities`, {
      headers: { Authorization: `Bearer ${user.token}` },
    });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toEqual({ error: 'conversation_not_found', message: directLineTexts.unknownConversation });
  });

  it.each([
    ['broken JSON', '{"type": "message", '],
    ['a JSON array', '[1, 2]'],
    ['no sender', JSON.stringify({ type: 'message', text: 'Hallo' })],
    ['text that is a number', JSON.stringify({ type: 'message', text: 42, from: { id: 'u' } })],
    ['a sender id of 600 characters', JSON.stringify({ type: 'message', text: 'Hallo', from: { id: 'u'.repeat(600) } })],
  ])('%s: 400 with short JSON', async (_case, body) => {
    const response = await fetch(`${bot.url}/v3/directline/conversations/${user.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    const answer = await errorOf(response);
    expect(Object.keys(answer).sort()).toEqual(['error', 'message']);
    expect(answer.message).not.toMatch(/\bat .+\.js:\d+/);
  });

  it('an activity other than a message, a bad watermark: 400 saying what is wrong', async () => {
    const event = await user.post({ type: 'event', name: 'webchat/join' });
    expect(event.status).toBe(400);
    expect(await errorOf(event)).toEqual({ error: 'unsupported_activity_type', message: directLineTexts.unsupportedType('event') });

    const watermark = await fetch(`${bot.url}/v3/directline/conversations/${user.conversationId}/activities?watermark=abc`, {
      headers: { Authorization: `Bearer ${user.token}` },
    });
    expect(watermark.status).toBe(400);
    expect(await errorOf(watermark)).toEqual({ error: 'invalid_watermark', message: directLineTexts.invalidWatermark });
  });

  it('a form, text or gzip body: 415, as on /api/messages, so no web page can post cross-site', async () => {
    const post = (headers: Record<string, string>, body: string | Uint8Array) =>
      fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers, body });
    expect((await post({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'user=x')).status).toBe(415);
    expect((await post({ 'Content-Type': 'text/plain' }, '{}')).status).toBe(415);
    expect((await post({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, gzipSync('{}'))).status).toBe(415);
  });

  it('a body above 32 KB from the client: 413', async () => {
    expect((await user.post({ text: 'x'.repeat(40 * 1024) })).status).toBe(413);
  });

  it('a reply of the bot to a conversation that does not exist: 404, which tells the notifier it is gone', async () => {
    const response = await fetch(`${bot.url}/v3/conversations/gibt-es-nicht/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'Hallo' }),
    });
    expect(response.status).toBe(404);
  });

  it('a request that names another host (DNS rebinding): 403 on the page and the endpoint alike', async () => {
    expect(await rawGet(bot.url, '/chat', 'evil.example.org')).toBe(403);
    expect(await rawGet(bot.url, `/v3/directline/conversations/${user.conversationId}/activities`, 'evil.example.org:3978')).toBe(403);
    expect(await rawGet(bot.url, '/chat', 'localhost:3978')).toBe(200);
  });

  it('renews the token of an open conversation, and only that', async () => {
    const refresh = (token: string) =>
      fetch(`${bot.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const renewed = await refresh(user.token);
    expect(renewed.status).toBe(200);
    expect(await renewed.json()).toMatchObject({ conversationId: user.conversationId, token: user.token });
    expect((await refresh('falsch')).status).toBe(403);
  });
});

describe('bounds: a flood cannot grow memory without limit', () => {
  it('opens only so many conversations; one more is refused with 503 until one expires', async () => {
    let now = Date.now();
    const small = await startTestBot({ localChat: { now: () => now, limits: { conversations: 2, idleMs: 60_000 } } });
    try {
      const [first, second, third] = [new DirectLineClient(small.url), new DirectLineClient(small.url), new DirectLineClient(small.url)];
      expect((await first.start()).status).toBe(201);
      now += 30_000;
      expect((await second.start()).status).toBe(201);
      const refused = await third.start();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(await errorOf(refused)).toEqual({ error: 'too_many_conversations', message: directLineTexts.tooManyConversations });

      // The first page has been silent for a minute: it is forgotten, and a new one fits.
      now += 31_000;
      expect((await second.poll()).length).toBe(1);
      expect((await third.start()).status).toBe(201);
      await expect(first.poll()).rejects.toThrow('poll answered 404');
    } finally {
      await small.close();
    }
  });

  it('keeps only the latest activities of a conversation; the watermark still counts on', async () => {
    const small = await startTestBot({
      floodLimit: { burst: 100, perSecond: 100 },
      localChat: { limits: { activitiesPerConversation: 4 } },
    });
    try {
      const user = new DirectLineClient(small.url);
      await user.start();
      for (const word of ['Hallo', 'hilfe', 'hilfe']) await user.say(word);
      const response = await fetch(`${small.url}/v3/directline/conversations/${user.conversationId}/activities`, {
        headers: { Authorization: `Bearer ${user.token}` },
      });
      const { activities, watermark } = (await response.json()) as { activities: DirectLineActivity[]; watermark: string };
      expect(activities).toHaveLength(4);
      expect(Number(watermark)).toBeGreaterThan(4);
      expect(activities.at(-1)?.channelData?.['webchat:sequence-id']).toBe(Number(watermark));
    } finally {
      await small.close();
    }
  });
});

describe('with an app id', () => {
  it('has no chat page and no Direct Line endpoint: they authenticate nobody', async () => {
    const registered = await startTestBot({
      env: {
        MicrosoftAppId: '2b6f1e1c-8f3a-4c55-9d2e-0a1b2c3d4e5f',
        MicrosoftAppPassword: 'geheim',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: '6c1b3a2d-1111-4a4a-9b9b-2c2c2c2c2c2c',
      },
    });
    try {
      const user = new DirectLineClient(registered.url);
      const statuses = [
        (await fetch(`${registered.url}/chat`)).status,
        (await fetch(`${registered.url}/chat/webchat.js`)).status,
        (await user.start()).status,
        (
          await fetch(`${registered.url}/v3/conversations/c1/activities`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).status,
      ];
      expect(statuses).toEqual([404, 404, 404, 404]);
    } finally {
      await registered.close();
    }
  });
});
