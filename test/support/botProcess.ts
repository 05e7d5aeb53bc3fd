import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { daysBetween, isoDateIn } from '../../src/domain/dates.js';
import { type Ended, ManagedProcess, freePort, waitForHttp } from './childProcess.js';
import { FIXTURE_FILE, TODAY } from './testBot.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One pino line from the bot's stdout. */
export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const PINO_WARN = 40;

export interface BotProcess {
  url: string;
  pid: number | undefined;
  /** stdout and stderr so far. */
  output(): string;
  /** The JSON log lines on stdout so far. */
  log(): LogEntry[];
  /** Resolves when the process ends by itself (or is stopped). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; safe to call twice. */
  stop(graceMs?: number): Promise<Ended>;
}

/**
 * Every setting the bot reads, with the value these tests want. All of them are set (blank where
 * "not set" is meant), so that neither the developer's environment nor a `.env` file in the
 * project folder changes what the bot process does.
 */
function botEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOST: '127.0.0.1',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
    PROGRAMMES_FILE: FIXTURE_FILE,
    RESULTS_PER_PAGE: '5',
    TIME_ZONE: 'Europe/Berlin',
    STATE_STORAGE: 'memory',
    STATE_DIR: '.state',
    AZURE_STORAGE_CONNECTION_STRING: '',
    STATE_CONTAINER: 'foerderlotse-state',
    LOG_LEVEL: 'warn',
    ...settings,
  };
}

/**
 * Starts the real entry point (`src/index.ts` through tsx's loader, in one node process, so that
 * a signal reaches the bot itself) on a free loopback port and waits until `GET /healthz` answers.
 * A port lost to another process between choosing and binding is tried again with a new one.
 */
export async function startBotProcess(settings: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<BotProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = ManagedProcess.spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: REPO_ROOT,
      env: botEnvironment({ ...settings, PORT: String(port) }),
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(
        `${url}/healthz`,
        child,
        options.readyTimeoutMs ?? 20_000,
        `bot process (${settings.STATE_STORAGE ?? 'memory'} storage) did not become ready`,
      );
    } catch (error) {
      await child.stop(1000);
      if (attempt < 3 && child.output().includes('EADDRINUSE')) continue;
      throw error;
    }
    return {
      url,
      pid: child.pid,
      exited: child.exited,
      output: () => child.output(),
      log: () => parseLog(child.output()),
      stop: (graceMs = 3000) => child.stop(graceMs),
    };
  }
}

function parseLog(output: string): LogEntry[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const entry = JSON.parse(line) as LogEntry;
      return typeof entry.level === 'number' ? [entry] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The bot process takes "today" from the clock, not from the tests. This writes the fixture
 * programmes into `directory` with every deadline moved by as many days as the clock is past the
 * fixture's TODAY, so that what is open, closed or near stays as the fixture means it on any date.
 */
export function fixtureProgrammesForToday(directory: string): string {
  const shift = daysBetween(TODAY, isoDateIn(new Date(), 'Europe/Berlin'));
  const store = JSON.parse(readFileSync(join(REPO_ROOT, FIXTURE_FILE), 'utf8')) as { programmes: { deadline: { date?: string } }[] };
  for (const { deadline } of store.programmes) {
    if (deadline.date !== undefined) deadline.date = addDays(deadline.date, shift);
  }
  const file = join(directory, 'programmes.json');
  writeFileSync(file, JSON.stringify(store, null, 2));
  return file;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
