import { describe, expect, it } from 'vitest';
import { sharedProbe } from '../../src/storage/createStorage.js';
import { texts } from '../../src/texts/chat.js';
import { healthTexts } from '../../src/texts/operations.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { fixtureProgrammes, startTestBot, useBotWithConnector } from '../support/testBot.js';

const running = useBotWithConnector();

const post = (body: string, contentType = 'application/json') =>
  fetch(`${running.bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

describe('GET /healthz', () => {
  it('answers with the status and the number of programmes loaded', async () => {
    const response = await fetch(`${running.bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', programmes: fixtureProgrammes().length });
  });

  it('answers 503 while the state storage cannot be written, and 200 again once it can', async () => {
    let writable = false;
    const bot = await startTestBot({ stateWritable: async () => writable });
    try {
      const down = await fetch(`${bot.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({
        status: 'storage_unavailable',
        message: healthTexts.storageUnavailable,
        programmes: fixtureProgrammes().length,
      });
      writable = true;
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    } finally {
      await bot.close();
    }
  });

  it('probes the storage once for a flood of health checks', async () => {
    let probes = 0;
    const bot = await startTestBot({ stateWritable: sharedProbe(async () => ((probes += 1), true), 60_000) });
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${bot.url}/healthz`).then((response) => response.status)));
      expect(answers).toEqual(answers.map(() => 200));
      expect(probes).toBe(1);
    } finally {
      await bot.close();
    }
  });
});

describe('malformed requests get a 400 with short JSON, never a 500 or a stack trace', () => {
  const valid = {
    type: 'message',
    text: 'hallo',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: 'c1' },
    from: { id: 'u1' },
    recipient: { id: 'b1' },
  };
  it.each([
    { case: 'broken JSON', body: '{"type": "message", ', contentType: 'application/json' },
    { case: 'a JSON array', body: '[1, 2, 3]', contentType: 'application/json' },
    { case: 'a JSON string', body: '"message"', contentType: 'application/json' },
    { case: 'no conversation', body: JSON.stringify({ ...valid, conversation: undefined }), contentType: 'application/json' },
    { case: 'a conversation without id', body: JSON.stringify({ ...valid, conversation: {} }), contentType: 'application/json' },
    { case: 'text that is a number', body: JSON.stringify({ ...valid, text: 42 }), contentType: 'application/json' },
    { case: 'a missing type', body: JSON.stringify({ ...valid, type: undefined }), contentType: 'application/json' },
    { case: 'from as a string', body: JSON.stringify({ ...valid, from: 'u1' }), contentType: 'application/json' },
    { case: 'no serviceUrl', body: JSON.stringify({ ...valid, serviceUrl: undefined }), contentType: 'application/json' },
  ])('$case', async ({ body, contentType }) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: string; message: string };
    expect(Object.keys(answer).sort()).toEqual(['error', 'message']);
    expect(answer.message).not.toMatch(/\bat .+\.js:\d+/);
  });

  it('refuses a body above the limit with 413 in the same shape', async () => {
    const response = await post(JSON.stringify({ ...valid, text: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
    expect(Object.keys((await response.json()) as object).sort()).toEqual(['error', 'message']);
  });

  it('answers unknown routes with 404 in the same shape', async () => {
    const response = await fetch(`${running.bot.url}/api/unknown`);
    expect(response.status).toBe(404);
    expect(Object.keys((await response.json()) as object).sort()).toEqual(['error', 'message']);
  });
});

describe('logs', () => {
  it('record each activity with conversation, status and latency, but never what the user wrote', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    await user.say('Wir sind die Gemeinde Musterdorf, Frau Beispiel, Tel. 0521 12345');
    const handled = running.bot.logger.entries.filter(
      (entry) => entry.message === 'activity handled' && JSON.stringify(entry.fields).includes(user.conversationId),
    );
    expect(handled).toHaveLength(1);
    expect(handled[0]?.fields).toMatchObject({
      conversationId: user.conversationId,
      type: 'message',
      status: 200,
      latencyMs: expect.any(Number),
    });
    expect(JSON.stringify(running.bot.logger.entries)).not.toContain('Musterdorf');
  });
});

describe('welcome', () => {
  it('greets a user who joins, but not when only the bot is added', async () => {
    const user = new EmulatorClient(running.bot.url, running.connector);
    expect(await user.exchange({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }] })).toEqual([]);
    const [welcome, ...rest] = await user.exchange({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }] });
    expect(rest).toEqual([]);
    expect(welcome?.text).toBe(texts.welcome);
    expect(welcome?.text).toContain('zum Beispiel: „Sprachkurse für geflüchtete Frauen');
  });
});

describe('a failing turn', () => {
  it('apologises in German, logs the conversation id and starts the next message cleanly', async () => {
    let failing = false;
    const programmes = fixtureProgrammes();
    const flaky = await startTestBot({
      programmes: () => {
        if (failing) throw new Error('store broke');
        return programmes;
      },
    });
    try {
      const user = new EmulatorClient(flaky.url, running.connector);
      expect((await user.say('Sprache für Geflüchtete')).at(-1)?.text).toBe(`Verstanden: Sprache · Geflüchtete.\n\n${texts.ask.size}`);
      failing = true;
      const failed = await user.say('Kreis');
      expect(failed.map((reply) => reply.text)).toEqual([texts.turnError]);
      expect(flaky.logger.entries).toContainEqual(
        expect.objectContaining({ level: 'error', fields: expect.objectContaining({ conversationId: user.conversationId }) }),
      );

      failing = false;
      // The dialog state was cleared: "Kreis" now starts a new search instead of continuing the broken one.
      expect((await user.say('Kreis')).at(-1)?.text).toBe(`Verstanden: Kreis.\n\n${texts.ask.needs}`);
    } finally {
      await flaky.close();
    }
  });
});
