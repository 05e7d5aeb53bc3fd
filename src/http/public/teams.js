/* global window, document, URLSearchParams */
/**
 * Teams integration of the tab: theme and locale from the Teams context, following theme changes.
 * Outside Teams the page works on its own; `?theme=dark` (or `default`, `contrast`) forces a theme.
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
 * Connects to Teams when the page runs inside it. Resolves to the Teams context, or to null when the
 * page is not hosted by Teams (no host answers, or the library is missing).
 */
export async function connectToTeams({ onTheme, onLocale }) {
  const teams = window.microsoftTeams;
  if (teams === undefined) return null;
  try {
    await withTimeout(teams.app.initialize(), INITIALIZE_TIMEOUT_MS);
  } catch {
    // Expected in a plain browser: teams-js finds no host window, or no host answers. Marked for tests and support.
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
