import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The static files of the tab and the chat page, served from memory with an ETag. */

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

/**
 * Web Chat's browser build, which brings React and the Adaptive Cards renderer along; undefined
 * where the package is not installed (it is a devDependency: a production install leaves it out,
 * and only the Emulator mode has the chat page). The package exports only its module entry
 * points, so the file is found beside them, in its dist/ folder.
 */
export function webChatBundleFile(): string | undefined {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('botframework-webchat');
  } catch {
    return undefined;
  }
  const file = join(dirname(dirname(entry)), 'dist', 'webchat.js');
  if (!existsSync(file)) throw new Error(`web: botframework-webchat browser build missing at ${file}`);
  return file;
}

/** Read once, on first use. */
function once<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

/**
 * Paths under /chat/ and what they serve. Only Emulator mode has the chat page, and Web Chat's
 * build is about 4 MB: each file is read when it is first asked for.
 */
export function loadChatAssets(webChat: string | undefined): ReadonlyMap<string, () => Asset> {
  const directory = publicDirectory();
  return new Map([
    ['chat.js', once(() => asset(`${directory}chat.js`, JAVASCRIPT))],
    ['chat.css', once(() => asset(`${directory}chat.css`, CSS))],
    ...(webChat === undefined ? [] : [['webchat.js', once(() => asset(webChat, JAVASCRIPT))] as const]),
  ]);
}
