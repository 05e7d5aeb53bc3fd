import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DemandEventSchema } from '../../src/domain/demand.js';
import { EventLog } from '../../src/storage/eventLog.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { texts } from '../../src/texts/chat.js';
import { fixtureProgrammesForToday, startBotProcess } from '../support/botProcess.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { SharedConversation } from '../support/sharedConversation.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the turn in flight, keeps its state and exits 0 within 10 seconds', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'shutdown-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    const connector = await FakeConnector.start();
    cleanups.push(() => connector.close());
    const stateDir = join(directory, 'state');
    const bot = await startBotProcess({
      STATE_STORAGE: 'file',
      STATE_DIR: stateDir,
      PROGRAMMES_FILE: fixtureProgrammesForToday(directory),
    });
    cleanups.push(() => bot.stop());

    const conversation = new SharedConversation(connector);
    // The connector takes its time, so the turn is still running when the signal comes.
    connector.delayMs = 700;
    const inFlight = conversation.say(bot.url, 'Sprachkurse für Geflüchtete');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const ended = await bot.stop(10_000);

    expect(ended).toMatchObject({ code: 0, killed: false });
    expect(ended.stopMs).toBeLessThan(10_000);
    expect((await inFlight).at(-1)?.text).toContain(texts.ask.size);
    const files = readdirSync(stateDir, { recursive: true, encoding: 'utf8' });
    // The conversation's state is filed under its channel; the health check keeps a file of its own.
    expect(files.filter((file) => file.startsWith('emulator/') && file.endsWith('.json'))).toHaveLength(1);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
  }, 30_000);
});

describe('downloads during a shutdown', () => {
  /** A GET over a kept-alive connection: the bytes received, or the socket error. */
  const download = (agent: Agent, url: URL, path: string, method = 'GET') =>
    new Promise<{ status?: number; bytes: number; error?: string }>((resolve) => {
      const outgoing = request({ host: url.hostname, port: url.port, path, method, agent }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode, bytes }));
        response.on('error', (error) => resolve({ bytes, error: error.message }));
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ bytes: 0, error: error.code ?? error.message }));
      outgoing.end();
    });

  it('finishes the result lists being built and exits 0', async () => {
    // The whole catalogue: a Word file of it is still in the making when the signal comes.
    const bot = await startBotProcess({ STATE_STORAGE: 'memory', PROGRAMMES_FILE: 'data/programmes.json', LOG_LEVEL: 'info' });
    cleanups.push(() => bot.stop());
    const url = new URL(bot.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 6 });
    try {
      // Connections the server has accepted before the signal, as a connector keeps them.
      await Promise.all(Array.from({ length: 6 }, () => download(agent, url, '/api/export.csv?need=wohnen', 'HEAD')));
      const downloads = Array.from({ length: 6 }, () => download(agent, url, '/api/export.docx?status=all'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const ended = await bot.stop(10_000);
      const outcomes = await Promise.all(downloads);

      expect(ended).toMatchObject({ code: 0, killed: false });
      // A file begun is finished whole; a request the server had not read yet may see its connection reset
      // (safe to send again: nothing was done), never a file cut off.
      const finished = outcomes.filter((outcome) => outcome.status === 200);
      expect(finished.length).toBeGreaterThan(0);
      expect(finished.every((outcome) => outcome.bytes > 1000)).toBe(true);
      for (const outcome of outcomes)
        if (outcome.status !== 200)
          expect(outcome.status === 503 || (outcome.error === 'ECONNRESET' && outcome.bytes === 0), JSON.stringify(outcome)).toBe(true);
      // The signal came while files were being built, and the shutdown waited for them.
      expect(bot.log().find((entry) => entry.msg === 'shutting down')?.turnsInFlight).toBeGreaterThan(0);
    } finally {
      agent.destroy();
    }
  }, 30_000);
});

const CLIENTS = 40;
/** A whole search in one message: each answered turn records one search for the demand report. */
const SEARCH = 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern';

interface Outcome {
  id: string;
  sentAt: number;
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  error?: string;
}

/** One POST on the client's kept-alive connection, as the Bot Connector sends them. */
function send(agent: Agent, url: URL, body: string): Promise<Pick<Outcome, 'status' | 'headers' | 'error'>> {
  return new Promise((resolve) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path: '/api/messages', method: 'POST', agent, headers: { 'Content-Type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers }));
        response.on('error', (error) => resolve({ error: error.message }));
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    outgoing.end(body);
  });
}

describe('graceful shutdown under load', () => {
  it(`with ${CLIENTS} clients on kept-alive connections: every turn begun is answered and recorded, none begins after the signal, exit 0 within 10 s`, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'drain-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    const connector = await FakeConnector.start();
    cleanups.push(() => connector.close());
    const stateDir = join(directory, 'state');
    const bot = await startBotProcess({
      STATE_STORAGE: 'file',
      STATE_DIR: stateDir,
      PROGRAMMES_FILE: fixtureProgrammesForToday(directory),
      LOG_LEVEL: 'info',
      NOTIFY_INTERVAL_MINUTES: '0',
    });
    cleanups.push(() => bot.stop());

    const url = new URL(bot.url);
    const outcomes: Outcome[] = [];
    let signalled = false;
    const client = async (number: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let sequence = 1; ; sequence += 1) {
          const id = `load-${number}-${sequence}`;
          const activity = {
            type: 'message',
            id,
            text: SEARCH,
            channelId: 'emulator',
            serviceUrl: connector.url,
            conversation: { id: `conv-${id}` },
            from: { id: `user-${number}` },
            recipient: { id: 'bot-1' },
            locale: 'de-DE',
          };
          const outcome: Outcome = { id, sentAt: Date.now(), ...(await send(agent, url, JSON.stringify(activity))) };
          outcomes.push(outcome);
          // Once the bot has gone away the client stops, as a connector moves on to another instance.
          if (signalled && outcome.status !== 200) return;
        }
      } finally {
        agent.destroy();
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, number) => client(number));
    await new Promise((resolve) => setTimeout(resolve, 2000));

    signalled = true;
    const signalAt = Date.now();
    const ended = await bot.stop(12_000);
    await Promise.all(clients);

    expect(ended).toMatchObject({ code: 0, killed: false });
    expect(ended.stopMs).toBeLessThan(10_000);

    const answered = outcomes.filter((outcome) => outcome.status === 200);
    const refused = outcomes.filter((outcome) => outcome.status === 503);
    expect(answered.length).toBeGreaterThan(CLIENTS);
    expect(outcomes.filter((outcome) => outcome.status !== undefined && ![200, 503].includes(outcome.status))).toEqual([]);
    // A refusal says when to come back and gives up the connection.
    for (const outcome of refused)
      expect(outcome.headers).toMatchObject({ connection: 'close', 'retry-after': expect.stringMatching(/^\d+$/) });

    // No turn began after the bot said it was shutting down.
    const log = bot.log();
    const shutdownAt = log.find((entry) => entry.msg === 'shutting down')?.time as number;
    expect(shutdownAt).toBeGreaterThanOrEqual(signalAt - 5);
    const begunAfter = log.filter(
      (entry) =>
        entry.msg === 'activity handled' && entry.status === 200 && (entry.time as number) - (entry.latencyMs as number) > shutdownAt + 1,
    );
    expect(begunAfter).toEqual([]);

    // Nothing cut: each turn the bot answered reached its client as a 200, and each 200 had its answer.
    const okIds = new Set(answered.map((outcome) => outcome.id));
    const repliedIds = new Set(connector.replies.map((reply) => reply.replyToId));
    expect([...repliedIds].filter((id) => id !== undefined && !okIds.has(id))).toEqual([]);
    expect([...okIds].filter((id) => !repliedIds.has(id))).toEqual([]);

    // Every answered search is in the demand log, including those of the last moments.
    const storage = new FileStorage(stateDir);
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const { events } = await new EventLog(storage, { name: 'demand', schema: DemandEventSchema, instanceId: 'reader' }).read(
      day(-1),
      day(1),
    );
    expect(events.filter((event) => event.kind === 'search')).toHaveLength(answered.length);
  }, 60_000);

  it('a request that arrives while turns are still finishing gets 503 with Retry-After and Connection: close', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'drain-late-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    const connector = await FakeConnector.start();
    cleanups.push(() => connector.close());
    const bot = await startBotProcess({ PROGRAMMES_FILE: fixtureProgrammesForToday(directory), NOTIFY_INTERVAL_MINUTES: '0' });
    cleanups.push(() => bot.stop());
    const url = new URL(bot.url);
    const activity = (id: string) =>
      JSON.stringify({
        type: 'message',
        id,
        text: SEARCH,
        channelId: 'emulator',
        serviceUrl: connector.url,
        conversation: { id: `conv-${id}` },
        from: { id: 'u' },
        recipient: { id: 'bot-1' },
      });

    // A slow connector keeps one turn in flight, so the process is still there when the late request comes.
    connector.delayMs = 600;
    const slow = send(new Agent({ keepAlive: true }), url, activity('slow'));
    // The late request's headers are on their way before the signal, its body only after it.
    const late = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => late.once('connect', resolve));
    const body = activity('late');
    late.write(
      `POST /api/messages HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    let answer = '';
    late.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    const closed = new Promise((resolve) => late.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const stopping = bot.stop(12_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    late.end(body);
    await closed;

    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toMatch(/\r\nretry-after: \d+\r\n/i);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(await slow).toMatchObject({ status: 200, headers: { connection: 'close' } });
    expect(await stopping).toMatchObject({ code: 0, killed: false });
    expect(connector.replies.map((reply) => reply.replyToId)).not.toContain('late');
  }, 30_000);
});
