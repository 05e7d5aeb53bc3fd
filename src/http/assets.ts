import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The tab's static files, read once at start-up and served from memory with an ETag. */

export interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The browser files, next to this module when run from src/, beside the sources when run from dist/. */
function publicDirectory(): string {
  const candidates = [new URL('./public/', import.meta.url), new URL('../../../src/http/public/', import.meta.url)].map((url) =>
    fileURLToPath(url),
  );
  const found = candidates.find((directory) => existsSync(`${directory}tab.js`));
  if (found === undefined) throw new Error(`web: browser files of the tab not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The UMD build of @microsoft/teams-js, which defines `window.microsoftTeams` without a bundler. */
function teamsLibraryFile(): string {
  const file = createRequire(import.meta.url).resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js');
  if (!existsSync(file)) throw new Error(`web: @microsoft/teams-js browser build missing at ${file}`);
  return file;
}

function asset(file: string, contentType: string): Asset {
  const body = readFileSync(file);
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Paths under /tab/ and what they serve. */
export function loadAssets(): ReadonlyMap<string, Asset> {
  const directory = publicDirectory();
  return new Map([
    ['tab.js', asset(`${directory}tab.js`, JAVASCRIPT)],
    ['cards.js', asset(`${directory}cards.js`, JAVASCRIPT)],
    ['teams.js', asset(`${directory}teams.js`, JAVASCRIPT)],
    ['page.js', asset(`${directory}page.js`, JAVASCRIPT)],
    ['tab.css', asset(`${directory}tab.css`, CSS)],
    ['MicrosoftTeams.min.js', asset(teamsLibraryFile(), JAVASCRIPT)],
  ]);
}
