import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { dayNumber } from '../domain/dates.js';
import type { Logger } from '../common/logger.js';
import type { ListableStorage } from './listableStorage.js';

/** The longest range `read` accepts, in days (ten years and then some). */
export const MAX_READ_DAYS = 3660;

const DEFAULT_FLUSH_INTERVAL_MS = 5000;
/** Keys per storage.read call: Blob Storage fetches them one request each, so not all at once. */
const READ_BATCH = 50;
const DAY_MS = 86_400_000;

/**
 * Name and instance id become parts of storage keys. FileStorage hashes any key, Blob Storage
 * URI-encodes it but collapses empty segments and dislikes names ending in a dot: letters, digits
 * and single separators between them suit both.
 */
const KEY_PART = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
const KEY_PART_MAX = 64;

const IsoDaySchema = z.iso.date();
const ChunkSchema = z.object({ events: z.array(z.unknown()) });

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

/** Events of one day waiting to be stored, under the chunk key they keep until a write of them succeeds. */
interface Batch<E> {
  key: string;
  events: E[];
}

function checkKeyPart(what: string, value: string): void {
  if (value.length > KEY_PART_MAX || !KEY_PART.test(value)) {
    throw new Error(
      `EventLog: ${what} "${value}" must be letters and digits, optionally joined by single ".", "-" or "_" (at most ${KEY_PART_MAX} characters)`,
    );
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
 * An append-only log over the state storage, which cannot append. Events wait in memory and are
 * stored by `flush` (every few seconds once started): the events of one day go into a new chunk
 * document `<name>/<day>/<instanceId>-<run>-<n>` that no one else writes. Reading lists the chunk
 * keys under `<name>/`, so instances never share a document and none can overwrite another's.
 * (Earlier versions also kept a day index `<name>/<day>`; their chunks are read all the same.)
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
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly storage: ListableStorage,
    options: EventLogOptions<T>,
  ) {
    checkKeyPart('name', options.name);
    checkKeyPart('instanceId', options.instanceId);
    this.name = options.name;
    this.schema = options.schema;
    this.instanceId = options.instanceId;
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    const logger = options.logger;
    this.warn =
      logger === undefined ? (details, message) => console.warn(message, details) : (details, message) => logger.warn(details, message);
  }

  /** Keeps the event for the next flush; never waits for the storage, so a turn is not slowed down. */
  record(event: T & { date: string }): void {
    const parsed = this.schema.safeParse(event);
    if (!parsed.success) {
      // A bug in the caller; the turn goes on, the statistics lose one event.
      this.warn(
        { log: this.name, issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
        'event log: event does not match the schema and is dropped',
      );
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
  }

  /**
   * The valid events dated from `fromDay` to `toDay` (ISO days, both included), in day order.
   * `skipped` counts what was stored but cannot be used: events that fail the schema or are dated
   * on another day than their chunk, and chunk documents that are malformed or unreadable (one each).
   */
  async read(fromDay: string, toDay: string): Promise<{ events: T[]; skipped: number }> {
    const days = new Set(daysFrom(fromDay, toDay));
    // One listing for the whole range: chunk keys sort by day, and the days are read from them.
    const prefix = `${this.name}/`;
    const chunks = (await this.storage.keys(prefix)).flatMap((key) => {
      const day = key.slice(prefix.length, prefix.length + 10);
      const isChunk = key.length > prefix.length + 11 && key[prefix.length + 10] === '/';
      return isChunk && days.has(day) ? [{ key, day }] : [];
    });

    let skipped = 0;
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

  private async flushOnce(): Promise<void> {
    // Events recorded from here on wait for the next flush.
    for (const event of this.buffer.splice(0)) {
      let batch = this.pending.get(event.date);
      if (batch === undefined) {
        this.sequence += 1;
        batch = { key: `${this.name}/${event.date}/${this.instanceId}-${this.run}-${this.sequence}`, events: [] };
        this.pending.set(event.date, batch);
      }
      batch.events.push(event);
    }

    for (const [day, batch] of [...this.pending]) {
      try {
        // The key is this instance's alone: no eTag, no contention. Rewriting it after a failure keeps it whole.
        await this.storage.write({ [batch.key]: { events: [...batch.events] } });
        this.pending.delete(day);
      } catch (error) {
        this.warn(
          { err: error, log: this.name, day, events: batch.events.length },
          'event log: storing failed; the events stay buffered for the next flush',
        );
      }
    }
  }
}
