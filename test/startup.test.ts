import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ManagedProcess, freePort } from './support/childProcess.js';

/** Every setting .env.example names: the test's own environment must not set them for the bot. */
const SETTINGS = new Set(
  readFileSync('.env.example', 'utf8')
    .split('\n')
    .flatMap((line) => /^([A-Za-z_]+)=/.exec(line)?.[1] ?? []),
);

const run = promisify(execFile);

async function start(env: Record<string, string>) {
  try {
    await run(join('node_modules', '.bin', 'tsx'), ['src/index.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATE_STORAGE: 'memory', ...env },
      timeout: 15_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe('start-up refuses bad input', () => {
  it('stops on an invalid programme store, naming file, entry and field', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'startup-')), 'programmes.json');
    writeFileSync(
      file,
      JSON.stringify({
        programmes: [
          {
            id: 'kim',
            title: 'KIM',
            summary: 'x',
            funder: 'Land',
            level: 'land',
            needs: ['personal'],
            targetGroups: [],
            applicants: ['kreis'],
            fundingType: 'zuschuss',
            deadline: { kind: 'laufend' },
            applicationUrl: 'http://bra.nrw.de',
            sourceUrl: 'https://bra.nrw.de',
            lastVerified: '2026-11-01',
          },
        ],
      }),
    );
    const { code, stderr } = await start({ PROGRAMMES_FILE: file });
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}, Eintrag „kim“, Feld „applicationUrl“: muss eine https-Adresse sein`);
  });

  it('stops on a corrupt programme file, naming it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'startup-')), 'programmes.json');
    writeFileSync(file, '{ "programmes": [ ');
    const { code, stderr } = await start({ PROGRAMMES_FILE: file });
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: kein gültiges JSON`);
  });

  it('stops on a missing or corrupt directory of municipalities, naming the file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'startup-'));
    const corrupt = join(folder, 'municipalities.json');
    writeFileSync(corrupt, '{ "municipalities": [ ');
    const missing = join(folder, 'gone.json');
    for (const [file, problem] of [
      [corrupt, 'kein gültiges JSON'],
      [missing, 'Datei nicht gefunden'],
    ]) {
      const { code, stderr } = await start({ MUNICIPALITIES_FILE: file });
      expect(code).toBe(1);
      expect(stderr).toContain(`das Gemeindeverzeichnis ist fehlerhaft:\n  ${file}: ${problem}`);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('stops on a bad setting, naming the variable', async () => {
    const { code, stderr } = await start({ RESULTS_PER_PAGE: 'viele' });
    expect(code).toBe(1);
    expect(stderr).toContain('RESULTS_PER_PAGE:');
  });

  it('stops on a port in use, naming PORT, in German and without a stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { code, stderr } = await start({ PORT: String((taken.address() as AddressInfo).port) });
      expect(code).toBe(1);
      expect(stderr).toMatch(/PORT \d+ ist auf 127\.0\.0\.1 schon belegt/);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });

  it('stops on a HOST this machine does not have, naming HOST', async () => {
    const { code, stderr } = await start({ HOST: '203.0.113.7' });
    expect(code).toBe(1);
    expect(stderr).toContain('HOST „203.0.113.7“ ist keine Adresse dieses Rechners');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('starts with .env.example copied to .env, as it is', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'env-example-'));
    copyFileSync('.env.example', join(folder, '.env'));
    mkdirSync(join(folder, 'data'));
    for (const file of ['programmes.json', 'municipalities.json']) copyFileSync(join('data', file), join(folder, 'data', file));
    // Only what the file says counts: no setting of the test's own environment, but a free port.
    const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SETTINGS.has(name)));
    const bot = ManagedProcess.spawn(
      process.execPath,
      ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, resolve('src/index.ts')],
      {
        cwd: folder,
        env: { ...environment, PORT: String(await freePort()) },
      },
    );
    try {
      const ready = await bot.waitForOutput(
        (output) => (output.includes('"msg":"ready"') ? output : undefined),
        20_000,
        'the bot with .env.example',
      );
      expect(ready).not.toMatch(/\n\s+at /);
      expect(existsSync(join(folder, '.state'))).toBe(true);
    } finally {
      await bot.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
