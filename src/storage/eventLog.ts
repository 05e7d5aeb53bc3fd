import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Storage } from 'botbuilder';
import { z } from 'zod';
import { dayNumber } from '../domain/dates.js';
import type { Logger } from '../logger.js';
import { isETagConflict } from './readETagStorage.js';

/** The longest range `read` accepts, in days (ten years and then some). */
export const MAX_READ_DAYS = 3660;

const DEFAULT_FLUSH_INTERVAL_MS = 5000;
/** Keys per storage.read call: Blob Storage fetches them one request each, so not all at once. */
const READ_BATCH = 50;
/** Appends to one day's index that may lose against other instances before a flush gives up. */
const APPEND_ATTEMPTS = 12;
const DAY_MS = 86_400_000;

/**
 * Name and instance id become parts of storage keys. FileStorage hashes any key, Blob Storage
 * URI-encodes it but collapses empty segments and dislikes names ending in a dot: letters, digits
 * and single separators between them suit both.
 */
const KEY_PART = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
const KEY_PART_MAX = 64;

const IsoDaySchema = z.iso.date();
const IndexSchema = z.object({ chunks: z.array(z.string()) });
const ChunkSchema = z.object({ events: z.array(z.unknown()) });

type StoredItem = Record<string, unknown> & { eTag?: string };
type Registration = 'present' | 'appended' | 'created';
type Warn = (details: Record<string, unknown>, message: string) => void;

export interface EventLogOptions<T> {
  /** First part of every key, e.g. "demand". */
  name: string;
  /** Checks each event when recorded and when read back. */
  schema: z.ZodType<T & { date: string }>;
  /** Tells this process's chunks apart from other instances' ones. */
  instanceId: string;
  flushIntervalMs?: number;
  logger?: Pick<Logger, 'warn'>;
}

/** Events of one day waiting to be stored, under the chunk key they keep until the index lists it. */
interface Batch<E> {
  key: string;
  events: E[];
  /** The chunk document holds all `events` (it may already be listed, if an append only seemed to fail). */
  written: boolean;
}


function checkKeyPart(what: string, value: string): void {
  if (value.length > KEY_PART_MAX || !KEY_PART.test(value)) {
    throw new Error(`EventLog: ${what} "${value}" must be letters and digits, optionally joined by single ".", "-" or "_" (at most ${KEY_PART_MAX} characters)`);
  }
}

/** Every ISO day from `from` to `to`, both included. */
function daysFrom(from: string, to: string): string[] {
  for (const day of [from, to]) {
    if (!IsoDaySchema.safeParse(day).success) throw new RangeError(`EventLog: "${day}" is not a date (YYYY-MM-DD)`);
  }
  const count = dayNumber(to) - dayNumber(from) + 1;
  if (count < 1) throw new RangeError(`EventLog: the range ${from} to ${to} ends before it starts`);
  if (count > MAX_READ_DAYS) throw new RangeError(`EventLog: the range ${from} to ${to} spans ${count} days, more than ${MAX_READ_DAYS}`);
  const first = dayNumber(from);
  return Array.from({ length: count }, (_, offset) => new Date((first + offset) * DAY_MS).toISOString().slice(0, 10));
}

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/**
 * An append-only log over the Bot Framework Storage, which can neither list keys nor append.
 * Events wait in memory and are stored by `flush` (every few seconds once started): the events of
 * one day go into a new chunk document `<name>/<day>/<instanceId>-<run>-<n>` that no one else
 * writes, and its key is appended to the day's index `<name>/<day>` with the eTag it was read
 * with, so that instances appending at the same moment retry instead of overwriting each other.
 */
export class EventLog<T> {
  private readonly name: string;
  private readonly schema: z.ZodType<T & { date: string }>;
  private readonly instanceId: string;
  private readonly flushIntervalMs: number;
  private readonly warn: Warn;
  /** Chunk keys stay unique when a restarted process reuses its instance id. */
  private readonly run = randomUUID().slice(0, 8);
  private sequence = 0;
  private buffer: (T & { date: string })[] = [];
  private readonly pending = new Map<string, Batch<T & { date: string }>>();
  /** Chunks whose index this instance created, by chunk key: checked again on the next flush. */
  private readonly unconfirmed = new Map<string, string>();
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: Storage,
    options: EventLogOptions<T>,
  ) {
    checkKeyPart('name', options.name);
    checkKeyPart('instanceId', options.instanceId);
    this.name = options.name;
    this.schema = options.schema;
    this.instanceId = options.instanceId;
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    const logger = options.logger;
    this.warn = logger === undefined ? (details, message) => console.warn(message, details) : (details, message) => logger.warn(details, message);
  }

  /** Keeps the event for the next flush; never waits for the storage, so a turn is not slowed down. */
  record(event: T & { date: string }): void {
    const parsed = this.schema.safeParse(event);
    if (!parsed.success) {
      // A bug in the caller; the turn goes on, the statistics lose one event.
      this.warn({ log: this.name, issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) }, 'event log: event does not match the schema and is dropped');
      return;
    }
    this.buffer.push(parsed.data);
  }

  /** Events recorded but not yet stored (buffered, or kept after a failed flush). */
  get unsaved(): number {
    let count = this.buffer.length;
    for (const batch of this.pending.values()) count += batch.events.length;
    return count;
  }

  /** Stores what was recorded. Never rejects: on failure the events stay for the next flush and a warning is logged. */
  flush(): Promise<void> {
    // One flush at a time, so that no event is taken by two of them.
    const next = this.flushing.then(() => this.flushOnce());
    this.flushing = next;
    return next;
  }

  /** Flushes every flushIntervalMs; the timer does not keep the process alive. */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
  }

  /** Stops the timer and stores what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    // An index created just now is checked once more, as the next flush would have done.
    if (this.unconfirmed.size > 0) await this.flush();
  }

  /**
   * The valid events dated from `fromDay` to `toDay` (ISO days, both included), in day order.
   * `skipped` counts what was stored but cannot be used: events that fail the schema, and chunk or
   * index documents that are missing or malformed (one each).
   */
  async read(fromDay: string, toDay: string): Promise<{ events: T[]; skipped: number }> {
    const days = daysFrom(fromDay, toDay);
    let skipped = 0;

    const chunks: { key: string; day: string }[] = [];
    for (const batch of batchesOf(days, READ_BATCH)) {
      const items = await this.storage.read(batch.map((day) => this.indexKey(day)));
      for (const day of batch) {
        const item = items[this.indexKey(day)];
        if (item === undefined) continue;
        const index = IndexSchema.safeParse(item);
        if (!index.success) {
          skipped += 1;
          continue;
        }
        for (const key of new Set(index.data.chunks)) {
          if (key.startsWith(`${this.indexKey(day)}/`)) chunks.push({ key, day });
          else skipped += 1;
        }
      }
    }

    const events: T[] = [];
    for (const batch of batchesOf(chunks, READ_BATCH)) {
      const items = await this.storage.read(batch.map((chunk) => chunk.key));
      for (const { key, day } of batch) {
        const chunk = ChunkSchema.safeParse(items[key]);
        if (!chunk.success) {
          skipped += 1;
          continue;
        }
        for (const candidate of chunk.data.events) {
          const event = this.schema.safeParse(candidate);
          if (event.success && event.data.date === day) events.push(event.data);
          else skipped += 1;
        }
      }
    }
    return { events, skipped };
  }

  private indexKey(day: string): string {
    return `${this.name}/${day}`;
  }

  private async flushOnce(): Promise<void> {
    // Indexes created by the previous flush: a rival creating the same index meanwhile may have replaced them.
    for (const [key, day] of [...this.unconfirmed]) {
      try {
        if ((await this.register(day, key)) !== 'created') this.unconfirmed.delete(key);
      } catch (error) {
        this.warn({ err: error, log: this.name, day }, 'event log: could not check the index; trying again on the next flush');
      }
    }

    // Events recorded from here on wait for the next flush.
    for (const event of this.buffer.splice(0)) {
      let batch = this.pending.get(event.date);
      if (batch === undefined) {
        this.sequence += 1;
        batch = { key: `${this.indexKey(event.date)}/${this.instanceId}-${this.run}-${this.sequence}`, events: [], written: false };
        this.pending.set(event.date, batch);
      }
      batch.events.push(event);
      batch.written = false;
    }

    for (const [day, batch] of [...this.pending]) {
      try {
        if (!batch.written) {
          // The key is this instance's alone: no eTag, no contention. Rewriting it after a failure keeps it whole.
          await this.storage.write({ [batch.key]: { events: [...batch.events] } });
          batch.written = true;
        }
        if ((await this.register(day, batch.key)) === 'created') this.unconfirmed.set(batch.key, day);
        this.pending.delete(day);
      } catch (error) {
        this.warn({ err: error, log: this.name, day, events: batch.events.length }, 'event log: storing failed; the events stay buffered for the next flush');
      }
    }
  }

  /** Makes sure the day's index lists the chunk; appending again is harmless, so a retry never lists it twice. */
  private async register(day: string, chunkKey: string): Promise<Registration> {
    const indexKey = this.indexKey(day);
    for (let attempt = 1; ; attempt += 1) {
      const stored = (await this.storage.read([indexKey]))[indexKey] as StoredItem | undefined;
      if (stored === undefined) {
        // The Storage interface has no "create unless it exists": two instances creating the same
        // index at once may each replace the other's; the next flush finds out and appends again.
        await this.storage.write({ [indexKey]: { chunks: [chunkKey] } });
        return 'created';
      }
      const index = IndexSchema.safeParse(stored);
      if (!index.success) throw new Error(`EventLog: the index "${indexKey}" is malformed; it is left as it is`);
      if (index.data.chunks.includes(chunkKey)) return 'present';
      try {
        await this.storage.write({ [indexKey]: { chunks: [...index.data.chunks, chunkKey], eTag: stored.eTag } });
        return 'appended';
      } catch (error) {
        if (!isETagConflict(error) || attempt >= APPEND_ATTEMPTS) throw error;
        // Spread out, so that the instances that lost do not collide again right away.
        await sleep(Math.round(Math.random() * 20 * attempt));
      }
    }
  }
}
