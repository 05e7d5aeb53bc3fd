import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/de.js';
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
    const bot = await startBotProcess({ STATE_STORAGE: 'file', STATE_DIR: stateDir, PROGRAMMES_FILE: fixtureProgrammesForToday(directory) });
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
