import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpTexts, texts } from '../../src/texts/chat.js';
import { healthTexts } from '../../src/texts/operations.js';
import { type BotProcess, fixtureProgrammesForToday, startBotProcess } from '../support/botProcess.js';
import { ManagedProcess, sleep } from '../support/childProcess.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { type ReplyActivity, SharedConversation } from '../support/sharedConversation.js';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** Every file under `directory`, with its path relative to it. */
function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1));
}

/** The state file of the key that contains `part` (the storage keeps each key inside its file). */
function stateFileOf(directory: string, part: string): string {
  const found = filesUnder(directory).filter(
    (file) => file.endsWith('.json') && readFileSync(join(directory, file), 'utf8').includes(part),
  );
  if (found.length !== 1)
    throw new Error(
      `expected one state file containing "${part}", found ${JSON.stringify(found)} in ${JSON.stringify(filesUnder(directory))}`,
    );
  return join(directory, found[0] ?? '');
}

const spoken = (replies: ReplyActivity[]) => replies.map((reply) => reply.text ?? '');

describe('a bot process whose state folder is damaged while it runs (file storage)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let connector: FakeConnector;
  let directory: string;

  /** A fresh state folder and the settings of a bot process on it. */
  const freshSettings = (name: string) => {
    const stateDir = join(directory, name);
    return {
      stateDir,
      settings: {
        STATE_STORAGE: 'file',
        STATE_DIR: stateDir,
        PROGRAMMES_FILE: join(directory, 'programmes.json'),
        NOTIFY_INTERVAL_MINUTES: '0',
      },
    };
  };
  const startBot = async (settings: Record<string, string>) => {
    const bot = await startBotProcess(settings);
    cleanups.push(() => bot.stop());
    return bot;
  };
  /** Bot processes by state folder: the tests of one folder share its process (each start takes seconds). */
  const running = new Map<string, BotProcess>();
  const botOn = async (name: string) => {
    const { stateDir, settings } = freshSettings(name);
    const bot = running.get(name) ?? (await startBot(settings));
    running.set(name, bot);
    return { stateDir, settings, bot };
  };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'state-folder-'));
    cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
    fixtureProgrammesForToday(directory);
    connector = await FakeConnector.start();
    cleanups.push(() => connector.close());
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('makes the folder again when it is deleted: the next turn works and its state is saved again', async () => {
    const { stateDir, bot } = await botOn('heals');
    const conversation = new SharedConversation(connector);
    expect(spoken(await conversation.say(bot.url, 'Sprache')).at(-1)).toContain(texts.ask.targetGroups);

    rmSync(stateDir, { recursive: true, force: true });

    // The state went with the folder: the search starts again from what this message says.
    const after = spoken(await conversation.say(bot.url, 'Frauen & Familien'));
    expect(after).not.toContain(texts.storageDown);
    expect(after.at(-1)).toContain(texts.ask.needs);
    expect(stateFileOf(stateDir, conversation.conversationId)).toBeDefined();
    // … and the next turn builds on the state written into the new folder.
    expect(spoken(await conversation.say(bot.url, 'Sprache')).at(-1)).toContain(texts.ask.size);
    // The folder's lock comes back with its next heartbeat, so that a second process is still refused.
    for (const deadline = Date.now() + 10_000; !filesUnder(stateDir).includes('bot.lock') && Date.now() < deadline;) await sleep(100);
    expect(filesUnder(stateDir)).toContain('bot.lock');
  }, 30_000);

  it('moves an unreadable state file aside, tells the user once, starts afresh, and stays healed after a restart', async () => {
    const started = await botOn('garbage');
    const { stateDir, settings } = started;
    let { bot } = started;
    const conversation = new SharedConversation(connector);
    expect(spoken(await conversation.say(bot.url, 'Sprache')).at(-1)).toContain(texts.ask.targetGroups);
    const file = stateFileOf(stateDir, conversation.conversationId);
    writeFileSync(file, '{"key": "kaputt", ');

    const replies = spoken(await conversation.say(bot.url, 'Frauen & Familien'));
    expect(replies[0]).toBe(texts.stateUnreadable);
    expect(replies.filter((text) => text === texts.stateUnreadable)).toHaveLength(1);
    expect(replies).not.toContain(texts.storageDown);
    expect(replies.at(-1)).toContain(texts.ask.needs);
    // Kept for inspection beside the others, under a name that says what it is.
    const movedAside = filesUnder(stateDir).filter((name) => /\.unreadable-/.test(name));
    expect(movedAside).toHaveLength(1);
    expect(readFileSync(join(stateDir, movedAside[0] ?? ''), 'utf8')).toBe('{"key": "kaputt", ');
    expect(bot.log().some((entry) => entry.level === 50 && JSON.stringify(entry).includes(movedAside[0]?.split('/').at(-1) ?? '?'))).toBe(
      true,
    );

    expect(spoken(await conversation.say(bot.url, 'Sprache'))).not.toContain(texts.stateUnreadable);

    await bot.stop();
    bot = await startBot(settings);
    running.set('garbage', bot);
    const afterRestart = spoken(await conversation.say(bot.url, '8.000'));
    expect(afterRestart).not.toContain(texts.stateUnreadable);
    expect(afterRestart).not.toContain(texts.storageDown);
    expect(afterRestart.at(-1)).toContain(texts.nextPrompt);
  }, 45_000);

  it('deletes the data of a user whose follow-up document is unreadable, the copy set aside included', async () => {
    const { stateDir, bot } = await botOn('garbage');
    const user = new EmulatorClient(bot.url, connector, { userId: 'kommune-kaputt' });
    expect((await user.submit({ action: 'watch', programmeId: 'sprachkurs-frauen' })).map((reply) => reply.text).join('\n')).toContain(
      'Gemerkt',
    );
    writeFileSync(stateFileOf(stateDir, 'followups/user/emulator/kommune-kaputt'), 'kaputt');

    await user.say('meine Daten löschen');
    const forgotten = spoken(await user.say('ja'));
    expect(forgotten).toContain(followUpTexts.forgotten);
    expect(forgotten).not.toContain(followUpTexts.failed);
    const kept = filesUnder(stateDir).filter((file) => {
      const content = readFileSync(join(stateDir, file), 'utf8');
      return content === 'kaputt' || content.includes('followups/user/emulator/kommune-kaputt');
    });
    expect(kept, 'nothing of the follow-ups is kept, not even the copy set aside').toEqual([]);
    expect(spoken(await user.say('Merkliste')).join('\n')).toContain(followUpTexts.watchlistEmpty);
  }, 30_000);

  it('answers /healthz with 503 while the state folder cannot be written, and with 200 again once it can', async () => {
    const { stateDir, bot } = await botOn('heals');
    rmSync(stateDir, { recursive: true, force: true });
    // A plain file where the folder should be: no write can succeed, also not for root.
    writeFileSync(stateDir, 'kein Ordner');

    const health = async () => {
      const response = await fetch(`${bot.url}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    let answer = await health();
    for (const deadline = Date.now() + 15_000; answer.status === 200 && Date.now() < deadline; answer = await health()) await sleep(200);
    expect(answer).toEqual({
      status: 503,
      body: expect.objectContaining({ status: 'storage_unavailable', message: healthTexts.storageUnavailable }),
    });

    rmSync(stateDir);
    for (const deadline = Date.now() + 15_000; answer.status !== 200 && Date.now() < deadline; answer = await health()) await sleep(200);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'ok' });
    const conversation = new SharedConversation(connector);
    expect(spoken(await conversation.say(bot.url, 'Sprache')).at(-1)).toContain(texts.ask.targetGroups);
  }, 45_000);

  it('refuses to start a second bot process on the same folder, naming it and the way to several instances', async () => {
    const { stateDir, settings, bot: first } = await botOn('locked');

    const second = ManagedProcess.spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...settings, HOST: '127.0.0.1', PORT: '0', MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn' },
    });
    cleanups.push(() => second.stop());
    const ended = await Promise.race([second.exited, sleep(20_000).then(() => undefined)]);

    expect(ended, `the second process still runs. Output:\n${second.output()}`).toEqual({ code: 1, signal: null });
    expect(second.output()).toContain(stateDir);
    expect(second.output()).toContain('STATE_STORAGE=blob');
    // The first one goes on undisturbed.
    expect(spoken(await new SharedConversation(connector).say(first.url, 'Sprache')).at(-1)).toContain(texts.ask.targetGroups);
  }, 45_000);

  it('a bot whose deleted folder another bot process took over stops (exit 1) and leaves the folder to it', async () => {
    const { stateDir, settings } = freshSettings('taken-over');
    const first = await startBot(settings);
    // Held still while the folder is gone, so that its heartbeat cannot make the lock again before a
    // second one, however slowly it starts, finds the folder free.
    process.kill(first.pid ?? 0, 'SIGSTOP');
    rmSync(stateDir, { recursive: true, force: true });
    const second = await startBot(settings).finally(() => process.kill(first.pid ?? 0, 'SIGCONT'));

    const ended = await Promise.race([first.exited, sleep(20_000).then(() => undefined)]);
    expect(ended, `the first process still runs. Output:\n${first.output()}`).toMatchObject({ code: 1 });
    expect(first.log()).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('another process has taken over') }));
    expect(spoken(await new SharedConversation(connector).say(second.url, 'Sprache')).at(-1)).toContain(texts.ask.targetGroups);
  }, 45_000);

  it('starts again after the bot process was killed with SIGKILL, removing the temp files it left', async () => {
    const { stateDir, settings, bot: first } = await botOn('locked');
    const conversation = new SharedConversation(connector);
    expect(spoken(await conversation.say(first.url, 'Sprache')).at(-1)).toContain(texts.ask.targetGroups);
    process.kill(first.pid ?? 0, 'SIGKILL');
    expect(await first.stop()).toMatchObject({ signal: 'SIGKILL' });
    // What a write cut off by the kill leaves behind, at the top and in a folder of the storage.
    const folder = join(stateDir, 'emulator');
    mkdirSync(folder, { recursive: true });
    const leftovers = [join(stateDir, `${'a'.repeat(64)}.json.1b2c3d.tmp`), join(folder, `${'b'.repeat(64)}.json.4e5f6a.tmp`)];
    for (const leftover of leftovers) writeFileSync(leftover, '{"key":');

    const second = await startBot(settings);
    running.set('locked', second);
    expect(leftovers.filter((leftover) => existsSync(leftover))).toEqual([]);
    expect(spoken(await conversation.say(second.url, 'Frauen & Familien')).at(-1)).toContain(texts.ask.size);

    // A clean stop releases the folder: no lock is left for the next start to judge.
    await second.stop();
    expect(filesUnder(stateDir).filter((file) => /lock/i.test(file))).toEqual([]);
  }, 45_000);
});
