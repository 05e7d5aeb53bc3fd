import { MemoryStorage, type Storage } from 'botbuilder';
import type { Config } from '../config.js';
import { FileStorage } from './fileStorage.js';

/** The store for conversation state that the configuration names. */
export async function createStorage(config: Pick<Config, 'STATE_STORAGE' | 'STATE_DIR' | 'AZURE_STORAGE_CONNECTION_STRING' | 'STATE_CONTAINER'>): Promise<Storage> {
  switch (config.STATE_STORAGE) {
    case 'memory':
      return new MemoryStorage();
    case 'file':
      return new FileStorage(config.STATE_DIR);
    case 'blob': {
      // Loaded only when used: the Azure SDK adds a noticeable part to every start-up otherwise.
      const { BlobsStorage } = await import('botbuilder-azure-blobs');
      // The configuration check guarantees the connection string for this backend.
      return new BlobsStorage(config.AZURE_STORAGE_CONNECTION_STRING ?? '', config.STATE_CONTAINER);
    }
  }
}
