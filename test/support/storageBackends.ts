import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll } from 'vitest';
import { FileStorage } from '../../src/storage/fileStorage.js';

/**
 * The local state backends as `describe.each` rows: MemoryStorage and FileStorage in a fresh temp
 * directory per call, removed after the calling file's tests.
 */
export function localStorageBackends(prefix: string): [string, () => Storage][] {
  const directories: string[] = [];
  afterAll(() => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });
  return [
    ['MemoryStorage', () => new MemoryStorage()],
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
