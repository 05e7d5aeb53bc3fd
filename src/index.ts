import { createApp } from './app.js';
import { isLoopbackHost, listenHost, loadConfig } from './config.js';
import { listenProblem } from './texts/operations.js';
import { isoDateIn } from './domain/dates.js';
import type { StoreResult } from './domain/programme.js';
import { createLogger } from './common/logger.js';
import { createStorage } from './storage/createStorage.js';
import { openPlaces } from './storage/gazetteerFile.js';
import { ProgrammeCatalogue, problemText } from './storage/programmeFile.js';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(`Förderlotse NRW startet nicht, die Konfiguration ist fehlerhaft:\n  ${loaded.problems.join('\n  ')}`);
  process.exit(1);
}
const { config } = loaded;
const logger = createLogger(config.LOG_LEVEL);

const opened = await ProgrammeCatalogue.open(config.PROGRAMMES_FILE);
if (!opened.ok) {
  console.error(`Förderlotse NRW startet nicht, die Programmdaten sind fehlerhaft:\n  ${opened.problems.map(problemText).join('\n  ')}`);
  process.exit(1);
}
const { catalogue } = opened;

// A changed programme file (or SIGHUP) is picked up without a restart; a broken one leaves the last good data in use.
const reported = (result: StoreResult) =>
  result.ok
    ? logger.info({ programmes: result.programmes.length }, 'programmes reloaded')
    : logger.error({ problems: result.problems.map(problemText) }, 'new programme data refused; the programmes in use stay');
const watcher = catalogue.watch(reported);
process.on('SIGHUP', () => void catalogue.reload().then(reported));

const openedPlaces = await openPlaces(config.MUNICIPALITIES_FILE);
if (!openedPlaces.ok) {
  console.error(`Förderlotse NRW startet nicht, das Gemeindeverzeichnis ist fehlerhaft:\n  ${openedPlaces.problems.join('\n  ')}`);
  process.exit(1);
}
const { places } = openedPlaces;

// FileStorage is for one process: a second bot on the same STATE_DIR stops here. Should another one
// take the folder over later (it was deleted meanwhile), this one stops and leaves it to the other.
const state = await createStorage(config, { logger, onLockLost: () => shutDown('state folder lost', 1) });
if (!state.ok) {
  console.error(`Förderlotse NRW startet nicht, der Speicher für den Gesprächszustand ist nicht verfügbar:\n  ${state.problem}`);
  process.exit(1);
}
const { storage, writable, close: closeStorage } = state;

const host = listenHost(config);
if (config.MicrosoftAppId === undefined) {
  if (isLoopbackHost(host)) {
    logger.warn(
      'MicrosoftAppId is not set: authentication is OFF (Emulator mode). Only requests from this ' +
        'machine are taken, and replies go only to addresses on this machine.',
    );
  } else {
    logger.warn(
      { host },
      'WARNING: MicrosoftAppId is not set, so authentication is OFF, and HOST opens the bot to ' +
        'the network: anyone who reaches this machine can talk to the bot. Never run it like this ' +
        'in production.',
    );
  }
}

const { server, notifier, demand, gate } = createApp({
  config,
  programmes: () => catalogue.programmes,
  places,
  storage,
  stateWritable: writable,
  logger,
  today: () => isoDateIn(new Date(), config.TIME_ZONE),
});
demand.start();
notifier.start(config.NOTIFY_INTERVAL_MINUTES * 60_000);

// A port in use or an address this machine does not have: said in German, naming the setting.
server.once('error', (error: NodeJS.ErrnoException) => {
  console.error(`Förderlotse NRW startet nicht: ${listenProblem(error, config.PORT, host)}`);
  void closeStorage().finally(() => process.exit(1));
});
server.listen(config.PORT, host, () => {
  // The port actually bound (PORT=0 picks a free one); 0.0.0.0 is reachable as localhost.
  const address = server.address();
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  // Emulator mode has the chat page for trying the bot in a browser.
  const chat = config.MicrosoftAppId === undefined ? { chat: `http://${shown}:${address.port}/chat` } : {};
  logger.info(
    {
      url: `http://${shown}:${address.port}/api/messages`,
      ...chat,
      programmes: catalogue.programmes.length,
      stateStorage: config.STATE_STORAGE,
    },
    'ready',
  );
});

/**
 * On SIGTERM (a deployment, a scale-in) or Ctrl+C: from that moment every new request is answered
 * 503 with Retry-After (the Bot Connector tries again, another instance takes it), idle
 * connections are closed, the turns in flight finish and save, then the demand records are
 * written and the process exits 0 — all within the 10 seconds hosts usually wait before SIGKILL.
 * Turns that hang past their share of that time are given up (exit 1), their records still written;
 * records that cannot be written make the exit code 1 as well.
 */
const TURNS_LIMIT_MS = 8000;
const givenUp = (ms: number) => new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref());
const HARD_LIMIT_MS = 9800;
let shuttingDown = false;
function shutDown(reason: string, exitCode = 0): void {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ reason, turnsInFlight: gate.turnsInFlight }, 'shutting down');
  watcher.close();
  setTimeout(() => {
    logger.error({ limitMs: HARD_LIMIT_MS }, 'shutdown did not finish; exiting');
    process.exit(1);
  }, HARD_LIMIT_MS).unref();
  const drained = gate.drain();
  // Stops listening and closes the kept-alive connections that wait for nothing.
  server.close();
  server.server.closeIdleConnections();
  void (async () => {
    // No new notification pass; the turns in flight and a send under way finish, within a limit.
    const finished = await Promise.race([Promise.all([drained, notifier.stop()]).then(() => true), givenUp(TURNS_LIMIT_MS)]);
    if (!finished)
      logger.error({ limitMs: TURNS_LIMIT_MS, turnsInFlight: gate.turnsInFlight }, 'turns in flight did not finish in time; exiting');
    // Then the demand records they made are written, and the STATE_DIR lock goes last.
    await demand.close();
    if (demand.unsaved > 0) logger.error({ events: demand.unsaved }, 'demand records could not be written before exit; they are lost');
    await closeStorage().catch((error: unknown) => logger.error({ err: error }, 'state storage not closed cleanly'));
    server.server.closeAllConnections();
    logger.info('stopped');
    process.exit(finished && demand.unsaved === 0 ? exitCode : 1);
  })();
}
process.on('SIGTERM', () => shutDown('SIGTERM'));
process.on('SIGINT', () => shutDown('SIGINT'));
