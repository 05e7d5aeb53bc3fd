import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { KeyedQueue } from '../keyedQueue.js';

/**
 * Conversation state on local disk, one JSON file per key: durable across restarts, no server
 * needed. Each write replaces its file atomically (temp file + rename), so a crash never leaves
 * half-written state. eTags are checked like in Azure Blob Storage: a write based on an outdated
 * read fails with "eTag conflict" instead of silently overwriting. For one bot process; several
 * instances share state through Blob Storage.
 */
export class FileStorage implements Storage {
  private readonly writes = new KeyedQueue();
  private ready: Promise<void> | undefined;

  constructor(private readonly directory: string) {}

  async read(keys: string[]): Promise<StoreItems> {
    await this.ensureDirectory();
    const items: StoreItems = {};
    for (const key of keys) {
      const item = await this.load(key);
      if (item !== undefined) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await this.ensureDirectory();
    await Promise.all(
      Object.entries(changes).map(([key, change]) =>
        this.writes.run(key, async () => {
          const expected = (change as { eTag?: string }).eTag;
          if (expected !== undefined && expected !== '*') {
            // Like Blob Storage: an eTag for an item that is gone (deleted meanwhile) is a conflict too.
            const current = await this.load(key);
            if (current?.eTag !== expected) throw new Error(`FileStorage: error writing "${key}" due to eTag conflict.`);
          }
          const file = this.fileOf(key);
          const temporary = `${file}.${randomUUID()}.tmp`;
          await writeFile(temporary, JSON.stringify({ key, item: { ...change, eTag: randomUUID() } }));
          await rename(temporary, file);
        }),
      ),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await this.ensureDirectory();
    await Promise.all(keys.map((key) => this.writes.run(key, () => rm(this.fileOf(key), { force: true }))));
  }

  private async load(key: string): Promise<(Record<string, unknown> & { eTag?: string }) | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileOf(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return (JSON.parse(text) as { item: Record<string, unknown> & { eTag?: string } }).item;
    } catch (error) {
      throw new Error(`FileStorage: ${this.fileOf(key)} is not valid JSON (${(error as Error).message})`, { cause: error });
    }
  }

  // Keys hold channel, conversation and user ids: hashed, they make safe file names of fixed length.
  private fileOf(key: string): string {
    return join(this.directory, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  private ensureDirectory(): Promise<void> {
    this.ready ??= mkdir(this.directory, { recursive: true }).then(() => undefined);
    return this.ready;
  }
}
