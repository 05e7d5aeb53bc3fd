import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { type AppDependencies, createApp } from '../../src/app.js';
import { ConfigSchema } from '../../src/config.js';
import { type Programme, validateProgrammes } from '../../src/domain/programme.js';
import type { Logger } from '../../src/common/logger.js';
import { type ListableStorage, ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { FakeConnector } from './fakeConnector.js';
import type { PlaceIndex } from '../../src/domain/places.js';
import { openPlaces } from '../../src/storage/gazetteerFile.js';

export const FIXTURE_FILE = 'test/fixtures/programmes.json';
/** The fixed "today" of every test that depends on deadlines. */
export const TODAY = '2026-11-26';

export function fixtureProgrammes(): Programme[] {
  const result = validateProgrammes(JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')), FIXTURE_FILE);
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.problems)}`);
  return result.programmes;
}

export interface RecordingLogger extends Logger {
  entries: { level: string; fields: unknown; message?: string }[];
}

export function recordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  const record = (level: string) => (fields: unknown, message?: string) => void entries.push({ level, fields, message });
  return { entries, info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug') } as RecordingLogger;
}

let placesRead: Promise<PlaceIndex> | undefined;
/** The official directory of NRW municipalities, as the bot reads it; read once per test file. */
export function realPlaces(): Promise<PlaceIndex> {
  placesRead ??= openPlaces().then((opened) => {
    if (!opened.ok) throw new Error(`gazetteer invalid: ${opened.problems.join('; ')}`);
    return opened.places;
  });
  return placesRead;
}

/** The real app (restify, CloudAdapter, dialogs) on an ephemeral loopback port. */
export async function startTestBot(
  options: {
    env?: Record<string, string>;
    programmes?: () => readonly Programme[];
    storage?: ListableStorage;
    floodLimit?: { burst: number; perSecond: number };
    today?: () => string;
    credentials?: AppDependencies['credentials'];
    stateWritable?: AppDependencies['stateWritable'];
    /** How long one reply may take before the turn gives it up. */
    sendTimeoutMs?: number;
    /** Limits and clock of the chat page's conversations. */
    localChat?: AppDependencies['localChat'];
  } = {},
) {
  const config = ConfigSchema.parse(options.env ?? {});
  const fixture = fixtureProgrammes();
  const programmes = options.programmes ?? (() => fixture);
  const logger = recordingLogger();
  const { server, notifier, demand } = createApp({
    config,
    programmes,
    places: await realPlaces(),
    storage: options.storage ?? new ListableMemoryStorage(),
    logger,
    today: options.today ?? (() => TODAY),
    // Retries wait milliseconds instead of seconds, so that throttling tests stay fast.
    sendRetry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: options.sendTimeoutMs ?? 10_000 },
    floodLimit: options.floodLimit,
    credentials: options.credentials,
    stateWritable: options.stateWritable,
    localChat: options.localChat,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    logger,
    notifier,
    demand,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TestBot = Awaited<ReturnType<typeof startTestBot>>;

/** Runs the real bot and a fake connector around the tests of the calling file or suite. */
export function useBotWithConnector(): { bot: TestBot; connector: FakeConnector } {
  const running = {} as { bot: TestBot; connector: FakeConnector };
  beforeAll(async () => {
    running.connector = await FakeConnector.start();
    running.bot = await startTestBot();
  });
  afterAll(async () => {
    await running.bot.close();
    await running.connector.close();
  });
  return running;
}
