import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { StoreItems } from 'botbuilder';
import { z } from 'zod';
import { KeyedQueue } from '../common/keyedQueue.js';
import type { Logger } from '../common/logger.js';
import { type ListableStorage, unreadableItem } from './listableStorage.js';
import { type FileVersion, errorCode, readOwnFile, sameVersion, versionOf } from './files.js';

type Item = Record<string, unknown> & { eTag?: string };

/** What FileStorage writes into each file: the key, so that a folder can be listed, and the item. */
const StoredFileSchema = z.object({ key: z.string(), item: z.record(z.string(), z.unknown()) });

type Loaded = { kind: 'absent' } | { kind: 'item'; key: string; item: Item } | { kind: 'unreadable'; reason: string };

export interface FileStorageOptions {
  /** Where unreadable files and tidying are reported; the console when not given. */
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * The process that owns the folder (it holds its lock) sets unreadable files aside. Others, such
   * as the command line reading beside the running bot, leave them where they are.
   */
  owner?: boolean;
  /** Called when a write had to make the folder itself again (it was deleted while running). */
  onFolderMade?: () => void;
}

/** State files are named by the hash of their key; their temp files add a random id. */
const STATE_FILE = /^[0-9a-f]{64}\.json$/;
const TEMP_FILE = /^[0-9a-f]{64}\.json\..+\.tmp$/;
/** A conversation's state is a few kilobytes; a file far larger was not written by this class. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Files whose last record is kept: the users of the last minutes, a few megabytes at most. */
const LAST_SEEN_MAX = 2000;
/** A file gets a record per write, appended; one that would grow past this is written anew with the newest alone. */
const REWRITE_AT_BYTES = 32 * 1024;
/** Appends follow no link and never wait for a FIFO's reader. */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** Files read at once when a folder is listed. */
const LIST_BATCH = 32;
/** Folder of keys without a first segment; encoded segments never read "_" (it is encoded as %5F). */
const UNGROUPED = '_';
const FOLDER_NAME_MAX = 100;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The folder of a key: its first segment ("msteams", "followups", "demand"), so that the keys
 * under a prefix are found without reading every conversation's file. Letters, digits and "-"
 * stay; everything else is percent-encoded, which keeps "." and ".." out; a very long segment is
 * hashed.
 */
function folderOf(key: string): string {
  const slash = key.indexOf('/');
  if (slash <= 0) return UNGROUPED;
  const encoded = key
    .slice(0, slash)
    .replace(/[^A-Za-z0-9-]/gu, (character) =>
      [...Buffer.from(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    );
  return encoded.length <= FOLDER_NAME_MAX ? encoded : `~${hash(key.slice(0, slash)).slice(0, 32)}`;
}

/** Writes a new file and says which version it is (a rename keeps it). */
async function writeAndStat(path: string, content: string): Promise<FileVersion> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(content);
    return versionOf(await handle.stat({ bigint: true }));
  } finally {
    await handle.close();
  }
}

type Newest = { record: string; json: unknown; last: boolean } | { reason: string };

/** A file's newest record: its last line, or the line before when a crash cut the last one short. */
function newestRecord(text: string): Newest {
  const lines = text.split('\n').filter((line) => line !== '');
  const parsed = (index: number, last: boolean): Newest => {
    const record = lines.at(index) ?? '';
    try {
      return { record, json: JSON.parse(record), last };
    } catch (error) {
      return { reason: `not JSON (${(error as Error).message})` };
    }
  };
  const newest = parsed(-1, true);
  // A JSON object cut short never parses, and only the last append can have been cut (its turn was not answered yet).
  if ('reason' in newest && lines.length >= 2) {
    const before = parsed(-2, false);
    if (!('reason' in before)) return before;
  }
  return newest;
}

/**
 * Conversation state on local disk, one file per key in a folder per first key segment: durable
 * across restarts, no server needed. A file holds one JSON record per line, the newest last: a
 * write appends its record (cheap, where replacing a file makes the file system flush it), and a
 * file that would grow past 32 KB is replaced whole by the newest record alone, atomically (temp
 * file + rename). A crash never costs an answered turn: a record cut short can only be the last
 * one, written for a turn not answered yet, and the one before it is read. eTags are checked like
 * in Azure Blob Storage: a write based on an outdated read fails with "eTag conflict" instead of
 * silently overwriting. For one bot process (createStorage takes a lock on the folder); several
 * instances share state through Blob Storage.
 *
 * It heals what would otherwise stop every turn: a deleted folder is made again by the next write,
 * and a file that is not what this class writes is set aside and read as a fresh, marked item.
 */
export class FileStorage implements ListableStorage {
  /** Writes of one file run one after another; setting a file aside waits for them too. */
  private readonly writes = new KeyedQueue();
  /** A file's name is the hash of its key, so a key once read for a path stays true. */
  private readonly knownKeys = new Map<string, string>();
  /**
   * The newest record this process last read or wrote in each file, with the file's version then.
   * A turn reads its state and checks the eTag before it writes: while the file is that version
   * (one lstat says so), neither needs the file read again. Anything else that changed the file
   * (an operator, a deleted folder) changes its version, and the file is read as before – except an
   * edit in place to the same size within the file system's clock tick, which only a writer that
   * ignores the folder's lock could make. `appendable`: the file ends with this record and a line
   * break, so the next record may follow it.
   */
  private readonly lastSeen = new Map<string, { record: string; version: FileVersion; appendable: boolean }>();
  private readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  private readonly owner: boolean;
  private readonly onFolderMade: () => void;

  private readonly directory: string;

  constructor(directory: string, options: FileStorageOptions = {}) {
    this.directory = resolve(directory);
    this.logger = options.logger ?? {
      info: () => undefined,
      warn: (details: unknown, message?: string) => console.warn(message, details),
      error: (details: unknown, message?: string) => console.error(message, details),
    };
    this.owner = options.owner ?? true;
    this.onFolderMade = options.onFolderMade ?? (() => undefined);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const file = this.fileOf(key);
      const belongs = (stored: string) => stored === key;
      let loaded = await this.load(file, belongs);
      // Looked at again in the file's queue: a write may have replaced it meanwhile.
      if (loaded.kind === 'unreadable') loaded = await this.writes.run(file, () => this.loadOrSetAside(file, belongs));
      if (loaded.kind === 'item') items[key] = loaded.item;
      else if (loaded.kind === 'unreadable') items[key] = unreadableItem();
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(([key, change]) => {
        const file = this.fileOf(key);
        return this.writes.run(file, async () => {
          const expected = (change as Item).eTag;
          if (expected !== undefined && expected !== '*') {
            // Like Blob Storage: an eTag for an item that is gone (deleted meanwhile) is a conflict too.
            const current = await this.loadOrSetAside(file, (stored) => stored === key);
            if (current.kind !== 'item' || current.item.eTag !== expected)
              throw new Error(`FileStorage: error writing "${key}" due to eTag conflict.`);
          }
          await this.store(file, JSON.stringify({ key, item: { ...change, eTag: randomUUID() } }));
        });
      }),
    );
  }

  /** Deletes the items and the copies of them that were set aside: „Meine Daten löschen“ leaves nothing behind. */
  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map((key) => {
        const file = this.fileOf(key);
        return this.writes.run(file, async () => {
          await rm(file, { force: true });
          this.knownKeys.delete(file);
          this.lastSeen.delete(file);
          for (const copy of await this.setAsideCopies(file)) await rm(copy, { force: true });
        });
      }),
    );
  }

  async keys(prefix: string): Promise<string[]> {
    // A prefix with a first segment names its folder; a shorter one may match keys in any folder.
    const folders = prefix.includes('/') ? [folderOf(prefix)] : await this.folders();
    const keys: string[] = [];
    for (const folder of folders) {
      for (const key of await this.keysIn(join(this.directory, folder))) if (key.startsWith(prefix)) keys.push(key);
    }
    return keys.sort();
  }

  /**
   * Makes the folder ready after a crash: removes temp files a killed process left (every write's
   * temp file is its own, and no write runs yet) and moves files of the older flat layout into
   * their folders. Only the process that holds the folder's lock calls this, before it serves.
   */
  async tidy(): Promise<{ removedTempFiles: number; movedIntoFolders: number }> {
    let removedTempFiles = 0;
    let movedIntoFolders = 0;
    const entries = await readdir(this.directory, { withFileTypes: true }).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    });
    for (const entry of entries) {
      const path = join(this.directory, entry.name);
      if (entry.isDirectory()) {
        for (const name of await readdir(path)) {
          if (!TEMP_FILE.test(name)) continue;
          await rm(join(path, name), { force: true });
          removedTempFiles += 1;
        }
      } else if (TEMP_FILE.test(entry.name)) {
        await rm(path, { force: true });
        removedTempFiles += 1;
      } else if (STATE_FILE.test(entry.name)) {
        // Written by an older version, which kept every file at the top. When both exist, the top one
        // is the newer: only an older version, run again after this one, writes there.
        const loaded = await this.load(path, (key) => `${hash(key)}.json` === entry.name);
        if (loaded.kind === 'item') {
          const target = this.fileOf(loaded.key);
          await mkdir(dirname(target), { recursive: true });
          await rename(path, target);
          movedIntoFolders += 1;
        } else if (loaded.kind === 'unreadable') {
          await this.setAside(path, loaded.reason);
        }
      }
    }
    if (removedTempFiles > 0 || movedIntoFolders > 0)
      this.logger.info({ directory: this.directory, removedTempFiles, movedIntoFolders }, 'state folder tidied');
    return { removedTempFiles, movedIntoFolders };
  }

  /** Files an older version kept at the top of the folder; `tidy` moves them into their folders. */
  async olderLayoutFiles(): Promise<number> {
    const names = await readdir(this.directory).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    });
    return names.filter((name) => STATE_FILE.test(name)).length;
  }

  /** Reads one file; `belongs` checks that the key it holds is the one its name and folder stand for. */
  private async load(file: string, belongs: (key: string) => boolean): Promise<Loaded> {
    const seen = await this.unchangedSinceSeen(file);
    if (seen !== undefined) return seen;
    // A folder that is gone (deleted while running) holds nothing; it is made again on the next write.
    let read;
    try {
      read = await readOwnFile(file, MAX_FILE_BYTES);
    } catch (error) {
      // A file where the key's folder belongs (put there by hand) is set aside, and the key is empty.
      // Where the whole STATE_DIR is a file, nothing can be read or written: that stays an error.
      if (errorCode(error) !== 'ENOTDIR' || !(await this.setAsideFileInFoldersPlace(dirname(file)))) throw error;
      return { kind: 'absent' };
    }
    if (read.kind !== 'text') return read;
    const newest = newestRecord(read.text);
    if ('reason' in newest) return { kind: 'unreadable', reason: newest.reason };
    const stored = StoredFileSchema.safeParse(newest.json);
    if (!stored.success) return { kind: 'unreadable', reason: 'not the {key, item} shape FileStorage writes' };
    if (!belongs(stored.data.key))
      return { kind: 'unreadable', reason: `holds the key "${stored.data.key}", which does not belong in this file` };
    // Beside the bot (the command line), a last line may just be being written.
    if (!newest.last && this.owner)
      this.logger.warn({ path: file }, 'state file ends in an incomplete record (a crash or a failed write); the one before it is read');
    this.remember(file, newest.record, read.version, newest.last && read.text.endsWith('\n'));
    return { kind: 'item', key: stored.data.key, item: stored.data.item };
  }

  /** Keeps a file's newest record; the files of the users seen longest ago go first. */
  private remember(file: string, record: string, version: FileVersion, appendable: boolean): void {
    this.lastSeen.delete(file);
    this.lastSeen.set(file, { record, version, appendable });
    if (this.lastSeen.size > LAST_SEEN_MAX) this.lastSeen.delete(this.lastSeen.keys().next().value ?? '');
  }

  /** The item as last read or written, when the file is still that version; a fresh copy each time. */
  private async unchangedSinceSeen(file: string): Promise<Loaded | undefined> {
    const seen = this.lastSeen.get(file);
    if (seen === undefined) return undefined;
    const now = await lstat(file, { bigint: true }).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
      throw error;
    });
    if (now === undefined || !now.isFile() || !sameVersion(versionOf(now), seen.version)) {
      this.lastSeen.delete(file);
      return undefined;
    }
    const stored = JSON.parse(seen.record) as { key: string; item: Item };
    return { kind: 'item', key: stored.key, item: stored.item };
  }

  /** `load`, and an unreadable file set aside; call it in the file's queue. */
  private async loadOrSetAside(file: string, belongs: (key: string) => boolean): Promise<Loaded> {
    const loaded = await this.load(file, belongs);
    if (loaded.kind === 'unreadable') await this.setAside(file, loaded.reason);
    return loaded;
  }

  /** Renames an unreadable file, kept beside the others for inspection, so that its key starts afresh. */
  private async setAside(file: string, reason: string): Promise<void> {
    if (!this.owner) {
      this.logger.error({ path: file, reason }, 'state file unreadable; left in place, as the bot process owns the folder');
      return;
    }
    this.lastSeen.delete(file);
    const copy = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(file, copy);
    } catch (error) {
      // Set aside by another reader of the same moment.
      if (errorCode(error) === 'ENOENT') return;
      // It stays where it is; its key still starts afresh, and the next write replaces it.
      this.logger.error({ err: error, path: file, reason }, 'state file unreadable and cannot be moved aside');
      return;
    }
    this.logger.error({ path: file, movedTo: copy, reason }, 'state file unreadable; moved aside, its key starts afresh');
  }

  /** Sets aside a file that stands where a key folder belongs; false when that is not the case (or not ours to do). */
  private async setAsideFileInFoldersPlace(folder: string): Promise<boolean> {
    if (!this.owner || dirname(folder) !== this.directory) return false;
    const isFile = await lstat(folder).then(
      (stats) => !stats.isDirectory(),
      () => false,
    );
    if (isFile) await this.setAside(folder, 'a file where a folder belongs');
    return isFile;
  }

  private async setAsideCopies(file: string): Promise<string[]> {
    const start = `${basename(file)}.unreadable-`;
    const names = await readdir(dirname(file)).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    });
    return names.filter((name) => name.startsWith(start)).map((name) => join(dirname(file), name));
  }

  /** Appends the record to the file when it ends with the one this process last saw there; otherwise writes the file anew. */
  private async store(file: string, record: string): Promise<void> {
    const seen = this.lastSeen.get(file);
    this.lastSeen.delete(file);
    const fits = seen !== undefined && seen.appendable && seen.version.size + Buffer.byteLength(record) + 1 <= REWRITE_AT_BYTES;
    if (fits && (await this.append(file, record, seen.version))) return;
    await this.replace(file, record);
  }

  /**
   * Appends a record when the file is still the version it was when last seen; false (nothing
   * written) when it is not, or cannot be opened: then it is written anew. A failed write throws,
   * and its turn goes unanswered.
   */
  private async append(file: string, record: string, expected: FileVersion): Promise<boolean> {
    const handle = await open(file, APPEND_FLAGS).catch(() => undefined);
    if (handle === undefined) return false;
    try {
      const before = versionOf(await handle.stat({ bigint: true }));
      if (!sameVersion(before, expected)) return false;
      const line = `${record}\n`;
      try {
        await handle.writeFile(line);
      } catch (error) {
        // A full disk may have taken part of the line: without it the file is the last answered state again.
        await handle.truncate(before.size).catch(() => undefined);
        throw error;
      }
      const after = versionOf(await handle.stat({ bigint: true }));
      // Grown by more than this record: a writer that ignores the folder's lock appended too, and whose record is last is unknown.
      if (after.size === before.size + Buffer.byteLength(line)) this.remember(file, record, after, true);
      return true;
    } finally {
      await handle.close();
    }
  }

  /** Writes the file anew with the one record, atomically; a folder deleted meanwhile is made again. */
  private async replace(file: string, record: string): Promise<void> {
    const temporary = `${file}.${randomUUID()}.tmp`;
    this.lastSeen.delete(file);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const version = await writeAndStat(temporary, `${record}\n`);
        await rename(temporary, file);
        this.remember(file, record, version, true);
        return;
      } catch (error) {
        const code = errorCode(error);
        if ((code === 'ENOENT' || code === 'ENOTDIR') && attempt < 3) {
          // A file where the key's folder belongs (put there by hand) is set aside like an unreadable one.
          if (code === 'ENOTDIR' && !(await this.setAsideFileInFoldersPlace(dirname(file)))) throw error;
          // mkdir names the first folder it had to make: the top one means the whole folder was gone.
          if ((await mkdir(dirname(file), { recursive: true })) === this.directory) this.onFolderMade();
          continue;
        }
        // Without its folder there is no temp file; otherwise (a full disk) a part of it may be there.
        if (code !== 'ENOENT' && code !== 'ENOTDIR') {
          await rm(temporary, { force: true }).catch((cleanupError: unknown) =>
            this.logger.warn({ err: cleanupError, path: temporary }, 'could not remove a temp file; it goes at the next start'),
          );
        }
        throw error;
      }
    }
  }

  /**
   * Writes and removes a small file in the folder and in each of its key folders: a turn fails when
   * the one its key lives in cannot be written (owned by another user, say), not only the top one.
   */
  async probeFolders(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    for (const folder of ['.', ...(await this.folders())]) {
      const probe = join(this.directory, folder, `.probe-${randomUUID()}`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
    }
  }

  private async folders(): Promise<string[]> {
    const entries = await readdir(this.directory, { withFileTypes: true }).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  }

  private async keysIn(folder: string): Promise<string[]> {
    const names = await readdir(folder).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
      throw error;
    });
    const files = names.filter((name) => STATE_FILE.test(name)).map((name) => join(folder, name));
    const keys: (string | undefined)[] = [];
    for (let start = 0; start < files.length; start += LIST_BATCH) {
      keys.push(...(await Promise.all(files.slice(start, start + LIST_BATCH).map((file) => this.keyOf(file)))));
    }
    return keys.filter((key) => key !== undefined);
  }

  /** The key a file holds; undefined when it is gone or unreadable (and then set aside). */
  private async keyOf(file: string): Promise<string | undefined> {
    const known = this.knownKeys.get(file);
    if (known !== undefined) return known;
    const loaded = await this.writes.run(file, () => this.loadOrSetAside(file, (key) => this.fileOf(key) === file));
    if (loaded.kind !== 'item') return undefined;
    this.knownKeys.set(file, loaded.key);
    return loaded.key;
  }

  // Keys hold channel, conversation and user ids: hashed, they make safe file names of fixed length.
  private fileOf(key: string): string {
    return join(this.directory, folderOf(key), `${hash(key)}.json`);
  }
}
