import { readFileSync } from 'node:fs';
import { createApp } from '../../src/app.js';
import { ConfigSchema } from '../../src/config.js';
import { validateProgrammes } from '../../src/domain/programme.js';
import type { Logger } from '../../src/common/logger.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { ListableMemoryStorage } from '../../src/storage/listableStorage.js';

/**
 * The Förderlotse as the HTTP measurement runs it: the real app from createApp (restify,
 * CloudAdapter, dialogs, state) with the test fixture programmes, on loopback, logging nothing;
 * state in memory, or with `STATE_DIR` set in files there as the default `file` storage keeps it.
 * Started as its own process from dist/bench/targets/, like the echo bot.
 */
const FIXTURE_FILE = process.env.PROGRAMMES_FILE ?? 'test/fixtures/programmes.json';
/** The fixed "today" of the tests, so that the fixture's deadlines fall the same way. */
const TODAY = '2026-11-26';

const loaded = validateProgrammes(JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')), FIXTURE_FILE);
if (!loaded.ok) throw new Error(`programmes invalid: ${JSON.stringify(loaded.problems.slice(0, 3))}`);
const programmes = loaded.programmes;

// Nothing is logged; errors are counted and reported to the measurement on request.
let errors = 0;
const ignore = () => undefined;
const logger = { info: ignore, warn: ignore, debug: ignore, error: () => void (errors += 1) } as unknown as Logger;

const config = ConfigSchema.parse({ STATE_STORAGE: 'memory', LOG_LEVEL: 'silent' });
// The load's users type faster than people; the flood limit would slow them down on purpose.
const floodLimit = { burst: 1_000_000, perSecond: 1_000_000 };
const { server, demand } = createApp({
  config,
  programmes: () => programmes,
  storage: process.env.STATE_DIR === undefined ? new ListableMemoryStorage() : new FileStorage(process.env.STATE_DIR, { logger }),
  logger,
  today: () => TODAY,
  floodLimit,
});
// As the entry point does: the demand records are written every few seconds instead of piling up.
demand.start();
server.listen(Number(process.env.PORT ?? 3980), process.env.HOST ?? '127.0.0.1');

process.on('message', (message) => {
  if (message === 'errors') process.send?.({ errors });
  // A normal exit, so that a CPU profile (--cpu-prof) is written.
  if (message === 'exit') process.exit(0);
});
