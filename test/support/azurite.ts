import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Ended, ManagedProcess, sleep } from './childProcess.js';

/** Azurite's blob service, as installed with the dev dependencies. */
export const AZURITE_BLOB_MAIN = fileURLToPath(new URL('../../node_modules/azurite/dist/src/blob/main.js', import.meta.url));

/** The emulator's one account and its published development key (not a secret). */
const ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
}

export interface AzuriteOptions {
  /**
   * `disk` (default): blobs and metadata in a fresh temp folder (`--location`).
   * `memory`: `--inMemoryPersistence`, nothing on disk (Azurite refuses it together with `--location`).
   */
  persistence?: 'disk' | 'memory';
  /** How long Azurite may take to accept connections. */
  startTimeoutMs?: number;
}

export interface Azurite {
  port: number;
  connectionString: string;
  /** The temp folder Azurite works in; removed by `stop()`. */
  location: string;
  pid: number | undefined;
  /** What Azurite wrote to stdout and stderr. */
  output(): string;
  /** Stops Azurite (SIGTERM, then SIGKILL) and removes its temp folder; safe to call twice. */
  stop(): Promise<Ended>;
}

/**
 * Starts Azurite's blob service on 127.0.0.1. It binds a port the operating system picks
 * (`--blobPort 0`, so there is no race for a port), reports it on stdout, and this helper waits
 * until that port accepts connections. A failure names the reason and shows Azurite's output.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const persistence = options.persistence ?? 'disk';
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  if (!existsSync(AZURITE_BLOB_MAIN))
    throw new Error(`Azurite is not installed: ${AZURITE_BLOB_MAIN} is missing (it is a dev dependency, azurite ~3.35)`);

  const location = mkdtempSync(join(tmpdir(), 'azurite-'));
  const where = persistence === 'disk' ? ['--location', location] : ['--inMemoryPersistence'];
  const args = [
    AZURITE_BLOB_MAIN,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    ...where,
    '--silent',
    '--disableTelemetry',
    '--skipApiVersionCheck',
  ];
  // In memory, Azurite still uses its working folder as the default location: keep that out of the repository.
  // Custom accounts from the developer's environment would replace devstoreaccount1.
  const env = { ...process.env };
  delete env.AZURITE_ACCOUNTS;
  const child = ManagedProcess.spawn(process.execPath, args, { cwd: location, env });

  const removeLocation = () => rmSync(location, { recursive: true, force: true });
  // Also when the test worker ends without calling stop().
  process.once('exit', removeLocation);
  let stopped: Promise<Ended> | undefined;
  const stop = () =>
    (stopped ??= child.stop().finally(() => {
      removeLocation();
      process.off('exit', removeLocation);
    }));

  try {
    const port = await child
      .waitForOutput(
        (output) => /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1],
        timeoutMs,
        `Azurite (${persistence}) did not start (no "successfully listens on" line)`,
      )
      .then(Number);
    await untilAcceptsConnections(port, timeoutMs);
    return { port, connectionString: azuriteConnectionString(port), location, pid: child.pid, output: () => child.output(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function untilAcceptsConnections(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    if (Date.now() > deadline) throw new Error(`Azurite reported port ${port} but does not accept connections there after ${timeoutMs} ms`);
    await sleep(25);
  }
}
