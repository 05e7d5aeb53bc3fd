import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { createStorage } from '../../src/storage/createStorage.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { type Azurite, startAzurite } from '../support/azurite.js';

type StorageSettings = Pick<Config, 'STATE_STORAGE' | 'STATE_DIR' | 'AZURE_STORAGE_CONNECTION_STRING' | 'STATE_CONTAINER'>;

/** Each backend as the configuration selects it, with what it needs around it and how that is removed again. */
interface Backend {
  name: string;
  type: abstract new (...args: never[]) => Storage;
  open(): Promise<{ settings: StorageSettings; cleanup: () => Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'blob (Azure Blob Storage on Azurite)',
    type: BlobsStorage,
    async open() {
      const azurite: Azurite = await startAzurite();
      const settings: StorageSettings = { STATE_STORAGE: 'blob', STATE_DIR: '.state', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_CONTAINER: `contract-${randomUUID()}` };
      return { settings, cleanup: async () => void (await azurite.stop()) };
    },
  },
  {
    name: 'file (one JSON file per key)',
    type: FileStorage,
    async open() {
      const directory = mkdtempSync(join(tmpdir(), 'file-storage-contract-'));
      const settings: StorageSettings = { STATE_STORAGE: 'file', STATE_DIR: directory, AZURE_STORAGE_CONNECTION_STRING: undefined, STATE_CONTAINER: 'foerderlotse-state' };
      return { settings, cleanup: async () => rmSync(directory, { recursive: true, force: true }) };
    },
  },
  {
    name: 'memory',
    type: MemoryStorage,
    async open() {
      const settings: StorageSettings = { STATE_STORAGE: 'memory', STATE_DIR: '.state', AZURE_STORAGE_CONNECTION_STRING: undefined, STATE_CONTAINER: 'foerderlotse-state' };
      return { settings, cleanup: async () => undefined };
    },
  },
];

/** A key shaped like the ones PrivateConversationState uses, unique per test. */
const freshKey = () => `emulator/conversations/conv ${randomUUID()}/users/user-1`;

const eTagOf = (items: StoreItems, key: string): string => {
  const eTag = (items[key] as { eTag?: unknown } | undefined)?.eTag;
  if (typeof eTag !== 'string' || eTag === '') throw new Error(`no eTag on ${key}: ${JSON.stringify(items)}`);
  return eTag;
};

describe.each(backends.map((backend) => [backend.name, backend] as const))('state storage "%s" keeps the Storage contract', (_name, backend) => {
  let storage: Storage;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    storage = await createStorage(opened.settings);
  }, 30_000);

  afterAll(async () => {
    await cleanup?.();
  });

  it('is the backend the STATE_STORAGE setting names', () => {
    expect(storage).toBeInstanceOf(backend.type);
  });

  it('reads nothing for a key that was never written', async () => {
    expect(await storage.read([freshKey()])).toEqual({});
  });

  it('gives back what was written, with an eTag, and nothing after it was deleted', async () => {
    const key = freshKey();
    const state = { dialogState: { dialogStack: [{ id: 'mainDialog', state: { step: 2 } }] }, searchState: { needs: ['sprache'], note: 'Größe: 8.000 Einwohner' } };
    await storage.write({ [key]: state });

    const read = await storage.read([key]);
    expect(read[key]).toMatchObject(state);
    expect(eTagOf(read, key)).toEqual(expect.any(String));

    await storage.delete([key]);
    expect(await storage.read([key])).toEqual({});
  });

  it('reads and writes several keys at once, leaving out the ones it does not have', async () => {
    const [first, second, missing] = [freshKey(), freshKey(), freshKey()];
    await storage.write({ [first]: { n: 1 }, [second]: { n: 2 } });
    const read = await storage.read([first, second, missing]);
    expect(Object.keys(read).sort()).toEqual([first, second].sort());
    expect(read[first]).toMatchObject({ n: 1 });
    expect(read[second]).toMatchObject({ n: 2 });
  });

  it('treats deleting a key that does not exist as done', async () => {
    await expect(storage.delete([freshKey()])).resolves.toBeUndefined();
  });

  it('accepts a write based on the current eTag and gives the item a new eTag', async () => {
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    const before = eTagOf(await storage.read([key]), key);
    await storage.write({ [key]: { step: 2, eTag: before } });
    const after = await storage.read([key]);
    expect(after[key]).toMatchObject({ step: 2 });
    expect(eTagOf(after, key)).not.toBe(before);
  });

  it('refuses a write based on a stale eTag with an "eTag conflict" error and keeps the newer item', async () => {
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    const stale = eTagOf(await storage.read([key]), key);
    await storage.write({ [key]: { step: 2, eTag: stale } });

    await expect(storage.write({ [key]: { step: 'lost', eTag: stale } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read([key]))[key]).toMatchObject({ step: 2 });
  });

  it('overwrites whatever is stored when the eTag is "*"', async () => {
    const key = freshKey();
    await storage.write({ [key]: { step: 1 } });
    const stale = eTagOf(await storage.read([key]), key);
    await storage.write({ [key]: { step: 2, eTag: stale } });

    await storage.write({ [key]: { step: 3, eTag: '*' } });
    expect((await storage.read([key]))[key]).toMatchObject({ step: 3 });
  });

  it('lets exactly one of 20 concurrent writes based on the same eTag win; the others get "eTag conflict"', async () => {
    const key = freshKey();
    await storage.write({ [key]: { writer: -1 } });
    const eTag = eTagOf(await storage.read([key]), key);

    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, writer) => storage.write({ [key]: { writer, eTag } })));
    const winners = results.flatMap((result, writer) => (result.status === 'fulfilled' ? [writer] : []));
    const refusals = results.flatMap((result) => (result.status === 'rejected' ? [String((result.reason as Error).message)] : []));
    expect(winners).toHaveLength(1);
    expect(refusals).toHaveLength(19);
    for (const message of refusals) expect(message).toMatch(/eTag conflict/);
    expect((await storage.read([key]))[key]).toMatchObject({ writer: winners[0] });
  });
});

describe('file storage on local disk', () => {
  const directories: string[] = [];
  const freshDirectory = () => {
    const directory = mkdtempSync(join(tmpdir(), 'file-storage-'));
    directories.push(directory);
    return directory;
  };
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('leaves one valid JSON file and no temp files after 100 concurrent writes to one key', async () => {
    const directory = freshDirectory();
    const storage = new FileStorage(directory);
    const key = freshKey();

    await Promise.all(Array.from({ length: 100 }, (_, writer) => storage.write({ [key]: { writer, eTag: '*', padding: 'x'.repeat(2000) } })));

    const files = readdirSync(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    const onDisk = JSON.parse(readFileSync(join(directory, files[0] ?? ''), 'utf8')) as { key: string; item: { writer: number; eTag: string } };
    expect(onDisk.key).toBe(key);
    expect(onDisk.item.writer).toBeGreaterThanOrEqual(0);
    expect(onDisk.item.writer).toBeLessThan(100);
    expect((await storage.read([key]))[key]).toMatchObject({ writer: onDisk.item.writer, eTag: onDisk.item.eTag });
  });

  it('leaves valid JSON and no temp files when two instances on one folder write the same key at once', async () => {
    const directory = freshDirectory();
    const [one, two] = [new FileStorage(directory), new FileStorage(directory)];
    const key = freshKey();

    await Promise.all(Array.from({ length: 100 }, (_, writer) => (writer % 2 === 0 ? one : two).write({ [key]: { writer, eTag: '*' } })));

    const files = readdirSync(directory);
    expect(files).toHaveLength(1);
    expect(() => JSON.parse(readFileSync(join(directory, files[0] ?? ''), 'utf8')) as unknown).not.toThrow();
    expect((await new FileStorage(directory).read([key]))[key]).toMatchObject({ writer: expect.any(Number) });
  });

  it('keeps state across instances on the same folder, as after a restart, eTag included', async () => {
    const directory = freshDirectory();
    const key = freshKey();
    const before = new FileStorage(directory);
    await before.write({ [key]: { dialogState: { step: 'size' } } });
    const eTagBefore = eTagOf(await before.read([key]), key);

    const after = new FileStorage(directory);
    const read = await after.read([key]);
    expect(read[key]).toMatchObject({ dialogState: { step: 'size' } });
    expect(eTagOf(read, key)).toBe(eTagBefore);

    // The new instance continues the eTag chain: a write based on the old eTag works once, then it is stale.
    await after.write({ [key]: { dialogState: { step: 'results' }, eTag: eTagBefore } });
    await expect(after.write({ [key]: { dialogState: { step: 'lost' }, eTag: eTagBefore } })).rejects.toThrow(/eTag conflict/);
  });

  it('creates its folder when it does not exist yet', async () => {
    const directory = join(freshDirectory(), 'nested', 'state');
    const storage = new FileStorage(directory);
    const key = freshKey();
    await storage.write({ [key]: { ok: true } });
    expect(readdirSync(directory)).toHaveLength(1);
  });
});
