import { afterEach, describe, expect, it, vi } from 'vitest';
import { findBrowser } from './browser.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the browser for the page tests', () => {
  it('takes PLAYWRIGHT_CHROMIUM_EXECUTABLE first, and names it when it does not exist', async () => {
    vi.stubEnv('PLAYWRIGHT_CHROMIUM_EXECUTABLE', '/gibt/es/nicht/chrome');
    await expect(findBrowser()).rejects.toThrow('PLAYWRIGHT_CHROMIUM_EXECUTABLE names /gibt/es/nicht/chrome');
  });

  it('finds one without any setting: a system browser or the one the npm package ships', async () => {
    vi.stubEnv('PLAYWRIGHT_CHROMIUM_EXECUTABLE', '');
    const browser = await findBrowser();
    expect(['system', '@sparticuz/chromium']).toContain(browser.source);
    expect(browser.args).toContain('--no-first-run');
  });
});
