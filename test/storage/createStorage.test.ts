import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type OpenedStorage,
  type StorageSettings,
  type StateStorage,
  createStorage,
  sharedProbe,
} from '../../src/storage/createStorage.js';
import { LOCK_FILE } from '../../src/storage/directoryLock.js';
import { recordingLogger } from '../support/testBot.js';

const directories: string[] = [];
const opened: StateStorage[] = [];
const freshDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'create-storage-'));
  directories.push(directory);
  return directory;
};
afterAll(async () => {
  for (const state of opened) await state.close();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const fileSettings = (directory: string): StorageSettings => ({
  STATE_STORAGE: 'file',
  STATE_DIR: directory,
  AZURE_STORAGE_CONNECTION_STRING: undefined,
  STATE_CONTAINER: 'foerderlotse-state',
});

function ok(result: OpenedStorage): StateStorage {
  if (!result.ok) throw new Error(result.problem);
  opened.push(result);
  return result;
}

describe('createStorage with STATE_STORAGE=file', () => {
  it('refuses the folder while another live process holds it, naming the folder, the holder and the way to several instances', async () => {
    const directory = freshDirectory();
    // The test runner's parent process: alive on this host, and not this process.
    const now = new Date().toISOString();
    writeFileSync(
      join(directory, LOCK_FILE),
      JSON.stringify({ owner: 'other', pid: process.ppid, host: hostname(), startedAt: now, heartbeatAt: now }),
    );

    const refused = await createStorage(fileSettings(directory));

    expect(refused.ok).toBe(false);
    const problem = refused.ok ? '' : refused.problem;
    expect(problem).toContain(
      `Der Ordner ${directory} (STATE_DIR) wird schon von einem anderen Prozess des Bots benutzt (PID ${process.ppid} auf ${hostname()}`,
    );
    expect(problem).toContain('STATE_STORAGE=blob');
  });

  it('gives the folder up on close, so that the next bot process takes it at once', async () => {
    const directory = join(freshDirectory(), 'state');
    const first = ok(await createStorage(fileSettings(directory)));
    expect(existsSync(join(directory, LOCK_FILE))).toBe(true);

    await first.close();

    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
    ok(await createStorage(fileSettings(directory)));
  });

  it('lets the command line read beside the bot, without a lock and without changing anything', async () => {
    const directory = freshDirectory();
    const bot = ok(await createStorage(fileSettings(directory)));
    await bot.storage.write({ 'followups/user/msteams/a': { record: {} } });
    const leftover = join(directory, 'followups', `${'d'.repeat(64)}.json.x.tmp`);
    writeFileSync(leftover, '{');

    const reader = ok(await createStorage(fileSettings(directory), { role: 'reader' }));

    expect(await reader.storage.keys('followups/user/')).toEqual(['followups/user/msteams/a']);
    expect(existsSync(leftover)).toBe(true);
    await reader.close();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(true);
  });

  it('sends the command line to start the bot first while files of an older version lie at the top', async () => {
    const directory = freshDirectory();
    const key = 'followups/user/msteams/29:alt';
    writeFileSync(join(directory, `${createHash('sha256').update(key).digest('hex')}.json`), JSON.stringify({ key, item: { record: {} } }));

    expect(await createStorage(fileSettings(directory), { role: 'reader' })).toEqual({
      ok: false,
      problem: expect.stringContaining(`Im Ordner ${directory} (STATE_DIR) liegen noch eine Datei im Format einer älteren Version`),
    });

    const bot = ok(await createStorage(fileSettings(directory)));
    await bot.close();
    const reader = ok(await createStorage(fileSettings(directory), { role: 'reader' }));
    expect(await reader.storage.keys('followups/user/')).toEqual([key]);
  });

  it('removes temp files left by a killed process when the bot opens it', async () => {
    const directory = freshDirectory();
    mkdirSync(join(directory, 'emulator'));
    const leftovers = [join(directory, `${'e'.repeat(64)}.json.abc.tmp`), join(directory, 'emulator', `${'f'.repeat(64)}.json.def.tmp`)];
    for (const leftover of leftovers) writeFileSync(leftover, '{"key":');

    ok(await createStorage(fileSettings(directory)));

    expect(leftovers.filter((leftover) => existsSync(leftover))).toEqual([]);
  });

  it('says it cannot be written while its folder is a plain file, and can again once it is a folder', async () => {
    const directory = join(freshDirectory(), 'state');
    const logger = recordingLogger();
    const state = ok(await createStorage(fileSettings(directory), { logger, probeCacheMs: 0 }));
    expect(await state.writable()).toBe(true);

    rmSync(directory, { recursive: true });
    writeFileSync(directory, 'kein Ordner');
    expect(await state.writable()).toBe(false);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', message: 'state storage cannot be written' }));

    rmSync(directory);
    expect(await state.writable()).toBe(true);
    expect(existsSync(directory)).toBe(true);
  });

  it('refuses to start when the folder cannot be made, naming it', async () => {
    const parent = freshDirectory();
    writeFileSync(join(parent, 'file'), 'kein Ordner');
    const directory = join(parent, 'file', 'state');

    const result = await createStorage(fileSettings(directory));

    expect(result).toEqual({
      ok: false,
      problem: expect.stringContaining(`Der Ordner ${directory} (STATE_DIR) kann nicht angelegt oder beschrieben werden`),
    });
  });
});

describe('sharedProbe', () => {
  it('runs one check for callers at the same moment and for those within the cache time, then checks again', async () => {
    let clock = 0;
    let checks = 0;
    let finish: (answer: boolean) => void = () => undefined;
    const probe = sharedProbe(
      () => new Promise<boolean>((resolve) => ((checks += 1), (finish = resolve))),
      5000,
      () => clock,
    );

    const waiting = [probe(), probe(), probe()];
    finish(false);
    expect(await Promise.all(waiting)).toEqual([false, false, false]);
    clock = 4999;
    expect(await probe()).toBe(false);
    expect(checks).toBe(1);

    clock = 5000;
    const next = probe();
    finish(true);
    expect(await next).toBe(true);
    expect(checks).toBe(2);
  });
});
