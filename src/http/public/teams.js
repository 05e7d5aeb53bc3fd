/* global window, document, URLSearchParams */
/**
 * Teams integration of the tab: theme and locale from the Teams context, following theme changes.
 * Outside Teams the page works on its own and does not load teams-js; `?theme=dark` (or `default`,
 * `contrast`) forces a theme.
 */

const THEMES = ['default', 'dark', 'contrast'];
/** Long enough for a Teams client to answer, short enough that a plain browser tab does not wait. */
const INITIALIZE_TIMEOUT_MS = 3000;

/** Sets `data-theme` on <html>; the CSS holds one set of colours per theme. Unknown names fall back to default. */
export function applyTheme(theme) {
  document.documentElement.dataset.theme = THEMES.includes(theme) ? theme : 'default';
}

/** The theme the URL asks for, or null. */
export function forcedTheme(search = window.location.search) {
  const theme = new URLSearchParams(search).get('theme');
  return THEMES.includes(theme) ? theme : null;
}

function withTimeout(promise, milliseconds) {
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = window.setTimeout(() => reject(new Error(`no answer from a Teams host within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => window.clearTimeout(timer));
}

/**
 * Whether a host may be around: Teams and the Microsoft 365 apps frame the page (desktop and web),
 * the mobile apps run it unframed with a `nativeInterface` (teams-js's own two ways to find one).
 * Opened in a browser tab of its own, neither holds.
 */
const inHost = () => window.parent !== window || window.nativeInterface !== undefined;

/**
 * teams-js, loaded on demand: as soon as it runs it fetches Microsoft's list of Teams addresses
 * from Microsoft's CDN, which a page outside Teams has no need for (see the privacy page and
 * PAGE_CSP in security.ts). Resolves to `window.microsoftTeams`, or undefined when it cannot load.
 */
function loadTeamsLibrary() {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = '/tab/MicrosoftTeams.min.js';
    script.addEventListener('load', () => resolve(window.microsoftTeams));
    script.addEventListener('error', () => resolve(undefined));
    document.head.append(script);
  });
}

/** Whether a Teams host answers teams-js's handshake in time; a frame that is no Teams host does not. */
async function initialized(teams) {
  try {
    await withTimeout(teams.app.initialize(), INITIALIZE_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

/**
 * Connects to Teams when the page runs inside it. Resolves to the Teams context, or to null when the
 * page is not hosted by Teams (not framed, no host answers, or the library does not load).
 */
export async function connectToTeams({ onTheme, onLocale }) {
  const teams = inHost() ? await loadTeamsLibrary() : undefined;
  if (teams === undefined || !(await initialized(teams))) {
    // Expected in a plain browser. Marked for tests and support.
    document.documentElement.dataset.host = 'browser';
    return null;
  }
  document.documentElement.dataset.host = 'teams';
  // The page works from here on, whatever the context says.
  teams.app.notifySuccess();
  const context = await teams.app.getContext();
  onTheme(context.app.theme);
  onLocale(context.app.locale);
  teams.app.registerOnThemeChangeHandler(onTheme);
  return context;
}

/** Outside Teams (and until Teams answers) the page follows the system's light or dark setting. */
function followSystemTheme() {
  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  applyTheme(dark.matches ? 'dark' : 'default');
  dark.addEventListener('change', (event) => {
    if (document.documentElement.dataset.host !== 'teams') applyTheme(event.matches ? 'dark' : 'default');
  });
}

/**
 * Applies the theme the URL forces, else the one Teams gives and every later change of it.
 * Resolves to the Teams context, or null outside Teams.
 */
export function followHostTheme({ onLocale = () => {} } = {}) {
  const forced = forcedTheme();
  if (forced !== null) applyTheme(forced);
  else followSystemTheme();
  return connectToTeams({
    onTheme: (theme) => {
      if (forced === null) applyTheme(theme);
    },
    onLocale,
  });
}
