import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium, driven by playwright-core (which brings no browser of its own). */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = 'test-output/web';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** One headless browser with a fresh profile; `close` removes the profile again. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian chromium at ${CHROMIUM}. Install it with "apt-get update && apt-get install -y chromium" (.ci/run does this in CI).`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'foerderlotse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
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
