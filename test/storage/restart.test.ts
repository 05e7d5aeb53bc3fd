import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/chat.js';
import { type BotProcess, fixtureProgrammesForToday, startBotProcess } from '../support/botProcess.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { SharedConversation, cardTitles } from '../support/sharedConversation.js';

describe('a bot process restarted on the same state folder (file storage)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let connector: FakeConnector;
  let settings: Record<string, string>;
  let stateDir: string;

  /** Starts a bot process that is stopped after the tests, whatever happens to them. */
  const startBot = async () => {
    const bot = await startBotProcess(settings);
    cleanups.push(() => bot.stop());
    return bot;
  };

  beforeAll(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'restart-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    connector = await FakeConnector.start();
    cleanups.push(() => connector.close());
    stateDir = join(directory, 'state');
    settings = { STATE_STORAGE: 'file', STATE_DIR: stateDir, PROGRAMMES_FILE: fixtureProgrammesForToday(directory) };
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('lets the user continue the search where they were', async () => {
    const conversation = new SharedConversation(connector);
    let bot: BotProcess = await startBot();

    expect((await conversation.say(bot.url, 'Sprache')).at(-1)?.text).toContain(texts.ask.targetGroups);
    expect((await conversation.say(bot.url, 'Frauen & Familien')).at(-1)?.text).toContain(texts.ask.size);

    const ended = await bot.stop(3000);
    expect(ended, 'the bot process ends on SIGTERM without SIGKILL').toMatchObject({ killed: false });
    const files = readdirSync(stateDir, { recursive: true, encoding: 'utf8' });
    // The conversation's state is filed under its channel; the health check keeps a file of its own.
    expect(
      files.filter((file) => file.startsWith('emulator/') && file.endsWith('.json')),
      'one state file for the one user',
    ).toHaveLength(1);
    expect(
      files.filter((file) => file.endsWith('.tmp')),
      'no half-written temp files',
    ).toEqual([]);

    bot = await startBot();
    const results = await conversation.say(bot.url, '8.000');
    const carousel = results.find((activity) => activity.attachmentLayout === 'carousel');
    expect(carousel?.text).toContain('Ich suche nach: Sprache · Frauen & Familien · Gemeinde mit 8.000 Einwohnern');
    expect(cardTitles(carousel)[0]).toBe('Sprachkurse für Frauen mit Kinderbetreuung');
    expect(results.at(-1)?.text).toContain(texts.nextPrompt);
  }, 45_000);
});
