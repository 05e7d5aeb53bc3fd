import type { StoreItems } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { texts } from '../../src/texts/chat.js';
import { activityTexts } from '../../src/texts/operations.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { startTestBot } from '../support/testBot.js';

/** Memory storage that can be switched off, like a full disk or an unreachable storage account. */
class FailingStorage extends ListableMemoryStorage {
  failing = false;
  override async read(keys: string[]): Promise<StoreItems> {
    if (this.failing) throw new Error('ENOSPC: no space left on device');
    return super.read(keys);
  }
  override async write(changes: StoreItems): Promise<void> {
    if (this.failing) throw new Error('ENOSPC: no space left on device');
    return super.write(changes);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(env: Record<string, string> = {}, sendTimeoutMs?: number) {
  const storage = new FailingStorage();
  const connector = await FakeConnector.start();
  const bot = await startTestBot({ storage, env, sendTimeoutMs });
  cleanups.push(bot.close, () => connector.close());
  return { storage, connector, bot, user: new EmulatorClient(bot.url, connector) };
}

describe('when the channel stays down', () => {
  it('ends the turn with a logged error and keeps the search, so the next message continues it', async () => {
    const { connector, bot, user } = await setUp();
    await user.say('Sprache');
    // As many refusals as tries: the replies to this turn never arrive.
    connector.refuseNext(...Array.from({ length: 4 }, () => ({ status: 429 })));
    const response = await user.post(user.activity({ type: 'message', text: 'Geflüchtete' }));
    expect(response.status).toBe(200);
    expect(bot.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'replies not delivered; the conversation state is kept' }),
    );

    // The channel is back: the answer given while it was down still counts.
    expect((await user.say('hilfe')).map((reply) => reply.text).join('\n')).toContain(texts.help.size);
  });
});

describe('when the state store fails', () => {
  it('logs it, apologises briefly and keeps what was saved before', async () => {
    const { storage, bot, user } = await setUp();
    await user.say('Sprache');
    storage.failing = true;
    expect((await user.say('Geflüchtete')).map((reply) => reply.text)).toEqual([texts.storageDown]);
    expect(bot.logger.entries).toContainEqual(expect.objectContaining({ level: 'error' }));

    storage.failing = false;
    // Nothing of the failed turn was saved: the bot still asks for the target group.
    expect((await user.say('hilfe')).map((reply) => reply.text).join('\n')).toContain(texts.help.targetGroups);
  });
});

describe('a flood of messages from one user', () => {
  it('gets a few answers and one polite slow-down, not fifty card carousels', async () => {
    const { user } = await setUp();
    const sentence = 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern';
    const replies = (await Promise.all(Array.from({ length: 50 }, () => user.say(sentence)))).flat();
    const carousels = replies.filter((reply) => reply.attachmentLayout === 'carousel');
    expect(carousels.length).toBeGreaterThan(0);
    expect(carousels.length).toBeLessThanOrEqual(10);
    expect(replies.filter((reply) => reply.text === texts.slowDown)).toHaveLength(1);
  });

  it('does not slow down another user in the same conversation', async () => {
    const { bot, connector, user } = await setUp();
    await Promise.all(Array.from({ length: 30 }, () => user.say('Hallo')));
    const colleague = new EmulatorClient(bot.url, connector, { conversationId: user.conversationId, userId: 'colleague' });
    expect((await colleague.say('Hallo')).map((reply) => reply.text)).toEqual([expect.stringContaining(texts.ask.needs)]);
  });
});

describe('a flood from many users or of other activities', () => {
  it('beyond MAX_TURNS_IN_FLIGHT turns at once, requests get 503 with Retry-After right away instead of queueing', async () => {
    const { bot, connector } = await setUp({ MAX_TURNS_IN_FLIGHT: '8' });
    // A slow connector keeps the admitted turns in flight while the rest arrive.
    connector.delayMs = 300;
    const finished: number[] = [];
    const responses = await Promise.all(
      Array.from({ length: 100 }, async (_, number) => {
        const user = new EmulatorClient(bot.url, connector, { userId: `flood-${number}` });
        const response = await user.post(user.activity({ type: 'message', text: 'Hallo' }));
        finished.push(response.status);
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
      }),
    );
    expect(responses.filter((response) => response.status === 200)).toHaveLength(8);
    const refused = responses.filter((response) => response.status === 503);
    expect(refused).toHaveLength(92);
    for (const response of refused) {
      expect(response.retryAfter).toMatch(/^\d+$/);
      expect(JSON.parse(response.body)).toEqual({ error: 'busy', message: activityTexts.busy });
    }
    // The refused ones did not wait behind the admitted ones.
    expect(finished.slice(0, 92).every((status) => status === 503)).toBe(true);

    connector.delayMs = 0;
    const colleague = new EmulatorClient(bot.url, connector, { userId: 'after-the-flood' });
    expect((await colleague.say('Hallo')).map((reply) => reply.text)).toEqual([expect.stringContaining(texts.ask.needs)]);
  });

  it('a turn whose connector never answers is given up after the send timeout and frees its place; a client hanging up does not', async () => {
    const { bot, connector } = await setUp({ MAX_TURNS_IN_FLIGHT: '1' }, 1000);
    connector.delayMs = 60_000;
    const stuck = new EmulatorClient(bot.url, connector, { userId: 'stuck' });
    const hangingUp = new AbortController();
    const abandoned = stuck.post(stuck.activity({ type: 'message', text: 'Hallo' }), hangingUp.signal).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    hangingUp.abort();
    expect(await abandoned).toBe('aborted');
    // The client is gone, the turn is not: its place stays taken.
    const other = new EmulatorClient(bot.url, connector, { userId: 'other' });
    expect((await other.post(other.activity({ type: 'message', text: 'Hallo' }))).status).toBe(503);

    // After the send timeout (1 s in these tests) the turn is over and the place is free again.
    connector.delayMs = 0;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await other.say('Hallo')).map((reply) => reply.text)).toEqual([expect.stringContaining(texts.ask.needs)]);
    expect(bot.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: expect.stringContaining('replies not delivered') }),
    );
  });

  it('conversation updates count towards the limit of one user: a flood of them gets no flood of welcomes', async () => {
    const { user } = await setUp();
    const joins = await Promise.all(
      Array.from({ length: 40 }, () => user.exchange({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] })),
    );
    const welcomes = joins.flat().filter((reply) => reply.text === texts.welcome);
    expect(welcomes.length).toBeGreaterThan(0);
    expect(welcomes.length).toBeLessThanOrEqual(10);
    expect(joins.flat().filter((reply) => reply.text === texts.slowDown)).toEqual([]);
    // No one reads a warning in answer to a conversation update: none is sent, and a message flood still gets its own.
    const messages = (await Promise.all(Array.from({ length: 20 }, () => user.say('Hallo')))).flat();
    expect(messages.filter((reply) => reply.text === texts.slowDown)).toHaveLength(1);
  });
});

describe('text the bot cannot read', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '   \n\t '],
    ['only emoji', '🙂👍🎉'],
    ['HTML', '<script>alert(1)</script><b>fett</b>'],
    ['markdown', '**Bitte** [hier](https://example.org) _klicken_'],
  ])('%s: asks its question again, with a hint, never crashes', async (_case, text) => {
    const { user } = await setUp();
    await user.say('Hallo');
    const replies = await user.say(text);
    expect(replies.map((reply) => reply.text)).toEqual([expect.stringContaining(texts.retry.needs)]);
  });

  it('20,000 characters: says what it did not read, asks its question again, never crashes', async () => {
    const { user } = await setUp();
    await user.say('Hallo');
    const replies = await user.say('Förderung '.repeat(2000));
    expect(replies.map((reply) => reply.text)).toEqual([texts.messageCut, expect.stringContaining(texts.retry.needs)]);
  });

  it('answers English with a polite hint in English that it speaks German', async () => {
    const { user } = await setUp();
    expect((await user.say('Hello, we need funding for language courses for refugees'))[0]?.text).toBe(texts.englishHint);
    await user.say('Sprache');
    const replies = await user.say('What does this mean?');
    expect(replies.map((reply) => reply.text)).toEqual([texts.englishHint, expect.stringContaining(texts.ask.targetGroups)]);
  });
});
