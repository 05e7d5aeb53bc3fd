import type { StoreItems } from 'botbuilder';
import { describe, expect, it, vi } from 'vitest';
import { type DemandEvent, DemandEventSchema } from '../../src/domain/demand.js';
import { EventLog, MAX_READ_DAYS } from '../../src/storage/eventLog.js';
import { type ListableStorage, ListableMemoryStorage, unreadableItem } from '../../src/storage/listableStorage.js';
import { localStorageBackends } from '../support/storageBackends.js';

const CHUNK_KEY = /^demand\/\d{4}-\d{2}-\d{2}\/[A-Za-z0-9._-]+$/;

/** A search event whose openHits serves as its serial number, so that each one can be told apart. */
const search = (serial: number, date = '2026-03-02'): DemandEvent => ({
  kind: 'search',
  date,
  needs: ['sprache'],
  targetGroups: [],
  sizeClass: null,
  openHits: serial,
});
const serials = (events: readonly DemandEvent[]) =>
  events.map((event) => (event.kind === 'search' ? event.openHits : -1)).sort((a, b) => a - b);
const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

const quietLogger = () => ({ warn: vi.fn() });
const demandLog = (storage: ListableStorage, instanceId: string, logger = quietLogger()) =>
  new EventLog(storage, { name: 'demand', schema: DemandEventSchema, instanceId, logger });

const backends = localStorageBackends('event-log-');

/** Passes everything on, except the writes the test asks to fail: before they reach the store, or after it has them. */
class FlakyStorage implements ListableStorage {
  readonly failures: { key: RegExp; after: boolean }[] = [];
  readonly written: string[] = [];
  /** Keys read as the storage reads an item it could not read. */
  readonly unreadable = new Set<string>();
  constructor(private readonly inner: ListableStorage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    for (const key of keys) if (this.unreadable.has(key)) items[key] = unreadableItem();
    return items;
  }

  keys(prefix: string): Promise<string[]> {
    return this.inner.keys(prefix);
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    const failure = this.failures.findIndex((candidate) => keys.some((key) => candidate.key.test(key)));
    if (failure === -1) {
      await this.inner.write(changes);
      this.written.push(...keys);
      return;
    }
    const [planned] = this.failures.splice(failure, 1);
    if (planned?.after) await this.inner.write(changes);
    throw new Error('storage unreachable (test)');
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

describe.each(backends)('EventLog on %s', (_name, open) => {
  it('stores nothing on record, everything on flush, and reads it back in day order', async () => {
    const storage = open();
    const log = demandLog(storage, 'bot-1');
    log.record(search(2, '2026-03-03'));
    log.record(search(1, '2026-03-02'));
    log.record(search(3, '2026-03-03'));
    expect(await log.read('2026-03-01', '2026-03-31')).toEqual({ events: [], skipped: 0 });
    expect(log.unsaved).toBe(3);

    await log.flush();

    expect(log.unsaved).toBe(0);
    expect(await demandLog(storage, 'report').read('2026-03-01', '2026-03-31')).toEqual({
      events: [search(1, '2026-03-02'), search(2, '2026-03-03'), search(3, '2026-03-03')],
      skipped: 0,
    });
  });

  it('writes one chunk per day under its own key, and nothing else', async () => {
    const storage = new FlakyStorage(open());
    const log = demandLog(storage, 'bot-1');
    log.record(search(1, '2026-03-02'));
    log.record(search(2, '2026-03-02'));
    log.record(search(3, '2026-03-04'));
    await log.flush();

    expect(storage.written).toEqual([
      expect.stringMatching(/^demand\/2026-03-02\/bot-1-[0-9a-f]{8}-1$/),
      expect.stringMatching(/^demand\/2026-03-04\/bot-1-[0-9a-f]{8}-2$/),
    ]);
    expect(await storage.read([storage.written[0] ?? ''])).toMatchObject({
      [storage.written[0] ?? '']: { events: [search(1), search(2)] },
    });
  });

  it('loses and doubles nothing when two instances flush into the same days at the same time', async () => {
    const storage = open();
    const [one, two] = [demandLog(storage, 'bot-1'), demandLog(storage, 'bot-2')];
    const rounds = 12;
    for (let round = 0; round < rounds; round += 1) {
      for (const [offset, log] of [one, two].entries()) {
        for (let event = 0; event < 4; event += 1) {
          const serial = round * 100 + offset * 10 + event;
          log.record(search(serial, event % 2 === 0 ? '2026-03-02' : '2026-03-03'));
        }
      }
      await Promise.all([one.flush(), two.flush()]);
    }
    await Promise.all([one.close(), two.close()]);

    const { events, skipped } = await demandLog(storage, 'report').read('2026-03-02', '2026-03-03');
    const expected = range(0, rounds).flatMap((round) => [0, 1].flatMap((offset) => range(round * 100 + offset * 10, 4)));
    expect(serials(events)).toEqual(expected.sort((a, b) => a - b));
    expect(skipped).toBe(0);
  });

  it('reads only the days in the range, both ends included', async () => {
    const storage = open();
    const log = demandLog(storage, 'bot-1');
    for (const [serial, date] of ['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'].entries())
      log.record(search(serial, date));
    await log.flush();

    expect(serials((await log.read('2026-03-01', '2026-03-03')).events)).toEqual([1, 2, 3]);
    expect(serials((await log.read('2026-03-04', '2026-03-04')).events)).toEqual([4]);
    expect((await log.read('2026-03-05', '2026-04-30')).events).toEqual([]);
  });

  it('skips stored events that fail the schema, and chunks that are malformed or unreadable, and counts them', async () => {
    const storage = new FlakyStorage(open());
    await storage.write({
      // A day index of an earlier version: its chunks are found without it.
      'demand/2026-03-02': { chunks: ['demand/2026-03-02/old-1', 'demand/2026-03-02/gone-1'] },
      'demand/2026-03-02/old-1': {
        events: [search(1), { ...search(2), openHits: -1 }, { kind: 'search', date: '2026-03-02' }, search(3, '2026-03-09'), search(4)],
      },
      'demand/2026-03-02/broken-1': { rows: [] },
      'demand/2026-03-03/unreadable-1': { events: [search(5, '2026-03-03')] },
      'demand/2026-03-09/later-1': { events: [search(6, '2026-03-09')] },
      'demandx/2026-03-02/other-1': { events: [search(7)] },
    });
    storage.unreadable.add('demand/2026-03-03/unreadable-1');

    const { events, skipped } = await demandLog(storage, 'report').read('2026-03-01', '2026-03-05');

    expect(serials(events)).toEqual([1, 4]);
    // Three events (invalid, incomplete, dated on another day), a malformed and an unreadable chunk.
    expect(skipped).toBe(5);
  });

  it('stores what is left on close', async () => {
    const storage = open();
    const log = demandLog(storage, 'bot-1');
    log.start();
    log.record(search(1));
    log.record(search(2));
    await log.close();

    expect(serials((await demandLog(storage, 'report').read('2026-03-02', '2026-03-02')).events)).toEqual([1, 2]);
  });
});

describe('EventLog when the storage fails', () => {
  it('keeps the events after a failed chunk write, warns, and stores them with the next flush', async () => {
    const storage = new FlakyStorage(new ListableMemoryStorage());
    storage.failures.push({ key: CHUNK_KEY, after: false });
    const logger = quietLogger();
    const log = demandLog(storage, 'bot-1', logger);
    log.record(search(1));
    log.record(search(2));

    await log.flush();
    expect(log.unsaved).toBe(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ log: 'demand', day: '2026-03-02', events: 2 }),
      expect.stringContaining('stay buffered'),
    );
    expect((await log.read('2026-03-02', '2026-03-02')).events).toEqual([]);

    log.record(search(3));
    await log.flush();
    expect(log.unsaved).toBe(0);
    expect(serials((await log.read('2026-03-02', '2026-03-02')).events)).toEqual([1, 2, 3]);
  });

  it('does not store events twice when a write reached the store but reported failure', async () => {
    const storage = new FlakyStorage(new ListableMemoryStorage());
    const log = demandLog(storage, 'bot-1');
    log.record(search(1));
    await log.flush();

    storage.failures.push({ key: CHUNK_KEY, after: true });
    log.record(search(2));
    await log.flush();
    expect(log.unsaved).toBe(1);
    log.record(search(3));
    await log.flush();

    expect(log.unsaved).toBe(0);
    expect(serials((await log.read('2026-03-02', '2026-03-02')).events)).toEqual([1, 2, 3]);
  });

  it('keeps each event once when flush is called again while one is running', async () => {
    const storage = new FlakyStorage(new ListableMemoryStorage());
    storage.failures.push({ key: CHUNK_KEY, after: false });
    const log = demandLog(storage, 'bot-1');
    log.record(search(1));
    const first = log.flush();
    log.record(search(2));
    const second = log.flush();
    log.record(search(3));
    await Promise.all([first, second, log.flush()]);

    expect(log.unsaved).toBe(0);
    expect(serials((await log.read('2026-03-02', '2026-03-02')).events)).toEqual([1, 2, 3]);
  });
});

describe('EventLog with overlapping flushes', () => {
  it('loses nothing recorded while a slow chunk write of the previous flush is still on its way', async () => {
    const inner = new ListableMemoryStorage();
    let chunkWrites = 0;
    // The first chunk write takes longer than the ones after it, so that it would land last.
    const storage: ListableStorage = {
      read: (keys) => inner.read(keys),
      keys: (prefix) => inner.keys(prefix),
      delete: (keys) => inner.delete(keys),
      async write(changes) {
        if (Object.keys(changes).some((key) => CHUNK_KEY.test(key))) {
          chunkWrites += 1;
          await new Promise((resolve) => setTimeout(resolve, chunkWrites === 1 ? 30 : 1));
        }
        await inner.write(changes);
      },
    };
    const log = demandLog(storage, 'bot-1');
    log.record(search(1));
    const first = log.flush();
    log.record(search(2));
    const second = log.flush();
    await Promise.all([first, second]);

    expect(log.unsaved).toBe(0);
    expect(serials((await log.read('2026-03-02', '2026-03-02')).events)).toEqual([1, 2]);
  });
});

describe('EventLog between instances', () => {
  it('loses nothing when two instances store the first events of a day at the very same moment', async () => {
    const inner = new ListableMemoryStorage();
    // Every write that creates something (no eTag) waits until the other instance's is on its way too.
    const held: (() => void)[] = [];
    const storage: ListableStorage = {
      read: (keys) => inner.read(keys),
      keys: (prefix) => inner.keys(prefix),
      delete: (keys) => inner.delete(keys),
      async write(changes) {
        if (Object.values(changes).some((item) => (item as { eTag?: string }).eTag === undefined)) {
          await new Promise<void>((resolve) => {
            held.push(resolve);
            if (held.length === 2) for (const release of held.splice(0)) release();
          });
        }
        await inner.write(changes);
      },
    };
    const [one, two] = [demandLog(storage, 'bot-1'), demandLog(storage, 'bot-2')];
    one.record(search(1));
    two.record(search(2));

    await Promise.all([one.flush(), two.flush()]);

    expect(serials((await demandLog(inner, 'report').read('2026-03-02', '2026-03-02')).events)).toEqual([1, 2]);
  });

  it('flushes by itself once started, without keeping the process alive', async () => {
    const storage = new ListableMemoryStorage();
    const log = new EventLog(storage, {
      name: 'demand',
      schema: DemandEventSchema,
      instanceId: 'bot-1',
      flushIntervalMs: 10,
      logger: quietLogger(),
    });
    log.start();
    log.record(search(1));

    await vi.waitFor(async () => expect((await log.read('2026-03-02', '2026-03-02')).events).toEqual([search(1)]), {
      timeout: 2000,
      interval: 10,
    });
    await log.close();
  });
});

describe('EventLog guards', () => {
  it('drops an event that does not match the schema, with a warning', async () => {
    const logger = quietLogger();
    const log = demandLog(new ListableMemoryStorage(), 'bot-1', logger);
    log.record({ ...search(1), date: '2026/03/02' });
    expect(log.unsaved).toBe(0);
    expect(logger.warn).toHaveBeenCalledOnce();
  });

  it.each([
    ['a name with a slash', { name: 'demand/x', instanceId: 'bot-1' }],
    ['an empty instance id', { name: 'demand', instanceId: '' }],
    ['an instance id ending in a dot', { name: 'demand', instanceId: 'bot.' }],
    ['an instance id with a space', { name: 'demand', instanceId: 'bot 1' }],
  ])('refuses %s as part of a key', (_case, ids) => {
    expect(() => new EventLog(new ListableMemoryStorage(), { ...ids, schema: DemandEventSchema })).toThrow(/^EventLog: /);
  });

  it.each([
    ['2026-03-02', '2026-03-01', /ends before it starts/],
    ['2026-02-30', '2026-03-01', /not a date/],
    // One day more than the longest range.
    ['2016-01-01', '2026-01-08', /spans 3661 days, more than 3660/],
  ])('refuses to read from %s to %s', async (from, to, problem) => {
    await expect(demandLog(new ListableMemoryStorage(), 'report').read(from, to)).rejects.toThrow(problem);
  });

  it(`reads a range of exactly ${MAX_READ_DAYS} days: one listing, and only the chunks in the range, in batches`, async () => {
    const inner = new ListableMemoryStorage();
    const batchSizes: number[] = [];
    let listings = 0;
    const storage: ListableStorage = {
      read: (keys) => (batchSizes.push(keys.length), inner.read(keys)),
      keys: (prefix) => ((listings += 1), inner.keys(prefix)),
      write: (changes) => inner.write(changes),
      delete: (keys) => inner.delete(keys),
    };
    const log = demandLog(storage, 'bot-1');
    const first = Date.parse('2016-01-02');
    // 120 days in the range with one chunk each, and the day before it.
    for (let day = 0; day < 120; day += 1) log.record(search(day, new Date(first + day * 30 * 86_400_000).toISOString().slice(0, 10)));
    log.record(search(999, '2016-01-01'));
    await log.flush();

    const { events } = await log.read('2016-01-02', '2026-01-08');

    expect(serials(events)).toEqual(range(0, 120));
    expect(listings).toBe(1);
    expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(120);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(50);
  });
});
