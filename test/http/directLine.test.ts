import { describe, expect, it } from 'vitest';
import { DirectLineConversations } from '../../src/http/directLine.js';
import { isLoopbackUrl, ownServiceUrl } from '../../src/http/loopback.js';

/** The conversations of the chat page's Direct Line endpoint: ids, order, and the limits that bound memory. */

const at = new Date('2026-11-26T10:00:00.000Z');

describe('a conversation', () => {
  it('stamps each activity with an id, the server time and the sequence Web Chat orders by, keeping channelData', () => {
    const conversation = new DirectLineConversations().start('u1');
    const first = conversation?.append({ type: 'message', text: 'a', channelData: { clientActivityID: 'c1' } }, at);
    const second = conversation?.append({ type: 'message', text: 'b' }, at);
    expect(first).toEqual({
      type: 'message',
      text: 'a',
      id: `${conversation?.id}|0000001`,
      timestamp: '2026-11-26T10:00:00.000Z',
      channelData: { clientActivityID: 'c1', 'webchat:sequence-id': 1 },
    });
    expect(second?.channelData).toEqual({ 'webchat:sequence-id': 2 });
    expect(conversation?.since(1)).toEqual({ activities: [second], watermark: '2' });
    expect(conversation?.holds(first?.id ?? '')).toBe(true);
    expect(conversation?.holds(`${conversation?.id}|join`)).toBe(false);
  });

  it.each([
    { limit: 'activities', limits: { activitiesPerConversation: 3 }, kept: 3 },
    // Each of these activities is 171 or 172 characters of JSON.
    { limit: 'characters', limits: { charsPerConversation: 600 }, kept: 3 },
  ])('drops the oldest activities beyond the $limit', ({ limits, kept }) => {
    const conversation = new DirectLineConversations(limits).start('u1');
    for (let index = 1; index <= 10; index += 1) conversation?.append({ type: 'message', text: `Nachricht ${index}` }, at);
    const { activities, watermark } = conversation?.since(0) ?? { activities: [], watermark: '' };
    expect(activities.map((activity) => activity.text)).toEqual(
      Array.from({ length: kept }, (_, index) => `Nachricht ${11 - kept + index}`),
    );
    expect(watermark).toBe('10');
  });

  it('keeps one activity even when it alone is above the character limit', () => {
    const conversation = new DirectLineConversations({ charsPerConversation: 10 }).start('u1');
    conversation?.append({ type: 'message', text: 'länger als zehn Zeichen' }, at);
    expect(conversation?.since(0).activities).toHaveLength(1);
  });
});

describe('the open conversations', () => {
  it('open only up to the limit; a conversation silent past the idle time is forgotten and makes room', () => {
    let now = 0;
    const conversations = new DirectLineConversations({ conversations: 2, idleMs: 1000 }, () => now);
    const first = conversations.start('a');
    now = 600;
    const second = conversations.start('b');
    expect(conversations.start('c')).toBeUndefined();
    now = 1100;
    // The second one's client polls; the first one's has been silent for 1100 ms.
    expect(conversations.forClient(second?.id ?? '', second?.token ?? '')).toMatchObject({ ok: true });
    expect(conversations.start('c')).toBeDefined();
    expect(conversations.find(first?.id ?? '')).toBeUndefined();
    expect(conversations.size).toBe(2);
  });

  it('answers a client only with its token: unknown and forbidden apart; the bot side needs none', () => {
    const conversations = new DirectLineConversations();
    const conversation = conversations.start(undefined);
    if (conversation === undefined) throw new Error('no conversation');
    expect(conversations.forClient(conversation.id, 'falsch')).toEqual({ ok: false, problem: 'forbidden' });
    expect(conversations.forClient(conversation.id, '')).toEqual({ ok: false, problem: 'forbidden' });
    expect(conversations.forClient('gibt-es-nicht', conversation.token)).toEqual({ ok: false, problem: 'unknown' });
    expect(conversations.byToken(conversation.token)).toBe(conversation);
    expect(conversations.find(conversation.id)).toBe(conversation);
    conversations.end(conversation.id);
    expect(conversations.byToken(conversation.token)).toBeUndefined();
  });

  it('does not count the bot writing as a sign of life: a closed page expires even while reminders arrive', () => {
    let now = 0;
    const conversations = new DirectLineConversations({ idleMs: 1000 }, () => now);
    const conversation = conversations.start('a');
    now = 900;
    conversations.find(conversation?.id ?? '');
    now = 1500;
    expect(conversations.find(conversation?.id ?? '')).toBeUndefined();
  });
});

describe('the serviceUrl the endpoint gives its activities', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:3978', true],
    ['127.0.0.5', 'http://127.0.0.5:3978', true],
    ['0.0.0.0', 'http://127.0.0.1:3978', true],
    ['::', 'http://127.0.0.1:3978', true],
    ['::1', 'http://localhost:3978', true],
    // A HOST that is no loopback address: Emulator mode refuses turns that would reply there.
    ['192.168.1.5', 'http://192.168.1.5:3978', false],
    ['fe80::1', 'http://[fe80::1]:3978', false],
  ])('listening on %s: %s (passes the loopback check: %s)', (address, expected, loopback) => {
    const serviceUrl = ownServiceUrl({ address, port: 3978, family: address.includes(':') ? 'IPv6' : 'IPv4' });
    expect(serviceUrl).toBe(expected);
    expect(isLoopbackUrl(serviceUrl)).toBe(loopback);
  });
});
