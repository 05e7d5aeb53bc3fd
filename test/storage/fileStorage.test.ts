import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileHandle, open } from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { isUnreadable } from '../../src/storage/listableStorage.js';
import { recordingLogger } from '../support/testBot.js';

const directories: string[] = [];
const freshDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'file-storage-'));
  directories.push(directory);
  return directory;
};
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** A key shaped like the ones PrivateConversationState uses: its file goes into the folder "emulator". */
const freshKey = () => `emulator/conversations/conv ${randomUUID()}/users/user-1`;
const fileName = (key: string) => `${createHash('sha256').update(key).digest('hex')}.json`;
/** Every file under `directory`, relative to it. */
const filesUnder = (directory: string) =>
  readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1))
    .sort();
/** The records of a state file, oldest first: one JSON object per line. */
const recordsIn = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { key: string; item: Record<string, unknown> });

describe('FileStorage on local disk', () => {
  it('keeps one file per key in the folder of its first segment, with the key inside', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const keys = [freshKey(), 'followups/user/msteams/29:x', 'no-segment', '/leading-slash', 'a.b/c', '../escape/x'];
    await storage.write(Object.fromEntries(keys.map((key) => [key, { key }])));

    expect(filesUnder(directory)).toEqual(
      [
        `emulator/${fileName(keys[0] ?? '')}`,
        `followups/${fileName('followups/user/msteams/29:x')}`,
        `_/${fileName('no-segment')}`,
        `_/${fileName('/leading-slash')}`,
        `a%2Eb/${fileName('a.b/c')}`,
        `%2E%2E/${fileName('../escape/x')}`,
      ].sort(),
    );
    for (const key of keys) {
      const [file] = filesUnder(directory).filter((name) => name.endsWith(fileName(key)));
      expect(JSON.parse(readFileSync(join(directory, file ?? ''), 'utf8'))).toMatchObject({ key, item: { key } });
    }
  });

  it('leaves one file of valid records and no temp files after 100 concurrent writes to one key', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const key = freshKey();

    await Promise.all(
      Array.from({ length: 100 }, (_, writer) => storage.write({ [key]: { writer, eTag: '*', padding: 'x'.repeat(2000) } })),
    );

    expect(filesUnder(directory)).toEqual([`emulator/${fileName(key)}`]);
    const records = recordsIn(join(directory, 'emulator', fileName(key)));
    expect(records.every((record) => record.key === key)).toBe(true);
    const onDisk = records.at(-1) as { key: string; item: { writer: number; eTag: string } };
    expect(onDisk.item.writer).toBeGreaterThanOrEqual(0);
    expect(onDisk.item.writer).toBeLessThan(100);
    expect((await storage.read([key]))[key]).toMatchObject({ writer: onDisk.item.writer, eTag: onDisk.item.eTag });
  });

  it('leaves valid records and no temp files when two instances on one folder write the same key at once', async () => {
    const directory = freshDirectory();
    const [one, two] = [new FileStorage(directory), new FileStorage(directory)];
    const key = freshKey();

    await Promise.all(Array.from({ length: 100 }, (_, writer) => (writer % 2 === 0 ? one : two).write({ [key]: { writer, eTag: '*' } })));

    expect(filesUnder(directory)).toEqual([`emulator/${fileName(key)}`]);
    expect(recordsIn(join(directory, 'emulator', fileName(key))).length).toBeGreaterThan(0);
    expect((await new FileStorage(directory).read([key]))[key]).toMatchObject({ writer: expect.any(Number) });
  });

  it('keeps state across instances on the same folder, as after a restart, eTag included', async () => {
    const directory = freshDirectory();
    const key = freshKey();
    const before = new FileStorage(directory);
    await before.write({ [key]: { dialogState: { step: 'size' } } });
    const eTagBefore = (await before.read([key]))[key]?.eTag as string;

    const after = new FileStorage(directory);
    const read = await after.read([key]);
    expect(read[key]).toMatchObject({ dialogState: { step: 'size' }, eTag: eTagBefore });

    // The new instance continues the eTag chain: a write based on the old eTag works once, then it is stale.
    await after.write({ [key]: { dialogState: { step: 'results' }, eTag: eTagBefore } });
    await expect(after.write({ [key]: { dialogState: { step: 'lost' }, eTag: eTagBefore } })).rejects.toThrow(/eTag conflict/);
  });

  it('creates its folder when it does not exist yet', async () => {
    const directory = join(freshDirectory(), 'nested', 'state');
    const storage = new FileStorage(directory);
    const key = freshKey();
    await storage.write({ [key]: { ok: true } });
    expect(filesUnder(directory)).toEqual([`emulator/${fileName(key)}`]);
  });

  it('makes its folder again when it is deleted after the first write, and reads nothing meanwhile', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const [first, second] = [freshKey(), 'followups/user/emulator/u1'];
    await storage.write({ [first]: { n: 1 } });
    rmSync(directory, { recursive: true });

    expect(await storage.read([first])).toEqual({});
    expect(await storage.keys('followups/')).toEqual([]);
    await storage.write({ [first]: { n: 2 }, [second]: { n: 3 } });

    expect(await new FileStorage(directory).read([first, second])).toMatchObject({ [first]: { n: 2 }, [second]: { n: 3 } });
  });

  it('says when a write had to make the whole folder again, not when it makes a folder for a new segment', async () => {
    const directory = freshDirectory();
    let made = 0;
    const storage = new FileStorage(directory, { onFolderMade: () => (made += 1) });
    await storage.write({ [freshKey()]: { n: 1 }, 'followups/user/a': { n: 2 } });
    expect(made).toBe(0);

    rmSync(directory, { recursive: true });
    await storage.write({ [freshKey()]: { n: 3 } });
    expect(made).toBe(1);
  });

  it('fails, and does not read an empty state, when its folder is a plain file', async () => {
    const directory = join(freshDirectory(), 'state');
    writeFileSync(directory, 'kein Ordner');
    const storage = new FileStorage(directory);

    await expect(storage.write({ [freshKey()]: { n: 1 } })).rejects.toThrow(/ENOTDIR|EEXIST/);
    await expect(storage.read([freshKey()])).rejects.toThrow(/ENOTDIR/);
  });
});

describe('FileStorage appending a record per write', () => {
  it('appends each write as a line and writes the file anew with the newest record alone before it passes 32 KB', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const key = freshKey();
    const file = join(directory, 'emulator', fileName(key));
    const sizes: number[] = [];
    const lines: number[] = [];
    for (let write = 1; write <= 30; write += 1) {
      await storage.write({ [key]: { write, padding: 'x'.repeat(2000) } });
      sizes.push(readFileSync(file).length);
      lines.push(recordsIn(file).length);
    }
    expect(lines.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(32 * 1024);
    // Written anew once (a single record again), then appended to again.
    const rewrittenAt = lines.indexOf(1, 1);
    expect(rewrittenAt).toBeGreaterThan(10);
    expect(lines[rewrittenAt + 1]).toBe(2);
    expect(recordsIn(file).at(-1)?.item).toMatchObject({ write: 30 });
    expect(filesUnder(directory)).toEqual([`emulator/${fileName(key)}`]);
    // Another instance (as after a restart) reads the newest record and continues its eTag chain.
    const after = new FileStorage(directory);
    const read = (await after.read([key]))[key] as { write: number; eTag: string };
    expect(read.write).toBe(30);
    await after.write({ [key]: { write: 31, eTag: read.eTag } });
    await expect(after.write({ [key]: { write: 32, eTag: read.eTag } })).rejects.toThrow(/eTag conflict/);
    expect(recordsIn(file).at(-1)?.item).toMatchObject({ write: 31 });
  });

  it('reads the record before a last line cut short by a crash, says so, and then writes the file anew', async () => {
    const directory = freshDirectory();
    const key = freshKey();
    const file = join(directory, 'emulator', fileName(key));
    await new FileStorage(directory).write({ [key]: { step: 'answered' } });
    const answered = recordsIn(file)[0]?.item.eTag;
    // A process killed in the middle of its next append: the line ends early, without its line break.
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify({ key, item: { step: 'not answered', eTag: 'e' } }).slice(0, 30)}`);

    const logger = recordingLogger();
    const storage = new FileStorage(directory, { logger });
    expect((await storage.read([key]))[key]).toEqual({ step: 'answered', eTag: answered });
    expect(logger.entries.some((entry) => entry.level === 'warn' && /incomplete record/.test(entry.message ?? ''))).toBe(true);
    expect(readdirSync(join(directory, 'emulator'))).toEqual([fileName(key)]);

    await storage.write({ [key]: { step: 'next', eTag: answered } });
    expect(recordsIn(file).map((record) => record.item.step)).toEqual(['next']);
  });

  it('undoes an append that failed partway (a full disk): the file holds the last answered state, and no record cut short', async () => {
    const directory = freshDirectory();
    const logger = recordingLogger();
    const storage = new FileStorage(directory, { logger });
    const key = freshKey();
    const file = join(directory, 'emulator', fileName(key));
    await storage.write({ [key]: { step: 'answered' } });
    const before = readFileSync(file, 'utf8');
    const answered = (await storage.read([key]))[key] as { eTag: string };

    // The disk fills up after part of the next record: the write fails like ENOSPC.
    const probe = await open(file, 'r');
    const handles = Object.getPrototypeOf(probe) as { writeFile: (data: string) => Promise<void> };
    await probe.close();
    const writeFile = vi.spyOn(handles, 'writeFile').mockImplementationOnce(async function (this: FileHandle, data: string) {
      await this.write(data.slice(0, 20));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    try {
      await expect(storage.write({ [key]: { step: 'failed', eTag: answered.eTag } })).rejects.toThrow(/ENOSPC/);
    } finally {
      writeFile.mockRestore();
    }

    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await new FileStorage(directory, { logger }).read([key]))[key]).toEqual(answered);
    await storage.write({ [key]: { step: 'next', eTag: answered.eTag } });
    expect(recordsIn(file).map((record) => record.item.step)).toEqual(['answered', 'next']);
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toEqual([]);
  });

  it('sets aside a file whose last two lines are both broken: that is no crash of an append', async () => {
    const directory = freshDirectory();
    const key = freshKey();
    const file = join(directory, 'emulator', fileName(key));
    await new FileStorage(directory).write({ [key]: { step: 1 } });
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"key":\n{"ke`);

    const item = (await new FileStorage(directory, { logger: recordingLogger() }).read([key]))[key];
    expect(item !== undefined && isUnreadable(item)).toBe(true);
  });

  it('reads a file of the earlier format (one record, no line break) and writes it anew', async () => {
    const directory = freshDirectory();
    const key = freshKey();
    const file = join(directory, 'emulator', fileName(key));
    mkdirSync(join(directory, 'emulator'));
    writeFileSync(file, JSON.stringify({ key, item: { step: 'earlier', eTag: 'e1' } }));

    const storage = new FileStorage(directory);
    expect((await storage.read([key]))[key]).toEqual({ step: 'earlier', eTag: 'e1' });
    await storage.write({ [key]: { step: 'now', eTag: 'e1' } });
    expect(recordsIn(file).map((record) => record.item.step)).toEqual(['now']);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('writes anew instead of appending when the file was replaced from outside meanwhile', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const key = freshKey();
    const file = join(directory, 'emulator', fileName(key));
    await storage.write({ [key]: { n: 1 } });
    // An operator puts back an older copy (another file, another inode): no record is appended to it.
    const copy = `${file}.copy`;
    writeFileSync(copy, `${JSON.stringify({ key, item: { n: 0, eTag: 'restored' } })}\n`);
    execFileSync('mv', [copy, file]);
    await storage.write({ [key]: { n: 2, eTag: '*' } });
    expect(recordsIn(file).map((record) => record.item.n)).toEqual([2]);
  });
});

describe('FileStorage reading what it wrote itself', () => {
  it('gives a fresh copy each time: a turn that changes what it read changes nothing stored', async () => {
    const storage = new FileStorage(freshDirectory());
    const key = freshKey();
    await storage.write({ [key]: { steps: ['a'] } });
    const first = (await storage.read([key]))[key] as { steps: string[] };
    first.steps.push('b');
    expect(((await storage.read([key]))[key] as { steps: string[] }).steps).toEqual(['a']);
  });

  it('keeps the content of at most 2,000 files in memory, however many users it serves', async () => {
    const storage = new FileStorage(freshDirectory());
    const keys = Array.from({ length: 2100 }, () => freshKey());
    for (let start = 0; start < keys.length; start += 100)
      await storage.write(Object.fromEntries(keys.slice(start, start + 100).map((key) => [key, { value: 1 }])));
    expect((storage as unknown as { lastSeen: Map<string, unknown> }).lastSeen.size).toBe(2000);
    // The oldest is read from its file again.
    expect((await storage.read([keys[0] ?? '']))[keys[0] ?? '']).toMatchObject({ value: 1 });
  });

  it('notices a change made outside the process, and checks eTags against it', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const key = freshKey();
    await storage.write({ [key]: { value: 'aaaa' } });
    const read = (await storage.read([key]))[key] as { eTag: string };
    const file = join(directory, 'emulator', fileName(key));
    // Another writer (an operator, a second process by mistake): other content and eTag.
    const changed = readFileSync(file, 'utf8').replace('"aaaa"', '"bbbbb"').replace(read.eTag, randomUUID());
    writeFileSync(file, changed);
    expect((await storage.read([key]))[key]).toMatchObject({ value: 'bbbbb' });
    await expect(storage.write({ [key]: { value: 'cccc', eTag: read.eTag } })).rejects.toThrow(/eTag conflict/);
  });
});

describe('FileStorage with a file it cannot read', () => {
  /** Writes the key once, then replaces its file with `content`. */
  async function damaged(content: string | ((key: string) => string), options: { owner?: boolean } = {}) {
    const directory = freshDirectory();
    const logger = recordingLogger();
    const storage = new FileStorage(directory, { logger, ...options });
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    const file = join(directory, 'emulator', fileName(key));
    writeFileSync(file, typeof content === 'string' ? content : content(key));
    return { directory, storage, key, file, logger };
  }

  it.each([
    ['not JSON', '{"key": "emulator/x", '],
    ['JSON of another shape', '{"dialogState": {}}'],
    ['null', 'null'],
    ['an item that is no object', (key: string) => JSON.stringify({ key, item: 'text' })],
    ['another key than the one its name stands for', JSON.stringify({ key: 'emulator/someone-else', item: {} })],
  ])('sets aside a file holding %s, logs it, and reads a fresh item marked as unreadable', async (_case, content) => {
    const { directory, storage, key, file, logger } = await damaged(content);

    const read = await storage.read([key]);

    expect(Object.keys(read)).toEqual([key]);
    expect(isUnreadable(read[key])).toBe(true);
    expect(JSON.stringify(read[key])).toBe('{}');
    const copies = filesUnder(directory).filter((name) => name.includes('.unreadable-'));
    expect(copies).toEqual([expect.stringMatching(new RegExp(`^emulator/${fileName(key)}\\.unreadable-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z$`))]);
    expect(readFileSync(join(directory, copies[0] ?? ''), 'utf8')).toBe(typeof content === 'string' ? content : content(key));
    expect(existsSync(file)).toBe(false);
    expect(logger.entries).toEqual([
      {
        level: 'error',
        fields: expect.objectContaining({ path: file, movedTo: join(directory, copies[0] ?? '') }),
        message: expect.stringContaining('unreadable'),
      },
    ]);

    // Set aside once: the key is simply empty now, and takes a new item.
    expect(await storage.read([key])).toEqual({});
    await storage.write({ [key]: { step: 2 } });
    expect((await storage.read([key]))[key]).toMatchObject({ step: 2 });
  });

  it.each([
    ['a folder', (file: string) => mkdirSync(file)],
    ['a link to another file', (file: string) => symlinkSync('/etc/hostname', file)],
    ['a link to a folder', (file: string) => symlinkSync(tmpdir(), file)],
    ['a link to a device that never ends', (file: string) => symlinkSync('/dev/zero', file)],
    ['a FIFO, which would block a read', (file: string) => execFileSync('mkfifo', [file])],
    ['a file far larger than any state', (file: string) => truncateSync((writeFileSync(file, '{'), file), 11 * 1024 * 1024)],
  ])('sets aside what stands at its path when it is %s, without following or reading it', async (_case, make) => {
    const directory = freshDirectory();
    const logger = recordingLogger();
    const storage = new FileStorage(directory, { logger });
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    const file = join(directory, 'emulator', fileName(key));
    rmSync(file);
    make(file);

    expect(isUnreadable((await storage.read([key]))[key])).toBe(true);
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'error', message: expect.stringContaining('moved aside') })]);
    await storage.write({ [key]: { step: 2 } });
    expect((await storage.read([key]))[key]).toMatchObject({ step: 2 });
    expect(await storage.keys('emulator/')).toEqual([key]);
  });

  it('sets aside a file that stands where a key folder belongs, and the key starts empty', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory, { logger: recordingLogger() });
    writeFileSync(join(directory, 'emulator'), 'kein Ordner');
    const key = freshKey();

    expect(await storage.read([key])).toEqual({});
    await storage.write({ [key]: { step: 1 } });
    expect((await storage.read([key]))[key]).toMatchObject({ step: 1 });
    expect(readdirSync(directory).filter((name) => name.startsWith('emulator.unreadable-'))).toHaveLength(1);
  });

  it('sets it aside when a write based on an eTag finds it, and refuses the write as a conflict', async () => {
    const { directory, storage, key } = await damaged('kaputt');

    await expect(storage.write({ [key]: { step: 2, eTag: 'read-before' } })).rejects.toThrow(/eTag conflict/);
    expect(filesUnder(directory).filter((name) => name.includes('.unreadable-'))).toHaveLength(1);
    await storage.write({ [key]: { step: 3 } });
    expect((await storage.read([key]))[key]).toMatchObject({ step: 3 });
  });

  it('deletes the copies set aside together with the key', async () => {
    const { directory, storage, key } = await damaged('kaputt');
    await storage.read([key]);
    await storage.write({ [key]: { step: 2 } });
    const other = freshKey();
    await storage.write({ [other]: { step: 1 } });

    await storage.delete([key]);

    expect(filesUnder(directory)).toEqual([`emulator/${fileName(other)}`]);
  });

  it('leaves the file in place when it does not own the folder, and still reads a marked fresh item', async () => {
    const { storage, key, file, logger } = await damaged('kaputt', { owner: false });

    expect(isUnreadable((await storage.read([key]))[key])).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('kaputt');
    expect(logger.entries).toEqual([
      { level: 'error', fields: expect.objectContaining({ path: file }), message: expect.stringContaining('left in place') },
    ]);
  });

  it('leaves an unreadable file out of a listing, and sets it aside', async () => {
    const { directory, storage, key } = await damaged('kaputt');
    const fine = 'emulator/fine';
    await storage.write({ [fine]: { n: 1 } });

    expect(await storage.keys('emulator/')).toEqual([fine]);
    expect(filesUnder(directory).filter((name) => name.includes('.unreadable-'))).toEqual([expect.stringContaining(fileName(key))]);
  });
});

describe('FileStorage.tidy, at the start of the process that owns the folder', () => {
  it('removes the temp files a killed process left, at the top and in the folders, and nothing else', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const key = freshKey();
    await storage.write({ [key]: { n: 1 } });
    const leftovers = [
      join(directory, `${'a'.repeat(64)}.json.${randomUUID()}.tmp`),
      join(directory, 'emulator', `${fileName(key)}.${randomUUID()}.tmp`),
    ];
    for (const leftover of leftovers) writeFileSync(leftover, '{"key": "emul');
    writeFileSync(join(directory, 'notes.tmp'), 'not ours');

    expect(await storage.tidy()).toEqual({ removedTempFiles: 2, movedIntoFolders: 0 });

    expect(filesUnder(directory)).toEqual([`emulator/${fileName(key)}`, 'notes.tmp']);
    expect((await storage.read([key]))[key]).toMatchObject({ n: 1 });
  });

  it('moves the files an older version kept at the top into their folders, setting aside what it cannot read', async () => {
    const directory = freshDirectory();
    const key = freshKey();
    const followUps = 'followups/user/msteams/29:alt';
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, fileName(key)), JSON.stringify({ key, item: { step: 'size', eTag: 'e1' } }));
    writeFileSync(join(directory, fileName(followUps)), JSON.stringify({ key: followUps, item: { record: {}, eTag: 'e2' } }));
    const broken = `${'c'.repeat(64)}.json`;
    writeFileSync(join(directory, broken), 'kaputt');
    const storage = new FileStorage(directory, { logger: recordingLogger() });

    expect(await storage.tidy()).toEqual({ removedTempFiles: 0, movedIntoFolders: 2 });

    expect(filesUnder(directory)).toEqual(
      [
        `emulator/${fileName(key)}`,
        `followups/${fileName(followUps)}`,
        expect.stringMatching(new RegExp(`^${broken}\\.unreadable-`)),
      ].sort(),
    );
    expect(await storage.read([key, followUps])).toEqual({ [key]: { step: 'size', eTag: 'e1' }, [followUps]: { record: {}, eTag: 'e2' } });
    expect(await storage.keys('followups/user/')).toEqual([followUps]);
  });
});
