import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type DirectoryLock, LOCK_FILE, type LockHolder } from '../../src/storage/directoryLock.js';
import { DirectoryLock as Lock } from '../../src/storage/directoryLock.js';
import { recordingLogger } from '../support/testBot.js';

/** Fast heartbeats, so that watching and going stale take well under a second. */
const FAST = { heartbeatMs: 50, staleAfterMs: 600 };

const directories: string[] = [];
const locks: DirectoryLock[] = [];
const freshDirectory = () => {
  const directory = mkdtempSync(join(tmpdir(), 'directory-lock-'));
  directories.push(directory);
  return directory;
};
afterAll(async () => {
  for (const lock of locks) await lock.release();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

async function acquired(directory: string, options = FAST): Promise<DirectoryLock> {
  const result = await Lock.acquire(directory, { ...options, logger: recordingLogger() });
  if (!result.ok) throw new Error(`not acquired: ${JSON.stringify(result)}`);
  locks.push(result.lock);
  return result.lock;
}

const holderIn = (directory: string) => JSON.parse(readFileSync(join(directory, LOCK_FILE), 'utf8')) as LockHolder;

/** A lock file as another process would have left it. */
function leftLock(directory: string, holder: Partial<LockHolder>): LockHolder {
  const now = new Date().toISOString();
  const full = { owner: 'other-process', pid: 999_999, host: hostname(), startedAt: now, heartbeatAt: now, ...holder };
  writeFileSync(join(directory, LOCK_FILE), JSON.stringify(full));
  return full;
}

/** The id of a process that has just ended on this host. */
function deadPid(): number {
  const ended = spawnSync(process.execPath, ['-e', '']);
  if (ended.pid === undefined) throw new Error('no child process');
  return ended.pid;
}

describe('DirectoryLock', () => {
  it('is taken in an empty folder, names this process, and is removed on release', async () => {
    const directory = freshDirectory();
    const lock = await acquired(directory);

    expect(holderIn(directory)).toMatchObject({ pid: process.pid, host: hostname() });
    expect(lock.held).toBe(true);
    await lock.release();
    expect(existsSync(join(directory, LOCK_FILE))).toBe(false);
  });

  it('renews its heartbeat while held', async () => {
    const directory = freshDirectory();
    await acquired(directory);
    const first = holderIn(directory).heartbeatAt;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Date.parse(holderIn(directory).heartbeatAt)).toBeGreaterThan(Date.parse(first));
  });

  it('is refused at once while a live process of this host holds it with a fresh heartbeat', async () => {
    const directory = freshDirectory();
    // The test runner's parent process: alive, and not this process.
    const holder = leftLock(directory, { pid: process.ppid });
    const started = Date.now();

    expect(await Lock.acquire(directory, FAST)).toEqual({ ok: false, problem: 'held', holder });
    expect(Date.now() - started).toBeLessThan(FAST.staleAfterMs);
  });

  it('is taken over at once when its process is gone from this host (a restart after kill -9)', async () => {
    const directory = freshDirectory();
    leftLock(directory, { pid: deadPid() });
    const started = Date.now();

    await acquired(directory);

    expect(Date.now() - started).toBeLessThan(FAST.staleAfterMs);
    expect(holderIn(directory).pid).toBe(process.pid);
  });

  it('is taken over when its heartbeat is old, even though a process with its id lives (the id was given again)', async () => {
    const directory = freshDirectory();
    leftLock(directory, { pid: process.ppid, heartbeatAt: new Date(Date.now() - 60_000).toISOString() });

    await acquired(directory);
    expect(holderIn(directory).pid).toBe(process.pid);
  });

  it.each([
    ['on another host', () => ({ host: 'other-host' })],
    ['with the id of this process, as a restarted container often has', () => ({ pid: process.pid })],
  ])('is taken over %s once its heartbeat stands still until stale', async (_case, holder) => {
    const directory = freshDirectory();
    leftLock(directory, holder());
    const started = Date.now();

    await acquired(directory);

    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.staleAfterMs - 50);
    expect(holderIn(directory).owner).not.toBe('other-process');
  });

  it('is refused when its holder on another host keeps its heartbeat going', async () => {
    const directory = freshDirectory();
    leftLock(directory, { host: 'other-host' });
    const beat = setInterval(() => leftLock(directory, { host: 'other-host' }), FAST.heartbeatMs);
    try {
      expect(await Lock.acquire(directory, FAST)).toMatchObject({ ok: false, problem: 'held', holder: { host: 'other-host' } });
    } finally {
      clearInterval(beat);
    }
  });

  it('takes over, after watching as long as a stale lock takes, a lock whose heartbeat a wrong clock dated in the future', async () => {
    const directory = freshDirectory();
    leftLock(directory, { host: 'other-host', heartbeatAt: new Date(Date.now() + 3_600_000).toISOString() });
    const logger = recordingLogger();
    const result = await Lock.acquire(directory, { ...FAST, logger });
    expect(result.ok).toBe(true);
    if (result.ok) locks.push(result.lock);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'info', message: expect.stringContaining('watching whether its holder is alive') }),
    );
  });

  it('is refused to a second taker in the same process, whose heartbeat it sees move', async () => {
    const directory = freshDirectory();
    await acquired(directory);
    expect(await Lock.acquire(directory, FAST)).toMatchObject({ ok: false, problem: 'held', holder: { pid: process.pid } });
  });

  it('lets exactly one of several processes starting at once take it', async () => {
    const directory = freshDirectory();
    // Each process waits for a line on stdin before it tries, so that all try at the same moment; all stay until the end.
    const script = `import('${new URL('../../src/storage/directoryLock.ts', import.meta.url).pathname}').then(({ DirectoryLock }) => {
      process.stdout.write('ready\\n');
      process.stdin.once('data', async () => {
        const result = await DirectoryLock.acquire(process.argv[1], { heartbeatMs: 50, staleAfterMs: 5000 });
        process.stdout.write((result.ok ? 'acquired' : result.problem) + '\\n');
      });
    })`;
    const children = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '-e', script, directory], { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    const lines = children.map((child) => {
      const seen: string[] = [];
      child.stdout.on('data', (chunk: Buffer) =>
        seen.push(
          ...chunk
            .toString()
            .split('\n')
            .filter((line) => line !== ''),
        ),
      );
      return (count: number) =>
        vi.waitFor(() => (seen.length >= count ? seen : Promise.reject(new Error('waiting'))), { timeout: 15_000, interval: 20 });
    });
    try {
      await Promise.all(lines.map((line) => line(1)));
      for (const child of children) child.stdin.write('go\n');
      const outcomes = await Promise.all(lines.map(async (line) => (await line(2))[1]));
      expect(outcomes.sort()).toEqual(['acquired', 'held', 'held', 'held']);
    } finally {
      for (const child of children) child.kill('SIGKILL');
    }
  }, 20_000);

  it('is made again by the next heartbeat when the folder was deleted', async () => {
    const directory = freshDirectory();
    await acquired(directory);
    rmSync(directory, { recursive: true });

    for (const deadline = Date.now() + 2000; !existsSync(join(directory, LOCK_FILE)) && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(holderIn(directory).pid).toBe(process.pid);
  });

  it('says it is no longer held once another process has taken it over, and leaves that one’s lock on release', async () => {
    const directory = freshDirectory();
    let lost = 0;
    const result = await Lock.acquire(directory, { ...FAST, logger: recordingLogger(), onLost: () => (lost += 1) });
    if (!result.ok) throw new Error('not acquired');
    const lock = result.lock;
    locks.push(lock);
    const other = leftLock(directory, { pid: process.ppid });

    for (const deadline = Date.now() + 2000; lock.held && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lock.held).toBe(false);
    // The process is told once, so that it stops writing the folder.
    await new Promise((resolve) => setTimeout(resolve, 3 * FAST.heartbeatMs));
    expect(lost).toBe(1);
    await lock.release();
    expect(holderIn(directory)).toEqual(other);
  });

  it('judges an unreadable lock by its age: refused while young, taken over when old', async () => {
    const directory = freshDirectory();
    const file = join(directory, LOCK_FILE);
    writeFileSync(file, '');
    const started = Date.now();
    await acquired(directory);
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.staleAfterMs - 50);

    const second = freshDirectory();
    writeFileSync(join(second, LOCK_FILE), '{"pid":');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(second, LOCK_FILE), old, old);
    await acquired(second);
    expect(holderIn(second).pid).toBe(process.pid);
  });

  it('removes what a killed renewal or take-over left beside the lock', async () => {
    const directory = freshDirectory();
    writeFileSync(join(directory, `${LOCK_FILE}.1234.lock-tmp`), '{}');
    writeFileSync(join(directory, `${LOCK_FILE}.5678.stale`), '{}');
    writeFileSync(join(directory, 'keep.json'), '{}');

    await acquired(directory);

    expect(readdirSync(directory).sort()).toEqual([LOCK_FILE, 'keep.json']);
  });

  it('reports a folder it cannot make as a failure, not as held', async () => {
    const parent = freshDirectory();
    writeFileSync(join(parent, 'file'), 'kein Ordner');
    expect(await Lock.acquire(join(parent, 'file', 'state'), FAST)).toMatchObject({
      ok: false,
      problem: 'failed',
      error: expect.objectContaining({ code: 'ENOTDIR' }),
    });
  });
});
