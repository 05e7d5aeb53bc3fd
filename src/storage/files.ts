import { readFile } from 'node:fs/promises';

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
