import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';

/**
 * A state storage that also names the keys it holds under a prefix. The Bot Framework's Storage
 * cannot list, so without this every list of documents would be one more shared document changed
 * by read-modify-write, which loses entries when instances write it at the same moment.
 */
export interface ListableStorage extends Storage {
  /** The keys of the stored items that begin with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
}

// A symbol is left out of JSON and out of BotState's change hash: the mark is never stored.
const UNREADABLE = Symbol('the stored item could not be read and was set aside');

/** What a storage gives for an item it could not read: empty, so that the reader starts afresh, and marked, so that it can say so. */
export const unreadableItem = (): StoreItems[string] => ({ [UNREADABLE]: true });

/** Whether the item stands for one the storage could not read; readers of documents take it as absent. */
export const isUnreadable = (item: unknown): boolean => typeof item === 'object' && item !== null && UNREADABLE in item;

/** MemoryStorage that lists its keys, for tests and trying the bot out. */
export class ListableMemoryStorage extends MemoryStorage implements ListableStorage {
  async keys(prefix: string): Promise<string[]> {
    // MemoryStorage deletes by setting the entry to undefined.
    return Object.keys(this.memory)
      .filter((key) => this.memory[key] !== undefined && key.startsWith(prefix))
      .sort();
  }
}
