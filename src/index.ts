import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { isoDateIn } from './domain/dates.js';
import type { StoreResult } from './domain/programme.js';
import { createLogger } from './logger.js';
import { createStorage } from './storage/createStorage.js';
import { ProgrammeCatalogue, problemText } from './store/programmeFile.js';

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
    ? logger.info({ programmes: result.programmes.length }, 'Programmdaten neu geladen')
    : logger.error({ problems: result.problems.map(problemText) }, 'Neue Programmdaten fehlerhaft; die bisherigen bleiben in Gebrauch');
const watcher = catalogue.watch(reported);
process.on('SIGHUP', () => void catalogue.reload().then(reported));

// FileStorage is for one process: a second bot on the same STATE_DIR stops here.
const state = await createStorage(config, { logger });
if (!state.ok) {
  console.error(`Förderlotse NRW startet nicht, der Speicher für den Gesprächszustand ist nicht verfügbar:\n  ${state.problem}`);
  process.exit(1);
}
const { storage, writable, close: closeStorage } = state;

if (config.MicrosoftAppId === undefined) {
  logger.warn('MicrosoftAppId ist nicht gesetzt: Die Anmeldung ist AUS, jeder Client kann mit dem Bot sprechen (Emulator-Modus). So niemals produktiv betreiben.');
}

const { server, notifier, demand } = createApp({
  config,
  programmes: () => catalogue.programmes,
  storage,
  stateWritable: writable,
  logger,
  today: () => isoDateIn(new Date(), config.TIME_ZONE),
});
demand.start();
notifier.start(config.NOTIFY_INTERVAL_MINUTES * 60_000);

server.listen(config.PORT, config.HOST, () => {
  // The port actually bound (PORT=0 picks a free one); 0.0.0.0 is reachable as localhost.
  const address = server.address();
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  logger.info({ url: `http://${host}:${address.port}/api/messages`, programmes: catalogue.programmes.length, stateStorage: config.STATE_STORAGE }, 'Förderlotse NRW ist bereit');
});

/**
 * On SIGTERM (a deployment, a scale-in) or Ctrl+C: accept nothing new, let the turns in flight
 * finish (each saves its state before it answers), then exit 0. Exit 1 if that takes too long.
 */
const SHUTDOWN_LIMIT_MS = 9000;
let shuttingDown = false;
function shutDown(signal: NodeJS.Signals): void {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'Förderlotse NRW fährt herunter');
  watcher.close();
  setTimeout(() => {
    logger.error({ limitMs: SHUTDOWN_LIMIT_MS }, 'Laufende Anfragen nicht rechtzeitig beendet; Prozess wird beendet');
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS).unref();
  // No new notification pass; the turns in flight finish, then the demand records they made are written.
  const notifying = notifier.stop();
  // The STATE_DIR lock goes last, after the demand records are written; one left behind goes stale anyway.
  server.close(() => void Promise.allSettled([notifying, demand.close()]).then(() => Promise.allSettled([closeStorage()])).then(() => process.exit(0)));
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);

