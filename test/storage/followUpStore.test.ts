import type { ConversationReference, StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { type FollowUpRecord, emptyFollowUps, watch } from '../../src/domain/followUps.js';
import { type FollowUpDocument, FollowUpDocumentInvalid, FollowUpStore, storedReference } from '../../src/storage/followUpStore.js';
import { type ListableStorage, unreadableItem } from '../../src/storage/listableStorage.js';
import { programme } from '../support/programmeBuilder.js';
import { localStorageBackends } from '../support/storageBackends.js';

const TODAY = '2026-11-26';
const REMINDER_DAYS = [14, 3];
const USER = 'msteams/29:kommune-lippe';
const DOCUMENT_KEY = `followups/user/${USER}`;

const kurs = programme({ id: 'sprachkurs', deadline: { kind: 'stichtag', date: '2027-03-01' } });
const cafe = programme({ id: 'sprachcafe' });

const REFERENCE: Partial<ConversationReference> = {
  activityId: 'activity-7',
  user: { id: '29:kommune-lippe', name: 'Kommune Lippe' },
  bot: { id: '28:foerderlotse', name: 'Förderlotse NRW' },
  conversation: { id: 'a:1personal', isGroup: false, conversationType: 'personal', tenantId: 'tenant-1', name: '' },
  channelId: 'msteams',
  locale: 'de-DE',
  serviceUrl: 'https://smba.trafficmanager.net/de/',
};

const watching =
  (item: typeof kurs) =>
  (document: FollowUpDocument): FollowUpDocument => ({ ...document, record: watch(document.record, item, TODAY, REMINDER_DAYS).record });
const watchedIds = (record: FollowUpRecord | undefined) => (record?.watchlist ?? []).map((entry) => entry.programmeId).sort();

/** Passes everything on and counts the writes refused for an outdated eTag; when asked, runs a rival write first or fails one write. */
class CountingStorage implements ListableStorage {
  conflicts = 0;
  writes: string[] = [];
  failNext: RegExp | undefined;
  beforeNextWrite: (() => Promise<void>) | undefined;
  /** Keys the next read gives as the storage gives an item it could not read. */
  unreadable = new Set<string>();
  constructor(private readonly inner: ListableStorage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    for (const key of keys) if (this.unreadable.delete(key)) items[key] = unreadableItem();
    return items;
  }

  keys(prefix: string): Promise<string[]> {
    return this.inner.keys(prefix);
  }

  async write(changes: StoreItems): Promise<void> {
    const before = this.beforeNextWrite;
    this.beforeNextWrite = undefined;
    await before?.();
    const failing = this.failNext;
    if (failing !== undefined && Object.keys(changes).some((key) => failing.test(key))) {
      this.failNext = undefined;
      throw new Error('storage unreachable (test)');
    }
    try {
      await this.inner.write(changes);
      this.writes.push(...Object.keys(changes));
    } catch (error) {
      if (error instanceof Error && /etag conflict/i.test(error.message)) this.conflicts += 1;
      throw error;
    }
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

const backends = localStorageBackends('follow-up-store-');

describe.each(backends)('FollowUpStore on %s', (_name, open) => {
  it('creates the document on the first update, with its reference, and lists the user once', async () => {
    const store = new FollowUpStore(open());
    expect(await store.users()).toEqual([]);
    expect(await store.read(USER)).toBeUndefined();

    const written = await store.update(USER, (document) => ({ ...watching(kurs)(document), reference: REFERENCE }));
    await store.update(USER, watching(cafe));

    expect(written?.record.watchlist).toEqual([{ programmeId: 'sprachkurs', addedOn: TODAY }]);
    const stored = await store.read(USER);
    expect(watchedIds(stored?.record)).toEqual(['sprachcafe', 'sprachkurs']);
    expect(stored?.reference).toEqual(storedReference(REFERENCE));
    expect(await store.users()).toEqual([USER]);
  });

  it('applies two concurrent updates of one user both', async () => {
    const store = new FollowUpStore(open());
    await store.update(USER, (document) => ({ ...document, reference: REFERENCE }));

    await Promise.all([store.update(USER, watching(kurs)), store.update(USER, watching(cafe))]);

    const stored = await store.read(USER);
    expect(watchedIds(stored?.record)).toEqual(['sprachcafe', 'sprachkurs']);
    expect(stored?.reference).toEqual(storedReference(REFERENCE));
  });

  it('applies the change again to what another writer stored between its read and its write', async () => {
    const storage = new CountingStorage(open());
    const store = new FollowUpStore(storage);
    await store.update(USER, (document) => ({ ...document, reference: REFERENCE }));
    // Another instance's update lands after this one has read the document.
    storage.beforeNextWrite = async () => {
      const item = (await storage.read([DOCUMENT_KEY]))[DOCUMENT_KEY] as FollowUpDocument & { eTag: string };
      await storage.write({ [DOCUMENT_KEY]: { ...watching(cafe)(item), eTag: item.eTag } });
    };
    const seen: string[][] = [];

    await store.update(USER, (document) => {
      seen.push(watchedIds(document.record));
      return watching(kurs)(document);
    });

    expect(storage.conflicts).toBe(1);
    expect(seen).toEqual([[], ['sprachcafe']]);
    const stored = await store.read(USER);
    expect(watchedIds(stored?.record)).toEqual(['sprachcafe', 'sprachkurs']);
    expect(stored?.reference).toEqual(storedReference(REFERENCE));
  });

  // The first write of a new document carries no eTag; the retry must still not lose the other change.
  it('applies two concurrent first updates of a user who has no document yet', async () => {
    const store = new FollowUpStore(open());

    await Promise.all([store.update(USER, watching(kurs)), store.update(USER, watching(cafe))]);

    expect(watchedIds((await store.read(USER))?.record)).toEqual(['sprachcafe', 'sprachkurs']);
    expect(await store.users()).toEqual([USER]);
  });

  it('lists both users when two new users save their first follow-up at the same moment', async () => {
    const store = new FollowUpStore(open());

    await Promise.all([store.update('msteams/a', watching(kurs)), store.update('msteams/b', watching(kurs))]);

    expect((await store.users()).sort()).toEqual(['msteams/a', 'msteams/b']);
  });

  it('lists every user when many first updates race through two instances on one storage', async () => {
    const storage = open();
    const instances = [new FollowUpStore(storage), new FollowUpStore(storage)];
    const users = Array.from({ length: 24 }, (_, index) => `msteams/user-${index}`);

    await Promise.all(users.map((user, index) => (instances[index % 2] as FollowUpStore).update(user, watching(kurs))));

    expect((await instances[0]?.users())?.sort()).toEqual([...users].sort());
    for (const user of users) expect(watchedIds((await instances[1]?.read(user))?.record)).toEqual(['sprachkurs']);
  });

  it('lists both users when two instances save their first follow-ups at the very same moment', async () => {
    const inner = open();
    // Every write that creates something (no eTag) waits until the other instance's is on its way too.
    const held: (() => void)[] = [];
    const storage: ListableStorage = {
      read: (keys) => inner.read(keys),
      keys: (prefix) => inner.keys(prefix),
      delete: (keys) => inner.delete(keys),
      async write(changes) {
        if (Object.values(changes).some((item) => (item as { eTag?: string }).eTag === undefined)) {
          await new Promise<void>((resolve) => {
            held.push(resolve);
            if (held.length === 2) for (const release of held.splice(0)) release();
          });
        }
        await inner.write(changes);
      },
    };
    const [one, two] = [new FollowUpStore(storage), new FollowUpStore(storage)];

    await Promise.all([one.update('msteams/a', watching(kurs)), two.update('msteams/b', watching(kurs))]);

    expect((await new FollowUpStore(inner).users()).sort()).toEqual(['msteams/a', 'msteams/b']);
  });

  it('lists a user only once their document is stored', async () => {
    const storage = new CountingStorage(open());
    const store = new FollowUpStore(storage);
    storage.failNext = /^followups\/user\//;

    await expect(store.update(USER, watching(kurs))).rejects.toThrow('storage unreachable (test)');
    expect(await store.users()).toEqual([]);
    await store.update(USER, watching(cafe));

    expect(await store.users()).toEqual([USER]);
  });

  it('lists only follow-up documents, with users whose ids hold slashes, colons and spaces', async () => {
    const storage = open();
    const store = new FollowUpStore(storage);
    const users = ['msteams/29:1a-Zb_Ä', 'emulator/user 1', 'webchat/dl_x/y'];
    for (const user of users) await store.update(user, watching(kurs));
    await storage.write({ 'followups/index': { users: ['msteams/alt'] }, 'msteams/conversations/a:1/users/29:x/': { dialogState: {} } });

    expect(await store.users()).toEqual([...users].sort());
  });

  it('removes a user’s document, so that they are listed no more, and says whether there was anything', async () => {
    const store = new FollowUpStore(open());
    await store.update(USER, watching(kurs));
    await store.update('msteams/29:andere', watching(cafe));

    expect(await store.remove(USER)).toBe(true);
    expect(await store.read(USER)).toBeUndefined();
    expect(await store.users()).toEqual(['msteams/29:andere']);
    expect(await store.remove(USER)).toBe(false);
  });

  it('reads a document the storage could not read as none, and removes it, saying there was one', async () => {
    const storage = new CountingStorage(open());
    const store = new FollowUpStore(storage);
    await store.update(USER, watching(kurs));

    storage.unreadable.add(DOCUMENT_KEY);
    expect(await store.read(USER)).toBeUndefined();
    storage.unreadable.add(DOCUMENT_KEY);
    expect(await store.remove(USER)).toBe(true);
    expect(await store.users()).toEqual([]);
  });

  it('removes the index document earlier versions kept, which names users too', async () => {
    const storage = open();
    const store = new FollowUpStore(storage);
    await store.update(USER, watching(kurs));
    await storage.write({ 'followups/index': { users: [USER, 'msteams/29:andere'] } });

    await store.remove(USER);

    expect(await storage.read(['followups/index'])).toEqual({});
  });

  it('writes nothing when the change returns null', async () => {
    const storage = new CountingStorage(open());
    const store = new FollowUpStore(storage);
    let seen: FollowUpDocument | undefined;

    const result = await store.update(USER, (document) => {
      seen = document;
      return null;
    });

    expect(result).toBeNull();
    expect(seen).toEqual({ record: emptyFollowUps() });
    expect(storage.writes).toEqual([]);
    expect(await store.read(USER)).toBeUndefined();
    expect(await store.users()).toEqual([]);
  });

  it('refuses a stored document it cannot read, names its key, and leaves it as it is', async () => {
    const storage = open();
    const store = new FollowUpStore(storage);
    await store.update(USER, watching(kurs));
    const broken = { record: { watchlist: 'sprachkurs', savedSearches: [], notificationsOn: true, sent: {} } };
    await storage.write({ [DOCUMENT_KEY]: broken });

    await expect(store.read(USER)).rejects.toThrow(FollowUpDocumentInvalid);
    await expect(store.read(USER)).rejects.toThrow(`follow-up document ${DOCUMENT_KEY} is invalid: record.watchlist`);
    let changed = false;
    const update = store.update(USER, (document) => {
      changed = true;
      return watching(cafe)(document);
    });
    await expect(update).rejects.toThrow(FollowUpDocumentInvalid);

    expect(changed).toBe(false);
    expect((await storage.read([DOCUMENT_KEY]))[DOCUMENT_KEY]).toMatchObject(broken);
  });

  it('in the bot, keeps a document it cannot read aside and lets the user start afresh', async () => {
    const storage = open();
    const errors: unknown[] = [];
    const store = new FollowUpStore(storage, { repair: { logger: { error: (fields: unknown) => void errors.push(fields) } } });
    const broken = { record: { watchlist: 'sprachkurs', savedSearches: [], notificationsOn: true, sent: {} } };
    await storage.write({ [DOCUMENT_KEY]: broken });

    expect(await store.read(USER)).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({
        key: DOCUMENT_KEY,
        keptAs: `followups/unreadable/${USER}`,
        issues: expect.stringContaining('record.watchlist'),
      }),
    ]);
    expect((await storage.read([`followups/unreadable/${USER}`]))[`followups/unreadable/${USER}`]).toMatchObject(broken);
    expect(watchedIds((await store.update(USER, watching(cafe)))?.record)).toEqual(['sprachcafe']);
    expect(await store.users()).toEqual([USER]);

    // „Meine Daten löschen“ takes the copy too.
    expect(await store.remove(USER)).toBe(true);
    expect((await storage.read([`followups/unreadable/${USER}`]))[`followups/unreadable/${USER}`]).toBeUndefined();
  });

  it('refuses a stored reference that cannot be sent to', async () => {
    const storage = open();
    const store = new FollowUpStore(storage);
    await storage.write({ [DOCUMENT_KEY]: { record: emptyFollowUps(), reference: { ...REFERENCE, serviceUrl: '' } } });

    await expect(store.read(USER)).rejects.toThrow(`follow-up document ${DOCUMENT_KEY} is invalid: reference`);
  });
});

describe('storedReference', () => {
  // Except the activity id: a reminder is a new message, not a reply to a click of weeks ago.
  it('keeps the whole reference the channel gave, not only what sending needs, but the activity id', () => {
    const stored = storedReference(REFERENCE);
    expect(stored).toEqual({ ...REFERENCE, activityId: undefined });
    expect(stored?.activityId).toBeUndefined();
    expect(REFERENCE.activityId).toBe('activity-7');
  });

  it('keeps only what sending needs, in bounded text: extra and oversized fields of the channel stay out', () => {
    const padded = {
      ...REFERENCE,
      user: { ...REFERENCE.user, extra: 'x'.repeat(100_000) },
      conversation: { ...REFERENCE.conversation, nested: { deep: { deeper: {} } } },
      custom: 'x',
    } as Partial<ConversationReference>;
    expect(storedReference(padded)).toEqual(storedReference(REFERENCE));
    expect(storedReference({ ...REFERENCE, user: { id: 'u'.repeat(1000), name: 'x' } })).toBeUndefined();
  });

  it.each<[string, Partial<ConversationReference>]>([
    ['without serviceUrl', { ...REFERENCE, serviceUrl: undefined }],
    ['with an empty serviceUrl', { ...REFERENCE, serviceUrl: '' }],
    ['without conversation', { ...REFERENCE, conversation: undefined }],
    [
      'without conversation.id',
      { ...REFERENCE, conversation: { isGroup: false, conversationType: 'personal', name: '' } as ConversationReference['conversation'] },
    ],
    ['without channelId', { ...REFERENCE, channelId: undefined }],
  ])('is undefined %s', (_case, reference) => {
    expect(storedReference(reference)).toBeUndefined();
  });
});

describe('FollowUpStore.userOf', () => {
  it.each<[{ channelId?: string; from?: { id?: string } }, string | null]>([
    [{ channelId: 'msteams', from: { id: '29:abc' } }, 'msteams/29:abc'],
    [{ channelId: 'emulator', from: { id: 'user-1' } }, 'emulator/user-1'],
    [{ from: { id: '29:abc' } }, null],
    [{ channelId: '', from: { id: '29:abc' } }, null],
    [{ channelId: 'msteams' }, null],
    [{ channelId: 'msteams', from: {} }, null],
    [{ channelId: 'msteams', from: { id: '' } }, null],
  ])('%j → %j', (activity, user) => {
    expect(FollowUpStore.userOf(activity)).toBe(user);
  });
});
