import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webTexts } from '../../src/texts/tab.js';
import { type TestBot, startTestBot } from '../support/testBot.js';
import { launchBrowser, screenshotPath } from './browser.js';

/** The chat page in headless Chromium: Microsoft's Web Chat against the bot's own Direct Line endpoint, as a tester uses it. */

const SENTENCE = 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern';
const FIRST_PROGRAMME = 'Sprachkurse für Frauen mit Kinderbetreuung';

// Web Chat polls twice a second; a busy CI machine runs other test files beside this one.
vi.setConfig({ expect: { poll: { timeout: 10_000 } } });

let bot: TestBot;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
/** Console errors, script errors and CSP violations: each of them fails the page. */
const problems: string[] = [];

beforeAll(async () => {
  [bot, browser] = await Promise.all([startTestBot({ floodLimit: { burst: 100, perSecond: 100 } }), launchBrowser()]);
  browser.context.setDefaultTimeout(10_000);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  // Reported as an event too, in case a browser does not print every violation to the console.
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript(
    "document.addEventListener('securitypolicyviolation', (event) => window.reportViolation(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`))",
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

/** In the message bubbles: Web Chat writes each message once more, for screen readers. */
const shown = (text: string) => page.locator('.webchat__bubble__content').getByText(text).count();
const sendBox = () => page.getByPlaceholder('Nachricht eingeben');
const programmeCard = (title: string) => page.locator('.ac-adaptiveCard').filter({ hasText: title });
/** Web Chat scrolls smoothly to new messages: a screenshot waits until it has arrived at the bottom. */
const scrolledToEnd = () =>
  expect
    .poll(() =>
      page
        .locator('.webchat__basic-transcript__scrollable')
        .evaluate((element) => element.scrollTop + element.clientHeight >= element.scrollHeight - 2),
    )
    .toBe(true);
const say = async (text: string) => {
  await sendBox().fill(text);
  await sendBox().press('Enter');
};

describe('the chat page', () => {
  it('is a German page that says it is for testing only', async () => {
    const response = await page.goto(`${bot.url}/chat`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    expect(response?.headers()['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.title()).toBe(webTexts.chat.pageTitle);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Förderlotse NRW – Chat zum Ausprobieren');
    expect(await page.locator('.chat-header p').textContent()).toBe(webTexts.chat.hint);
    expect(await page.getByRole('region', { name: webTexts.chat.chatLabel }).count()).toBe(1);
  });

  it('greets, finds programmes as Adaptive Cards, and takes a button on a card', async () => {
    await page.goto(`${bot.url}/chat`);
    await expect.poll(() => shown('Guten Tag! Ich bin der')).toBe(1);
    // Web Chat renders the bot's Markdown.
    expect(await page.locator('strong', { hasText: 'Förderlotse NRW' }).count()).toBeGreaterThan(0);

    await say(SENTENCE);
    await expect.poll(() => programmeCard(FIRST_PROGRAMME).count()).toBe(1);
    expect(await programmeCard('Sprachcafés im Ehrenamt').count()).toBe(1);
    expect(await programmeCard('War diese Suche hilfreich?').count()).toBe(1);
    expect(await programmeCard(FIRST_PROGRAMME).textContent()).toContain('Gefördert wird:');
    // The choices after the results, as suggested actions.
    await expect.poll(() => page.getByRole('button', { name: 'Neue Suche' }).count()).toBeGreaterThan(0);
    await scrolledToEnd();
    await page.screenshot({ path: screenshotPath('chat') });

    await programmeCard(FIRST_PROGRAMME).getByRole('button', { name: 'Merken' }).click();
    await expect.poll(() => shown(`Gemerkt: „${FIRST_PROGRAMME}“`)).toBe(1);

    // Phone width: the same page, one card at a time.
    await page.setViewportSize({ width: 390, height: 844 });
    await say('Merkliste');
    await expect.poll(() => shown('Auf Ihrer Merkliste steht ein Programm:')).toBe(1);
    await scrolledToEnd();
    await page.screenshot({ path: screenshotPath('chat-phone') });
    await page.setViewportSize({ width: 1000, height: 900 });
  });

  it('knows the browser again after a reload: a new conversation, the same Merkliste', async () => {
    await page.goto(`${bot.url}/chat`);
    await expect.poll(() => shown('Guten Tag! Ich bin der')).toBe(1);
    await say('Merkliste');
    await expect.poll(() => shown('Auf Ihrer Merkliste steht ein Programm:')).toBe(1);
    expect(await programmeCard(FIRST_PROGRAMME).count()).toBe(1);
  });

  it('a whole conversation in Web Chat, one screenshot per step (test-output/web/gespraech-*.png)', async () => {
    const step = async (name: string) => {
      await scrolledToEnd();
      await page.screenshot({ path: screenshotPath(`gespraech-${name}`) });
    };
    const buttonShown = (name: string) => page.getByRole('button', { name, exact: true }).count();
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(`${bot.url}/chat`);
    await expect.poll(() => shown('Guten Tag! Ich bin der')).toBe(1);
    await step('01-begruessung');

    // What the sentence said is said back, with the one question still open and its buttons.
    await say('Wir suchen Förderung für Wohnraum für Geflüchtete');
    await expect.poll(() => shown('Verstanden: Wohnen & Unterbringung · Geflüchtete.')).toBe(1);
    await expect.poll(() => buttonShown('25.000–59.999 EW')).toBe(1);
    await step('02-verstanden');

    await page.getByRole('button', { name: '25.000–59.999 EW', exact: true }).click();
    await expect.poll(() => programmeCard('Darlehen für Flüchtlingsunterkünfte').count()).toBe(1);
    await expect.poll(() => buttonShown('Kommune ändern')).toBe(1);
    await step('03-ergebnisse');

    // A side step: afterwards the results' question is back, with its buttons.
    await programmeCard('Darlehen für Flüchtlingsunterkünfte').getByRole('button', { name: 'Merken' }).click();
    await expect.poll(() => shown('Gemerkt: „Darlehen für Flüchtlingsunterkünfte“')).toBe(1);
    await expect.poll(() => buttonShown('Kommune ändern')).toBe(1);
    await step('04-gemerkt');

    await say('Danke!');
    await expect.poll(() => shown('Gern geschehen!')).toBe(1);
    await expect.poll(() => buttonShown('Neue Suche')).toBe(1);
    await step('05-danke');

    await page.getByRole('button', { name: 'Zielgruppe ändern', exact: true }).click();
    await expect.poll(() => buttonShown('Frauen & Familien')).toBe(1);
    await say('eher Gesundheit');
    await expect.poll(() => shown('Verstanden: Gesundheit & psychosoziale Versorgung.')).toBe(1);
    await step('06-geaendert');

    // "zurück" while an answer is being changed: back to the results.
    await say('zurück');
    await expect.poll(() => programmeCard('Darlehen für Flüchtlingsunterkünfte').count()).toBe(2);
    await expect.poll(() => buttonShown('Kommune ändern')).toBe(1);
    await step('07-zurueck');

    await say('Gibt es Einwanderung gestalten NRW noch?');
    await expect.poll(() => shown('„Einwanderung gestalten NRW“ ist beendet')).toBe(1);
    await expect.poll(() => buttonShown('Kommune ändern')).toBe(1);
    await step('08-programmname');

    await page.setViewportSize({ width: 390, height: 844 });
    await step('09-handy');
    await page.setViewportSize({ width: 1000, height: 900 });
  });

  it('ran without console errors, script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
