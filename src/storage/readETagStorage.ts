import type { Storage, StoreItems } from 'botbuilder';

// A symbol is left out of JSON: it is neither stored nor part of BotState's change detection.
const READ_WITH = Symbol('eTag the item was read with');

type Item = Record<string, unknown> & { eTag?: string; [READ_WITH]?: string };

/** The state store failed (disk full, Azure unreachable), as opposed to a conflict between turns. */
export class StorageUnavailable extends Error {
  constructor(cause: unknown) {
    super('the state storage failed', { cause });
  }
}

/** The error every Bot Framework storage (memory, file, Azure Blob) throws when a write's eTag is outdated. */
export const isETagConflict = (error: unknown): boolean => error instanceof Error && /etag conflict/i.test(error.message);

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw isETagConflict(error) ? error : new StorageUnavailable(error);
  }
}

/**
 * BotState saves with eTag '*', which overwrites whatever is stored (botbuilder-js#705). This
 * storage remembers the eTag each item was read with and saves with that one instead, so that a
 * turn based on state another instance has changed meanwhile fails with an eTag conflict rather
 * than overwriting the other turn's answer. The first save of a new conversation has no eTag yet.
 * Other failures of the store come out as StorageUnavailable, so that the turn can say so.
 */
export class ReadETagStorage implements Storage {
  constructor(private readonly inner: Storage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await guarded(() => this.inner.read(keys));
    for (const item of Object.values(items) as Item[]) {
      if (typeof item?.eTag === 'string') item[READ_WITH] = item.eTag;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const withReadETags: StoreItems = {};
    for (const [key, change] of Object.entries(changes) as [string, Item][]) {
      withReadETags[key] = change[READ_WITH] === undefined ? change : { ...change, eTag: change[READ_WITH] };
    }
    await guarded(() => this.inner.write(withReadETags));
    // Saved: a second save in the same turn builds on this one, not on the state read before it.
    for (const change of Object.values(changes) as Item[]) delete change[READ_WITH];
  }

  delete(keys: string[]): Promise<void> {
    return guarded(() => this.inner.delete(keys));
  }
}
