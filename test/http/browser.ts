import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const SCREENSHOTS = 'test-output/web';

/** Quiet and offline: no first-run pages, no calls home that the closed network here would refuse. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chrome, Edge and Chromium install themselves on macOS and Windows, where no npm package ships one. */
function systemBrowsers(): string[] {
  if (process.platform === 'darwin') {
    return ['Google Chrome', 'Microsoft Edge', 'Chromium'].map((name) => `/Applications/${name}.app/Contents/MacOS/${name}`);
  }
  const folders = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(
    (folder): folder is string => folder !== undefined,
  );
  return folders.flatMap((folder) => [
    join(folder, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(folder, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    join(folder, 'Chromium', 'Application', 'chrome.exe'),
  ]);
}

/**
 * The browser for the page tests, in this order: PLAYWRIGHT_CHROMIUM_EXECUTABLE; on Linux (x64,
 * arm64) the headless Chromium that the npm package @sparticuz/chromium ships, so that every machine
 * runs the same one after `npm ci` and nothing needs to be installed; on macOS and Windows an
 * installed Chrome, Edge or Chromium.
 */
export async function findBrowser(): Promise<{ executablePath: string; args: string[]; source: string }> {
  const chosen = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (chosen !== undefined && chosen !== '') {
    if (!existsSync(chosen)) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE names ${chosen}, which does not exist.`);
    return { executablePath: chosen, args: ARGS, source: 'PLAYWRIGHT_CHROMIUM_EXECUTABLE' };
  }
  if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
    const packaged = (await import('@sparticuz/chromium')).default;
    // Unpacked once into the temp folder; its own flags make it run headless without a GPU or sandbox.
    return {
      executablePath: await packaged.executablePath(),
      args: [...new Set([...packaged.args.filter((arg) => !arg.startsWith('--headless')), ...ARGS])],
      source: '@sparticuz/chromium',
    };
  }
  const installed = systemBrowsers().find((path) => existsSync(path));
  if (installed !== undefined) return { executablePath: installed, args: ARGS, source: 'system' };
  throw new Error(
    'The browser tests need Chrome, Edge or Chromium: install one of them, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to its executable.',
  );
}

/** One headless browser with a fresh profile; `close` removes the profile again. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const browser = await findBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'foerderlotse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    headless: true,
    args: browser.args,
    locale: 'de-DE',
    viewport: { width: 1000, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const screenshotPath = (name: string) => join(SCREENSHOTS, `${name}.png`);
