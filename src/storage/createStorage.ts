import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../common/logger.js';
import { storageTexts } from '../texts/operations.js';
import { DirectoryLock } from './directoryLock.js';
import { FileStorage } from './fileStorage.js';
import { type ListableStorage, ListableMemoryStorage } from './listableStorage.js';

export type StorageSettings = Pick<Config, 'STATE_STORAGE' | 'STATE_DIR' | 'AZURE_STORAGE_CONNECTION_STRING' | 'STATE_CONTAINER'>;

/** The state storage as the process uses it. */
export interface StateStorage {
  storage: ListableStorage;
  /** Whether a write reaches the storage now; probed at most every few seconds, checks meanwhile share the answer. */
  writable(): Promise<boolean>;
  /** Gives up what the process holds: the lock on STATE_DIR. */
  close(): Promise<void>;
}

export type OpenedStorage = ({ ok: true } & StateStorage) | { ok: false; problem: string };

export interface StorageOptions {
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /**
   * `bot` (default): the one process that writes STATE_DIR; it takes the folder's lock and tidies
   * it. `reader`: the command line beside the running bot; it takes no lock and changes nothing.
   */
  role?: 'bot' | 'reader';
  /** Called when another process took the STATE_DIR lock over (role `bot`): this one must stop. */
  onLockLost?: () => void;
  /** How long a probe's answer is reused, in milliseconds; shorter in tests. */
  probeCacheMs?: number;
}

const PROBE_CACHE_MS = 2000;
/** A probe that has not answered by then counts as "not writable" (Azure retries for much longer). */
const PROBE_TIMEOUT_MS = 5000;
const PROBE_KEY = 'health/probe';

/** The store for conversation state that the configuration names. */
export async function createStorage(config: StorageSettings, options: StorageOptions = {}): Promise<OpenedStorage> {
  const { logger } = options;
  const probeCacheMs = options.probeCacheMs ?? PROBE_CACHE_MS;
  switch (config.STATE_STORAGE) {
    case 'memory':
      return { ok: true, storage: new ListableMemoryStorage(), writable: async () => true, close: async () => undefined };
    case 'blob': {
      // Loaded only when used: the Azure SDK adds a noticeable part to every start-up otherwise.
      const { ListableBlobsStorage } = await import('./blobStorage.js');
      // The configuration check guarantees the connection string for this backend.
      const storage = new ListableBlobsStorage(config.AZURE_STORAGE_CONNECTION_STRING ?? '', config.STATE_CONTAINER);
      return { ok: true, storage, writable: sharedProbe(() => probe(storage, logger), probeCacheMs), close: async () => undefined };
    }
    case 'file': {
      const directory = resolve(config.STATE_DIR);
      if (options.role === 'reader') {
        const storage = new FileStorage(directory, { logger, owner: false });
        // Only the bot moves them into place; read as they are, they would be missing from the answer.
        let older: number;
        try {
          older = await storage.olderLayoutFiles();
        } catch (error) {
          return { ok: false, problem: storageTexts.cannotRead(directory, describe(error)) };
        }
        if (older > 0) return { ok: false, problem: storageTexts.olderLayout(directory, older) };
        // A reader writes nothing, not even a probe: it does not claim the folder takes writes.
        return { ok: true, storage, writable: async () => false, close: async () => undefined };
      }
      const acquired = await DirectoryLock.acquire(directory, {
        logger,
        ...(options.onLockLost === undefined ? {} : { onLost: options.onLockLost }),
      });
      if (!acquired.ok) {
        return {
          ok: false,
          problem:
            acquired.problem === 'held'
              ? storageTexts.locked(directory, acquired.holder)
              : storageTexts.cannotOpen(directory, describe(acquired.error)),
        };
      }
      const { lock } = acquired;
      // The lock goes with a deleted folder: it is made again as soon as the folder is.
      const storage = new FileStorage(directory, { logger, owner: true, onFolderMade: () => void lock.renewNow() });
      try {
        await storage.tidy();
      } catch (error) {
        await lock.release();
        return { ok: false, problem: storageTexts.cannotOpen(directory, describe(error)) };
      }
      const writable = sharedProbe(async () => lock.held && (await probe(storage, logger)), probeCacheMs);
      return { ok: true, storage, writable, close: () => lock.release() };
    }
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Writes a small item, as a turn would; a deleted STATE_DIR is made again on the way. */
async function probe(storage: ListableStorage, logger: StorageOptions['logger']): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    const written = storage.write({ [PROBE_KEY]: { checkedAt: new Date().toISOString(), eTag: '*' } });
    await Promise.race([storage instanceof FileStorage ? written.then(() => storage.probeFolders()) : written, timeout]);
    return true;
  } catch (error) {
    logger?.error({ err: error }, 'state storage cannot be written');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `check` at most once per `cacheMs`: callers meanwhile, also while it runs, get its answer,
 * so that a flood of health checks does not flood the disk or Azure.
 */
export function sharedProbe(check: () => Promise<boolean>, cacheMs: number, now: () => number = Date.now): () => Promise<boolean> {
  let last: { startedAt: number; answer: Promise<boolean> } | undefined;
  return () => {
    if (last === undefined || now() - last.startedAt >= cacheMs) last = { startedAt: now(), answer: check() };
    return last.answer;
  };
}
