import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { type ListableStorage, ListableMemoryStorage } from '../../src/storage/listableStorage.js';

/**
 * The local state backends as `describe.each` rows: MemoryStorage and FileStorage in a fresh temp
 * directory per call, removed after the calling file's tests.
 */
export function localStorageBackends(prefix: string): [string, () => ListableStorage][] {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });
  return [
    ['MemoryStorage', () => new ListableMemoryStorage()],
    [
      'FileStorage',
      () => {
        const directory = mkdtempSync(join(tmpdir(), prefix));
        directories.push(directory);
        return new FileStorage(directory);
      },
    ],
  ];
}
