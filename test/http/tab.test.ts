import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { match, rankedHits } from '../../src/domain/matcher.js';
import type { Programme } from '../../src/domain/programme.js';
import { recognize } from '../../src/domain/recognizer.js';
import { webTexts } from '../../src/texts/tab.js';
import { programme } from '../support/programmeBuilder.js';
import { type TestBot, TODAY, fixtureProgrammes, startTestBot } from '../support/testBot.js';
import { launchBrowser, screenshotPath } from './browser.js';
import { FAKE_TEAMS_ORIGIN, TEAMS_ORIGINS_LIST_URL, fakeTeamsHostPage, teamsOriginsList } from './fakeTeamsHost.js';

/** The programme tab in headless Chromium against the real server, as a user works with it. */

const SENTENCE = 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern';
const programmes = fixtureProgrammes();
const rankedIds = (sentence: string) => [...rankedHits(match(recognize(sentence), programmes, TODAY))].map((hit) => hit.programme.id);

// The page answers in milliseconds, but a busy CI machine runs other test files beside this one.
vi.setConfig({ expect: { poll: { timeout: 5000 } } });

let bot: TestBot;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [bot, browser] = await Promise.all([startTestBot(), launchBrowser()]);
  context = browser.context;
  // Fail fast with playwright's own message instead of running into vitest's test timeout.
  context.setDefaultTimeout(5000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

/** Runs an expression in the page: the tests compile without the DOM's types, so browser code stays a string. */
const inPage = <T>(target: Page, expression: string) => target.evaluate(expression) as Promise<T>;

const open = (path = '/tab') => page.goto(`${bot.url}${path}`);
/** Read in one go: the list may be re-rendered between two separate reads. */
const idsIn = (selector: string) =>
  inPage<string[]>(page, `[...document.querySelectorAll(${JSON.stringify(selector)})].map((card) => card.dataset.id)`);
const cardIds = (view: 'search' | 'browse') => idsIn(`#${view}-results article`);
const focusedId = () => inPage<string | undefined>(page, 'document.activeElement?.id');
const statusOf = (view: 'search' | 'browse') => page.locator(`#${view}-status`);

/** Errors and warnings the page writes to its console (a blocked request by the CSP is one), from now on. */
function consoleProblems(target: Page): string[] {
  const problems: string[] = [];
  target.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  return problems;
}

/**
 * The tab framed by the fake Teams web client, in a page of its own. Microsoft's CDN is played too:
 * each request for teams-js's list of Teams origins is recorded and answered as the CDN answers.
 */
async function openInTeams(hostContext: Parameters<typeof fakeTeamsHostPage>[1]) {
  // Chromium blocks a public origin from framing a loopback page unless local network access is granted.
  await context.grantPermissions(['local-network-access'], { origin: FAKE_TEAMS_ORIGIN });
  const host = await context.newPage();
  host.on('pageerror', (error) => pageErrors.push(error.message));
  const problems = consoleProblems(host);
  const originLists: string[] = [];
  await host.route(`${FAKE_TEAMS_ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: fakeTeamsHostPage(`${bot.url}/tab`, hostContext) }),
  );
  await host.route('https://res.cdn.office.net/**', (route) => {
    originLists.push(route.request().url());
    return route.fulfill({
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: teamsOriginsList(),
    });
  });
  await host.goto(`${FAKE_TEAMS_ORIGIN}/test-host`);
  return { host, tab: host.frameLocator('#tab'), problems, originLists };
}

describe('the search form', () => {
  it('finds the programmes the bot would show, in the bot’s order', async () => {
    await open();
    await page.getByLabel('Handlungsfeld').selectOption('sprache');
    await page.getByLabel('Zielgruppe').selectOption('frauen_familien');
    await page.getByLabel('Größe der Kommune').selectOption('klein');
    await page.getByRole('button', { name: 'Programme suchen' }).click();

    await expect.poll(() => statusOf('search').textContent()).toMatch(/passende Programme? gefunden/);
    const expected = rankedHits(
      match({ needs: ['sprache'], targetGroups: ['frauen_familien'], size: { class: 'klein' } }, programmes, TODAY),
    )
      .slice()
      .map((hit) => hit.programme.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(await cardIds('search')).toEqual(expected);

    const first = page.locator('#search-results article').first();
    await expect.poll(() => first.locator('h2').textContent()).toBe('Sprachkurse für Frauen mit Kinderbetreuung');
    const firstText = await first.textContent();
    expect(firstText).toContain('Gefördert wird:');
    expect(firstText).toContain('Frist:');
    expect(firstText).toContain('passt zu Sprache');
    expect(await first.getByRole('link', { name: /Zur Förderseite/ }).getAttribute('href')).toBe(
      'https://www.example.org/sprachkurs-frauen',
    );
    expect(await statusOf('search').getAttribute('role')).toBe('status');
    await page.screenshot({ path: screenshotPath('search-form'), fullPage: true });
    // Teams on a phone: the same page, narrow.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('search-phone'), fullPage: true });
    await page.setViewportSize({ width: 1000, height: 900 });
  });

  it('shows what the free text was understood as in the fields, and a new text replaces it', async () => {
    await open();
    await page.getByLabel('Beschreiben Sie Ihr Vorhaben').fill(SENTENCE);
    await page.getByRole('button', { name: 'Programme suchen' }).click();

    await expect.poll(() => page.locator('#search-understood').textContent()).toContain('8.000 Einwohner');
    expect(await page.locator('#need').inputValue()).toBe('sprache');
    expect(await page.locator('#targetGroup').inputValue()).toBe('gefluechtete,frauen_familien');
    expect(await page.locator('#targetGroup option:checked').textContent()).toBe('Geflüchtete + Frauen & Familien');
    expect(await page.locator('#size').inputValue()).toBe('klein');
    expect(await cardIds('search')).toEqual(rankedIds(SENTENCE));
    await page.screenshot({ path: screenshotPath('free-text'), fullPage: true });

    // A field chosen by hand wins over the next text; the fields the text filled follow the new text.
    await page.getByLabel('Größe der Kommune').selectOption('kreis');
    await page.getByLabel('Beschreiben Sie Ihr Vorhaben').fill('Wohnraum für Geflüchtete in einer Großstadt');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Programme suchen' }).press('Enter');
    await expect.poll(() => page.locator('#need').inputValue()).toBe('wohnen');
    expect(await page.locator('#targetGroup').inputValue()).toBe('gefluechtete');
    expect(await page.locator('#size').inputValue()).toBe('kreis');
    await expect.poll(() => page.locator('#search-understood').textContent()).toContain('Kreis');
  });

  it('names both places a name in the text may mean, to be chosen in the field', async () => {
    await open();
    await page.getByLabel('Beschreiben Sie Ihr Vorhaben').fill('Sprachkurse für Geflüchtete, Paderborn');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.locator('#search-unsure').textContent()).toContain('Kreis Paderborn');
    expect(await page.locator('#search-unsure').textContent()).toContain('„Paderborn (Kreis Paderborn');
  });

  it('searches for a municipality chosen from the suggestions and keeps it in this browser only', async () => {
    await open();
    const municipality = page.getByLabel('Kommune', { exact: true });
    await municipality.fill('Rheda');
    // The browser offers the directory's names; a choice puts the full label in the field.
    expect(await page.locator('#municipality-list option[value^="Rheda"]').count()).toBe(1);
    await municipality.fill('Rheda-Wiedenbrück (Kreis Gütersloh)');
    await page.getByLabel('Handlungsfeld').selectOption('sprache');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.locator('#search-understood').textContent()).toContain('Rheda-Wiedenbrück (Kreis Gütersloh');
    expect(await page.locator('#size').inputValue()).toBe('mittel');
    await page.screenshot({ path: screenshotPath('municipality'), fullPage: true });

    // The next visit starts with it, and a link that says nothing of size is searched for it.
    await open('/tab?need=wohnen');
    await expect.poll(() => page.locator('#search-understood').textContent()).toContain('Rheda-Wiedenbrück');
    expect(await municipality.inputValue()).toBe('Rheda-Wiedenbrück (Kreis Gütersloh)');

    // A size chosen by hand lets go of it; the search then says the size, and the browser forgets.
    await page.getByLabel('Größe der Kommune').selectOption('kreis');
    expect(await municipality.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.locator('#search-understood').textContent()).not.toContain('Rheda');
    await open();
    expect(await municipality.inputValue()).toBe('');

    // A name typed without the suggestion is taken when it is unique; an unknown one is refused.
    await municipality.fill('bielefeld');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.locator('#search-understood').textContent()).toContain('Bielefeld (kreisfrei,');
    expect(await municipality.inputValue()).toBe('Bielefeld (kreisfreie Stadt)');
    // …and so is another spelling of it.
    await municipality.fill('Muelheim a. d. Ruhr');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.locator('#search-understood').textContent()).toContain('Mülheim an der Ruhr');
    await municipality.fill('Hannover');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.locator('#search-error').textContent()).toBe(webTexts.client.unknownMunicipality);
    expect(await focusedId()).toBe('municipality');
    // Emptying all fields forgets it.
    await page.getByRole('button', { name: 'Eingaben leeren' }).click();
    await open();
    expect(await municipality.inputValue()).toBe('');
  });

  it('says what is wrong: an empty search, a text it does not understand, a broken link', async () => {
    await open();
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe(webTexts.client.emptySearch);
    expect(await focusedId()).toBe('q');

    await page.getByLabel('Beschreiben Sie Ihr Vorhaben').fill('Guten Morgen, wie geht es?');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.locator('#search-error').textContent()).toBe(webTexts.client.notUnderstood);
    expect(await cardIds('search')).toEqual([]);
    await page.screenshot({ path: screenshotPath('not-understood'), fullPage: true });

    await open('/tab?need=unbekannt');
    await expect
      .poll(() => page.locator('#search-error').textContent())
      .toBe(`${webTexts.client.badLink} Ungültiger Wert „unbekannt“ für „need“.`);
    await page.screenshot({ path: screenshotPath('bad-link'), fullPage: true });
  });

  it('can be used with the keyboard alone, with a visible focus', async () => {
    await open();
    await page.keyboard.press('Tab');
    expect(await inPage(page, 'document.activeElement.textContent')).toBe(webTexts.tab.skipLink);
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('view-search');
    expect(await inPage(page, 'getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('q');
    await page.keyboard.type('Wohnraum für Geflüchtete, Kreis');
    for (const field of ['need', 'targetGroup', 'size']) {
      await page.keyboard.press('Tab');
      expect(await focusedId()).toBe(field);
    }
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => cardIds('search')).toEqual(rankedIds('Wohnraum für Geflüchtete, Kreis'));
  });

  it('says its search in the page’s address and offers the list as Word and CSV', async () => {
    await open();
    await page.getByLabel('Handlungsfeld').selectOption('wohnen');
    await page.getByLabel('Zielgruppe').selectOption('gefluechtete');
    await page.getByRole('button', { name: 'Programme suchen' }).click();
    await expect.poll(() => page.url()).toMatch(/\/tab\?need=wohnen&targetGroup=gefluechtete$/);
    const shared = page.url();
    const shown = await cardIds('search');

    const word = await page.getByRole('link', { name: 'Word-Datei' }).getAttribute('href');
    const csv = await page.getByRole('link', { name: 'CSV-Datei' }).getAttribute('href');
    expect(word).toBe('/api/export.docx?need=wohnen&targetGroup=gefluechtete');
    const file = await fetch(`${bot.url}${csv}`);
    expect(file.status).toBe(200);
    expect(await file.text()).toContain('Darlehen für Flüchtlingsunterkünfte');

    // The address sent to a colleague opens the same search, in the same order.
    await page.goto('about:blank');
    await page.goto(shared);
    await expect.poll(() => cardIds('search')).toEqual(shown);
    await page.getByRole('button', { name: 'Eingaben leeren' }).click();
    await expect.poll(() => page.url()).toMatch(/\/tab$/);
    expect(await page.locator('#search-export').isHidden()).toBe(true);
  });

  it('reads a municipality by name from a hand-written link (kommune=)', async () => {
    await open(`/tab?need=sprache&kommune=${encodeURIComponent('Gütersloh')}`);
    await expect.poll(() => page.url()).toContain('municipality=05754008');
  });

  it('starts the search a link carries', async () => {
    await open(`/tab?q=${encodeURIComponent(SENTENCE)}`);
    await expect.poll(() => cardIds('search')).toEqual(rankedIds(SENTENCE));
    expect(await page.getByLabel('Beschreiben Sie Ihr Vorhaben').inputValue()).toBe(SENTENCE);
  });
});

describe('all programmes', () => {
  const openIds = (filter: (programme: Programme) => boolean = () => true) =>
    match({ needs: [], targetGroups: [], size: null }, programmes, TODAY)
      .exact.slice()
      .map((hit) => hit.programme)
      .filter(filter)
      .map((programme) => programme.id)
      .sort();

  it('lists every open programme and filters by level, deadline and ended ones', async () => {
    await open();
    // Keyboard: the view tabs follow the arrow keys.
    await page.getByRole('tab', { name: 'Suche' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Alle Programme' }).getAttribute('aria-selected')).toBe('true');
    expect(await focusedId()).toBe('view-browse');

    await expect.poll(async () => (await cardIds('browse')).sort()).toEqual(openIds());
    expect(await statusOf('browse').textContent()).toBe(`${openIds().length} Programme gefunden.`);

    await page.getByLabel('Ebene').selectOption('land');
    await expect.poll(async () => (await cardIds('browse')).sort()).toEqual(openIds((programme) => programme.level === 'land'));
    await page.getByLabel('Ebene').selectOption('');

    await page.getByLabel('Frist in den nächsten 60 Tagen').check();
    await expect.poll(async () => (await cardIds('browse')).sort()).toEqual(['quartier-alle', 'sprachkurs-frauen']);
    await page.getByLabel('Frist in den nächsten 60 Tagen').uncheck();

    await page.getByLabel('beendete zeigen').check();
    await expect.poll(async () => (await cardIds('browse')).length).toBe(openIds().length + 2);
    expect(await idsIn('#browse-results article[data-status="ended"]')).toEqual(['einwanderung-gestalten', 'sprache-bund-abgelaufen']);
    expect(await page.locator('#browse-results article[data-status="ended"]').first().textContent()).toContain(
      'Nachfolger:Kommunales Integrationsmanagement (KIM)',
    );
    await page.screenshot({ path: screenshotPath('browse'), fullPage: true });
  });

  it('opens directly with ?view=browse', async () => {
    await open('/tab?view=browse');
    await expect.poll(async () => (await cardIds('browse')).length).toBe(openIds().length);
    expect(await page.locator('#panel-search').isHidden()).toBe(true);
  });

  it('narrows the list to a name or keyword as the user types, whatever the case and umlauts', async () => {
    await open('/tab?view=browse');
    await expect.poll(async () => (await cardIds('browse')).sort()).toEqual(openIds());
    const name = page.getByLabel('Name oder Stichwort');

    await name.pressSequentially('Sprach');
    await expect.poll(async () => (await cardIds('browse')).sort()).toEqual(['sprachcafe-ehrenamt', 'sprachkurs-frauen']);
    expect(await statusOf('browse').textContent()).toBe('2 Programme gefunden.');
    await expect.poll(() => page.url()).toMatch(/\/tab\?view=browse&name=Sprach$/);

    // Written without umlauts, in capitals; and the funder's name counts too.
    await name.fill('FLUECHTLING');
    await expect.poll(() => cardIds('browse')).toEqual(['wohnraum-darlehen']);
    await name.fill('stiftung');
    await expect.poll(() => cardIds('browse')).toEqual(['sprachcafe-ehrenamt']);
    await page.getByLabel('beendete zeigen').check();
    await name.fill('forder');
    await expect.poll(() => cardIds('browse')).toEqual(['sprache-bund-abgelaufen']);
    expect(await page.locator('#browse-results h2').textContent()).toBe('Sprachförderung Bund, Aufruf 2026');
    await expect.poll(() => page.url()).toMatch(/\/tab\?view=browse&name=forder&status=all$/);

    // Nothing has the name: a sentence says so, and what to do.
    await name.fill('Kita');
    await expect.poll(() => statusOf('browse').textContent()).toBe(webTexts.api.nameNotFound('Kita', false));
    expect(await cardIds('browse')).toEqual([]);
    await page.screenshot({ path: screenshotPath('browse-name-none'), fullPage: true });

    // Emptying the field brings the whole list back.
    await name.fill('');
    await expect.poll(async () => (await cardIds('browse')).length).toBe(openIds().length + 2);
    await page.getByLabel('beendete zeigen').uncheck();
    await expect.poll(async () => (await cardIds('browse')).sort()).toEqual(openIds());
    await expect.poll(() => page.url()).toMatch(/\/tab\?view=browse$/);
  });

  it('opens a link with a name filter, and the field works with the keyboard alone', async () => {
    await open(`/tab?view=browse&name=${encodeURIComponent('förder')}&status=all`);
    await expect.poll(() => cardIds('browse')).toEqual(['sprache-bund-abgelaufen']);
    const name = page.getByLabel('Name oder Stichwort');
    expect(await name.inputValue()).toBe('förder');
    expect(await page.getByLabel('beendete zeigen').isChecked()).toBe(true);

    await page.getByRole('tab', { name: 'Alle Programme' }).focus();
    await page.keyboard.press('Tab');
    expect(await focusedId()).toBe('name');
    expect(await inPage(page, 'getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    // Escape empties a search field; Enter sends nothing anywhere.
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await cardIds('browse')).length).toBe(openIds().length + 2);
    await page.keyboard.type('sprachkurs');
    await page.keyboard.press('Enter');
    await expect.poll(() => cardIds('browse')).toEqual(['sprachkurs-frauen']);
    expect(page.url()).toMatch(/\/tab\?view=browse&name=sprachkurs&status=all$/);

    // Back to the search view: the address is the search's again.
    await page.getByRole('tab', { name: 'Suche' }).click();
    await expect.poll(() => page.url()).toMatch(/\/tab$/);
  });
});

describe('themes', () => {
  const background = () => inPage<string>(page, 'getComputedStyle(document.body).backgroundColor');

  it('renders the dark and the high-contrast theme when the URL forces them', async () => {
    await open(`/tab?theme=dark&q=${encodeURIComponent(SENTENCE)}`);
    await expect.poll(() => cardIds('search')).toEqual(rankedIds(SENTENCE));
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await background()).toBe('rgb(31, 31, 31)');
    expect(await inPage<string>(page, "getComputedStyle(document.querySelector('.card')).color")).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: screenshotPath('theme-dark'), fullPage: true });

    await open(`/tab?theme=contrast&q=${encodeURIComponent(SENTENCE)}`);
    await expect.poll(() => cardIds('search')).toEqual(rankedIds(SENTENCE));
    expect(await background()).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: screenshotPath('theme-contrast'), fullPage: true });
  });

  it("outside Teams follows the system's dark setting", async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await open();
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
      expect(await background()).toBe('rgb(31, 31, 31)');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('works as a plain page outside Teams', async () => {
    await open();
    await expect.poll(() => page.locator('html').getAttribute('data-host')).toBe('browser');
    expect(await background()).toBe('rgb(245, 245, 245)');

    await page.getByRole('link', { name: 'Datenschutz' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Datenschutz');
    await page.screenshot({ path: screenshotPath('privacy'), fullPage: true });
  });

  it('inside Teams opens the search the bot’s deep link carries, in the bot’s order', async () => {
    const carried = 'need=sprache&targetGroup=gefluechtete,frauen_familien&size=klein&inhabitants=8000&kind=kreisangehoerig';
    const { host, tab } = await openInTeams({ theme: 'default', locale: 'de-de', subEntityId: carried });
    try {
      const ids = () =>
        tab
          .locator('#search-results article')
          .evaluateAll((cards) => cards.map((card) => (card as { dataset: { id?: string } }).dataset.id));
      const bots = [
        ...rankedHits(
          match(
            {
              needs: ['sprache'],
              targetGroups: ['gefluechtete', 'frauen_familien'],
              size: { class: 'klein', inhabitants: 8000 },
              kind: 'kreisangehoerig',
            },
            programmes,
            TODAY,
          ),
        ),
      ].map((hit) => hit.programme.id);
      await expect.poll(ids).toEqual(bots);
    } finally {
      await host.close();
    }
  });

  it('inside Teams takes the theme and locale from the context and follows theme changes', async () => {
    const { host, tab } = await openInTeams({ theme: 'dark', locale: 'en-us' });
    try {
      const themeOfTab = () => tab.locator('html').getAttribute('data-theme');

      await expect.poll(() => tab.locator('html').getAttribute('data-host')).toBe('teams');
      await expect.poll(themeOfTab).toBe('dark');
      expect(await tab.locator('html').getAttribute('data-locale')).toBe('en-us');
      expect(await tab.locator('#locale-note').textContent()).toBe(webTexts.client.germanOnly);
      await expect.poll(() => inPage<string[]>(host, 'window.hostCalls')).toContain('appInitialization.success');

      await inPage(host, "window.changeTheme('contrast')");
      await expect.poll(themeOfTab).toBe('contrast');
      await host.screenshot({ path: screenshotPath('teams-contrast') });
    } finally {
      await host.close();
    }
  });
});

describe('what the page loads, and from where', () => {
  it('opened directly loads nothing from other servers, not even teams-js, and the console stays clean', async () => {
    const direct = await context.newPage();
    const problems = consoleProblems(direct);
    const requests: string[] = [];
    direct.on('request', (request) => requests.push(request.url()));
    const teamsLibrary: string[] = [];
    try {
      for (const path of ['/tab', '/tab?view=browse', '/datenschutz']) {
        await direct.goto(`${bot.url}${path}`);
        await expect.poll(() => direct.locator('html').getAttribute('data-host')).toBe('browser');
        await direct.waitForLoadState('networkidle');
        teamsLibrary.push(await inPage<string>(direct, 'typeof window.microsoftTeams'));
      }
      expect(problems).toEqual([]);
      expect(requests.filter((url) => new URL(url).origin !== bot.url)).toEqual([]);
      expect(requests).toContain(`${bot.url}/tab/tab.js`);
      // teams-js asks Microsoft's CDN as soon as it runs; outside a host nothing needs it.
      expect(teamsLibrary).toEqual(['undefined', 'undefined', 'undefined']);
    } finally {
      await direct.close();
    }
  });

  it('inside Teams lets teams-js fetch its list of Teams origins from Microsoft’s CDN, once, without a console error', async () => {
    const { host, tab, problems, originLists } = await openInTeams({ theme: 'default', locale: 'de-de' });
    try {
      await expect.poll(() => tab.locator('html').getAttribute('data-host')).toBe('teams');
      await expect.poll(() => inPage<string[]>(host, 'window.hostCalls')).toContain('appInitialization.success');
      await host.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
      expect(originLists).toEqual([TEAMS_ORIGINS_LIST_URL]);
      // Working with the tab asks for no second copy.
      await tab.getByRole('tab', { name: 'Alle Programme' }).click();
      await expect.poll(async () => (await tab.locator('#browse-results article').count()) > 0).toBe(true);
      await inPage(host, "window.changeTheme('dark')");
      await expect.poll(() => tab.locator('html').getAttribute('data-theme')).toBe('dark');
      expect(originLists).toEqual([TEAMS_ORIGINS_LIST_URL]);
      expect(problems).toEqual([]);
    } finally {
      await host.close();
    }
  });
});

describe('long lists', () => {
  it('shows 20 at a time; "Weitere anzeigen" adds the rest and moves the focus to the first new card', async () => {
    const many = Array.from({ length: 45 }, (_, index) => programme({ id: `p-${String(index + 1).padStart(2, '0')}` }));
    const other = await startTestBot({ programmes: () => many });
    try {
      await page.goto(`${other.url}/tab?view=browse`);
      await expect.poll(async () => (await cardIds('browse')).length).toBe(20);
      const more = page.locator('#browse-more');
      expect(await more.textContent()).toBe('Weitere anzeigen (noch 25)');
      await more.click();
      await expect.poll(async () => (await cardIds('browse')).length).toBe(40);
      expect(await focusedId()).toBe('browse-p-21-title');
      expect(await statusOf('browse').textContent()).toBe('Programme 1 bis 40 von 45 werden angezeigt.');
      await more.click();
      await expect.poll(async () => (await cardIds('browse')).length).toBe(45);
      expect(await more.isHidden()).toBe(true);
      expect(await cardIds('browse')).toEqual(many.map((entry) => entry.id));
    } finally {
      await other.close();
    }
  });
});

describe('safety of what is shown', () => {
  it('shows text from the programme store as text, never as markup', async () => {
    const [first] = programmes;
    if (first === undefined) throw new Error('fixture has no programmes');
    const hostile: Programme = {
      ...first,
      id: 'markup',
      title: '<img src=x onerror="window.hacked=1">Neu',
      summary: '<b>fett</b> & [Link](https://example.org)',
    };
    const other = await startTestBot({ programmes: () => [hostile] });
    try {
      await page.goto(`${other.url}/tab?view=browse`);
      await expect.poll(async () => (await cardIds('browse')).length).toBe(1);
      const card = page.locator('#browse-results article').first();
      expect(await card.locator('h2').textContent()).toBe(hostile.title);
      expect(await card.locator('img, b').count()).toBe(0);
      expect(await card.textContent()).toContain('<b>fett</b> & [Link](https://example.org)');
      expect(await inPage(page, 'window.hacked')).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('ran without script errors on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
