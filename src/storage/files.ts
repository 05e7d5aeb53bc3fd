import { type BigIntStats, constants } from 'node:fs';
import { open, readFile } from 'node:fs/promises';

/** The code of a failed file system call ("ENOENT", "EEXIST", …). */
export const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

/** A file's text, or undefined when there is no such file (or its folder is gone). */
export async function readTextIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** What tells one version of a file from the next without reading it: rename keeps it, any write changes it. */
export interface FileVersion {
  ino: number;
  size: number;
  mtimeNs: bigint;
}

export const versionOf = (stats: BigIntStats): FileVersion => ({
  ino: Number(stats.ino),
  size: Number(stats.size),
  mtimeNs: stats.mtimeNs,
});

export const sameVersion = (a: FileVersion, b: FileVersion) => a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;

export type FileRead = { kind: 'absent' } | { kind: 'text'; text: string; version: FileVersion } | { kind: 'unreadable'; reason: string };

/** Not followed (a link could lead anywhere), and never waited for (a FIFO would block the read). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a file the process wrote itself, and only such a file: a link, a folder, a FIFO or device,
 * a file it may not read or one larger than `maxBytes` is "unreadable" with the reason, never
 * followed, waited for or loaded whole. A file or folder that is gone is "absent".
 */
export async function readOwnFile(file: string, maxBytes: number): Promise<FileRead> {
  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    switch (errorCode(error)) {
      case 'ENOENT':
        return { kind: 'absent' };
      case 'ELOOP':
        return { kind: 'unreadable', reason: 'a symbolic link' };
      case 'EACCES':
      case 'EPERM':
        return { kind: 'unreadable', reason: 'not readable (permission)' };
      case 'EISDIR':
        return { kind: 'unreadable', reason: 'a folder' };
      default:
        throw error;
    }
  }
  try {
    const stats = await handle.stat({ bigint: true });
    if (stats.isDirectory()) return { kind: 'unreadable', reason: 'a folder' };
    if (!stats.isFile()) return { kind: 'unreadable', reason: 'not a regular file' };
    if (stats.size > maxBytes) return { kind: 'unreadable', reason: `larger than ${maxBytes} bytes` };
    return { kind: 'text', text: await handle.readFile('utf8'), version: versionOf(stats) };
  } catch (error) {
    if (errorCode(error) === 'EISDIR') return { kind: 'unreadable', reason: 'a folder' };
    throw error;
  } finally {
    await handle.close();
  }
}
