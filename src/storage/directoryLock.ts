import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Logger } from '../common/logger.js';
import { errorCode, readTextIfPresent } from './files.js';

/** The lock's file in the folder it guards. */
export const LOCK_FILE = 'bot.lock';

const HolderSchema = z.object({
  owner: z.string(),
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
  heartbeatAt: z.string(),
});
export type LockHolder = z.infer<typeof HolderSchema>;

export interface LockOptions {
  /** How often the holder renews its heartbeat (and makes the lock again if the folder was deleted). */
  heartbeatMs?: number;
  /** A heartbeat older than this means the holder is gone, whatever else the lock says. */
  staleAfterMs?: number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Called once when another process has taken the lock over: this one must stop writing. */
  onLost?: () => void;
}

export type Acquired =
  | { ok: true; lock: DirectoryLock }
  | { ok: false; problem: 'held'; holder: LockHolder | undefined }
  | { ok: false; problem: 'failed'; error: unknown };

const DEFAULT_HEARTBEAT_MS = 5000;
const DEFAULT_STALE_AFTER_MS = 30_000;
/** Rounds of "create, else judge the lock found" before giving up; each round ends with someone's lock gone. */
const ACQUIRE_ROUNDS = 10;

/** Whether a process with this id runs on this host (one of another user counts: it exists). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

type Found = { kind: 'absent' } | { kind: 'holder'; holder: LockHolder } | { kind: 'unreadable'; modifiedMs: number };
type Verdict = 'held' | 'stale' | 'watch';

/**
 * One process at a time in a folder: the bot process that holds this lock is the only writer of
 * FileStorage's files (two processes lose each other's updates). The lock names its holder and is
 * renewed by a heartbeat. A lock is stale, and taken over, when its heartbeat is older than
 * `staleAfterMs`, or at once when its process is gone from this host (a restart after kill -9).
 * Where the process id proves nothing (another host; the same id as ours, as in a restarted
 * container, where the new process often gets the dead one's id) the heartbeat is watched: if it
 * moves, the holder lives; if it grows old, the lock is taken over.
 */
export class DirectoryLock {
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> = Promise.resolve();
  private lost = false;

  private constructor(
    private readonly file: string,
    private readonly holder: LockHolder,
    private readonly heartbeatMs: number,
    private readonly logger: Pick<Logger, 'info' | 'warn' | 'error'> | undefined,
    private readonly onLost: () => void,
  ) {}

  static async acquire(directory: string, options: LockOptions = {}): Promise<Acquired> {
    const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    const file = join(directory, LOCK_FILE);
    const now = new Date().toISOString();
    const holder: LockHolder = { owner: randomUUID(), pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now };
    try {
      await mkdir(directory, { recursive: true });
      for (let round = 1; round <= ACQUIRE_ROUNDS; round += 1) {
        if (await create(file, holder)) {
          await removeLeftovers(directory);
          const lock = new DirectoryLock(file, holder, heartbeatMs, options.logger, options.onLost ?? (() => undefined));
          lock.start();
          return { ok: true, lock };
        }
        const found = await readLock(file);
        if (found.kind === 'absent') continue;
        const verdict = await judge(file, found, { heartbeatMs, staleAfterMs }, options.logger);
        if (verdict === 'held') return { ok: false, problem: 'held', holder: found.kind === 'holder' ? found.holder : undefined };
        await takeOver(file, found, options.logger);
      }
      const found = await readLock(file);
      return { ok: false, problem: 'held', holder: found.kind === 'holder' ? found.holder : undefined };
    } catch (error) {
      return { ok: false, problem: 'failed', error };
    }
  }

  /** False once another process has taken the lock over (this one stood still for longer than the stale limit). */
  get held(): boolean {
    return !this.lost;
  }

  /** Stops the heartbeat and removes the lock, if it is still this process's. */
  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
    const found = await readLock(this.file);
    if (found.kind === 'holder' && found.holder.owner === this.holder.owner) await rm(this.file, { force: true });
  }

  /** Renews the heartbeat now rather than at the next beat, e.g. when the folder was just made again. */
  renewNow(): Promise<void> {
    this.renewing = this.renewing
      .then(() => this.renew())
      .catch((error: unknown) =>
        this.logger?.error({ err: error, path: this.file }, 'could not renew the state folder lock; trying again'),
      );
    return this.renewing;
  }

  private start(): void {
    this.timer = setInterval(() => void this.renewNow(), this.heartbeatMs);
    // The lock never keeps the process alive; a process that ends without release leaves a lock that goes stale.
    this.timer.unref();
  }

  /** Writes a new heartbeat; makes the lock again when the folder was deleted. */
  private async renew(): Promise<void> {
    if (this.lost) return;
    const found = await readLock(this.file);
    const renewed = { ...this.holder, heartbeatAt: new Date().toISOString() };
    if (found.kind === 'absent') {
      await mkdir(dirname(this.file), { recursive: true });
      if (await create(this.file, renewed)) {
        this.logger?.warn({ path: this.file }, 'state folder lock was gone (folder deleted?); made again');
        return;
      }
    } else if (found.kind === 'holder' && found.holder.owner === this.holder.owner) {
      const temporary = `${this.file}.${randomUUID()}.lock-tmp`;
      try {
        await writeFile(temporary, JSON.stringify(renewed));
        await rename(temporary, this.file);
      } catch (error) {
        // A full disk: no empty temp file left for every beat.
        await rm(temporary, { force: true });
        throw error;
      }
      return;
    }
    this.lost = true;
    clearInterval(this.timer);
    this.logger?.error(
      { path: this.file, holder: found.kind === 'holder' ? found.holder : undefined },
      'another process has taken over the state folder; this one no longer holds it',
    );
    this.onLost();
  }
}

/** Renewals and take-overs a killed process left half done. */
async function removeLeftovers(directory: string): Promise<void> {
  for (const name of await readdir(directory)) {
    if (name.startsWith(`${LOCK_FILE}.`)) await rm(join(directory, name), { force: true });
  }
}

/** Creates the lock file, unless there is one: only one of processes creating it at once succeeds. */
async function create(file: string, holder: LockHolder): Promise<boolean> {
  try {
    await writeFile(file, JSON.stringify(holder), { flag: 'wx' });
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

async function readLock(file: string): Promise<Found> {
  const text = await readTextIfPresent(file);
  if (text === undefined) return { kind: 'absent' };
  const parsed = HolderSchema.safeParse(safeJson(text));
  if (parsed.success) return { kind: 'holder', holder: parsed.data };
  // Empty for the moment between another process creating it and writing it, or damaged.
  const modifiedMs = await stat(file).then(
    (stats) => stats.mtimeMs,
    (error: unknown) => {
      if (errorCode(error) === 'ENOENT') return Date.now();
      throw error;
    },
  );
  return { kind: 'unreadable', modifiedMs };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the schema check that follows says "unreadable".
    return undefined;
  }
}

async function judge(
  file: string,
  found: Exclude<Found, { kind: 'absent' }>,
  limits: { heartbeatMs: number; staleAfterMs: number },
  logger: Pick<Logger, 'info'> | undefined,
): Promise<Verdict> {
  const first = verdictOf(found, limits.staleAfterMs);
  if (first !== 'watch') return first;
  logger?.info(
    { path: file, holder: found.kind === 'holder' ? found.holder : undefined, waitMs: limits.staleAfterMs },
    'state folder lock found; watching whether its holder is alive',
  );
  // Watch the heartbeat until it moves (the holder lives) or stands still as long as a stale one
  // would (it is gone; this also ends the wait for a heartbeat dated in the future by a wrong clock).
  for (const deadline = Date.now() + limits.staleAfterMs; Date.now() < deadline;) {
    await sleep(Math.min(limits.heartbeatMs / 2, 1000));
    const now = await readLock(file);
    if (now.kind === 'absent') return 'stale';
    const verdict = verdictOf(now, limits.staleAfterMs);
    if (verdict !== 'watch') return verdict;
    const moved =
      now.kind !== found.kind || (now.kind === 'holder' && found.kind === 'holder' && now.holder.heartbeatAt !== found.holder.heartbeatAt);
    if (moved) return 'held';
  }
  return 'stale';
}

function verdictOf(found: Exclude<Found, { kind: 'absent' }>, staleAfterMs: number): Verdict {
  if (found.kind === 'unreadable') return Date.now() - found.modifiedMs >= staleAfterMs ? 'stale' : 'watch';
  const { holder } = found;
  const age = Date.now() - Date.parse(holder.heartbeatAt);
  if (!(age < staleAfterMs)) return 'stale';
  if (holder.host !== hostname() || holder.pid === process.pid) return 'watch';
  return isAlive(holder.pid) ? 'held' : 'stale';
}

/**
 * Moves the stale lock out of the way. Two processes may judge the same lock stale: the one whose
 * rename comes second may have moved the first one's new lock instead, and puts it back.
 */
async function takeOver(file: string, stale: Exclude<Found, { kind: 'absent' }>, logger: Pick<Logger, 'warn'> | undefined): Promise<void> {
  const moved = `${file}.${randomUUID()}.stale`;
  try {
    await rename(file, moved);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const found = await readLock(moved);
  const same =
    found.kind === 'holder' && stale.kind === 'holder'
      ? found.holder.owner === stale.holder.owner && found.holder.heartbeatAt === stale.holder.heartbeatAt
      : found.kind === stale.kind;
  if (!same) {
    const content = await readFile(moved, 'utf8');
    // Back only if nobody has made a lock meanwhile; either way there is one holder again.
    await writeFile(file, content, { flag: 'wx' }).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
  } else {
    logger?.warn(
      { path: file, holder: stale.kind === 'holder' ? stale.holder : undefined },
      'state folder lock was stale (its process is gone); taken over',
    );
  }
  await rm(moved, { force: true });
}
