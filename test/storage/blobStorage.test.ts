import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { type StateStorage, createStorage } from '../../src/storage/createStorage.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import type { ListableStorage } from '../../src/storage/listableStorage.js';
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
      const settings: StorageSettings = {
        STATE_STORAGE: 'blob',
        STATE_DIR: '.state',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        STATE_CONTAINER: `contract-${randomUUID()}`,
      };
      return { settings, cleanup: async () => void (await azurite.stop()) };
    },
  },
  {
    name: 'file (one JSON file per key)',
    type: FileStorage,
    async open() {
      const directory = mkdtempSync(join(tmpdir(), 'file-storage-contract-'));
      const settings: StorageSettings = {
        STATE_STORAGE: 'file',
        STATE_DIR: directory,
        AZURE_STORAGE_CONNECTION_STRING: undefined,
        STATE_CONTAINER: 'foerderlotse-state',
      };
      return { settings, cleanup: async () => rmSync(directory, { recursive: true, force: true }) };
    },
  },
  {
    name: 'memory',
    type: MemoryStorage,
    async open() {
      const settings: StorageSettings = {
        STATE_STORAGE: 'memory',
        STATE_DIR: '.state',
        AZURE_STORAGE_CONNECTION_STRING: undefined,
        STATE_CONTAINER: 'foerderlotse-state',
      };
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

describe.each(backends.map((backend) => [backend.name, backend] as const))(
  'state storage "%s" keeps the Storage contract',
  (_name, backend) => {
    let storage: ListableStorage;
    let state: StateStorage | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const opened = await backend.open();
      cleanup = opened.cleanup;
      const created = await createStorage(opened.settings);
      if (!created.ok) throw new Error(created.problem);
      state = created;
      storage = created.storage;
    }, 30_000);

    afterAll(async () => {
      await state?.close();
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
      const state = {
        dialogState: { dialogStack: [{ id: 'mainDialog', state: { step: 2 } }] },
        searchState: { needs: ['sprache'], note: 'Größe: 8.000 Einwohner' },
      };
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

    it('takes writes, as its health check says', async () => {
      expect(await state?.writable()).toBe(true);
    });

    describe('listing keys', () => {
      /** A first key segment of its own per test, so that tests do not see each other's keys. */
      const freshBase = () => `list-${randomUUID()}`;

      it('names the keys under a prefix, sorted, and no others', async () => {
        const base = freshBase();
        const inside = [`${base}/user/msteams/29:b`, `${base}/user/emulator/a`, `${base}/user/x`];
        const outside = [`${base}/users/msteams/c`, `${base}/index`, `${base}x/user/d`, `other-${base}/user/e`];
        await storage.write(Object.fromEntries([...inside, ...outside].map((key) => [key, { key }])));

        expect(await storage.keys(`${base}/user/`)).toEqual([...inside].sort());
        expect(await storage.keys(`${base}/nothing/`)).toEqual([]);
      });

      it('gives back keys with slashes, colons, spaces, umlauts and percent signs exactly, and each reads its item', async () => {
        const base = freshBase();
        const keys = [
          `${base}/msteams/29:1aB-c_D`,
          `${base}/emulator/Jörg Müller`,
          `${base}/webchat/100%/50%20`,
          `${base}/a/b/c/ä ö ü ß/ÄÖÜ`,
          `${base}/x:y/:/~!*'()`,
        ];
        await storage.write(Object.fromEntries(keys.map((key, index) => [key, { index }])));

        const listed = await storage.keys(`${base}/`);
        expect(listed).toEqual([...keys].sort());
        const read = await storage.read(listed);
        for (const [index, key] of keys.entries()) expect(read[key], key).toMatchObject({ index });
      });

      it('finds keys under a prefix that ends inside the first segment', async () => {
        const base = freshBase();
        await storage.write({ [`${base}/a`]: { n: 1 }, [`${base}-b/c`]: { n: 2 } });

        expect(await storage.keys(base)).toEqual([`${base}-b/c`, `${base}/a`]);
      });

      it('leaves out keys once they are deleted', async () => {
        const base = freshBase();
        const keys = [`${base}/u/1`, `${base}/u/2`, `${base}/u/3`];
        await storage.write(Object.fromEntries(keys.map((key) => [key, { key }])));
        await storage.delete([keys[1] ?? '']);

        expect(await storage.keys(`${base}/u/`)).toEqual([keys[0], keys[2]]);
        await storage.delete([keys[0] ?? '', keys[2] ?? '']);
        expect(await storage.keys(`${base}/u/`)).toEqual([]);
      });

      it('names every one of many keys', async () => {
        const base = freshBase();
        const keys = Array.from({ length: 300 }, (_, index) => `${base}/followups/user/msteams/29:${String(index).padStart(3, '0')}`);
        await storage.write(Object.fromEntries(keys.map((key) => [key, { key }])));

        expect(await storage.keys(`${base}/followups/user/`)).toEqual(keys);
      }, 30_000);
    });
  },
);
