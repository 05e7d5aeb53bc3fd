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

  it('finds one without any setting: on Linux the one the npm package ships, elsewhere an installed one', async () => {
    vi.stubEnv('PLAYWRIGHT_CHROMIUM_EXECUTABLE', '');
    const browser = await findBrowser();
    expect(browser.source).toBe(process.platform === 'linux' ? '@sparticuz/chromium' : 'system');
    expect(browser.args).toContain('--no-first-run');
  });
});
