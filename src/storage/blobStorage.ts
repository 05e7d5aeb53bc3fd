import { ContainerClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { ListableStorage } from './listableStorage.js';
import { httpStatusOf } from '../common/httpStatus.js';

/**
 * The start every blob name has whose key begins with `prefix`, formed as BlobsStorage forms names
 * (its sanitizeBlobKey): empty segments after the first are dropped, then the whole is URI-encoded.
 */
export function blobNamePrefix(prefix: string): string {
  const [first = '', ...rest] = prefix.split('/');
  const last = rest.pop();
  if (last === undefined) return encodeURIComponent(first);
  return encodeURIComponent([first, ...rest.filter((segment) => segment !== ''), last].join('/'));
}

/** The key a blob name stands for; undefined for a name no key makes (cut off at 1,024 characters in an escape). */
export function keyOfBlobName(name: string): string | undefined {
  try {
    return decodeURIComponent(name);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

/**
 * Azure Blob Storage as the Bot Framework uses it, able to list: the same container, listed
 * through its own client, and the blob names decoded back to keys. A key comes back as
 * BlobsStorage stored it, without empty segments ("a//b/" is listed as "a/b"); reading that key
 * reads the same blob.
 */
export class ListableBlobsStorage extends BlobsStorage implements ListableStorage {
  private readonly container: ContainerClient;

  constructor(connectionString: string, containerName: string) {
    super(connectionString, containerName);
    this.container = new ContainerClient(connectionString, containerName);
  }

  async keys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat({ prefix: blobNamePrefix(prefix) })) {
        const key = keyOfBlobName(blob.name);
        if (key !== undefined && key.startsWith(prefix)) keys.push(key);
      }
    } catch (error) {
      // BlobsStorage makes the container on its first read or write: before that, there is nothing.
      if (httpStatusOf(error) === 404) return [];
      throw error;
    }
    return keys.sort();
  }
}
