import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { ExportLinks, LINK_LIFETIME_MS } from '../../src/http/exportLinks.js';
import { csvCell } from '../../src/http/resultListCsv.js';
import { EmulatorClient } from '../support/emulatorClient.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { type TestBot, startTestBot } from '../support/testBot.js';
import { launchBrowser } from './browser.js';

/** The result list to hand on: links in the chat, the files they serve, and the tab's export, over real HTTP. */

const SECRET = 'ein-geheimnis-fuer-die-tests-0123456789';
let bot: TestBot;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await FakeConnector.start();
  bot = await startTestBot({ env: { EXPORT_LINK_SECRET: SECRET } });
});
afterAll(async () => {
  await bot.close();
  await connector.close();
});

/** Runs a search in the chat and returns the links and the card titles it showed. */
async function searchInChat(sentence: string) {
  const client = new EmulatorClient(bot.url, connector);
  const replies = await client.say(sentence);
  const text = replies.map((reply) => String(reply.text ?? '')).join('\n');
  const link = (label: string) => new RegExp(`\\[${label}\\]\\(([^)]+)\\)`).exec(text)?.[1];
  const titles = replies.flatMap((reply) =>
    ((reply.attachments ?? []) as { content: { body: { inlines?: { text: string }[] }[] } }[])
      .map((attachment) => attachment.content.body[0]?.inlines?.[0]?.text)
      .filter((title): title is string => title !== undefined && !title.includes('Wie hilfreich')),
  );
  return { word: link('Word-Datei'), csv: link('CSV-Datei'), tab: link('Im Tab öffnen'), titles, text };
}

/** The tab link a chat search offered. */
const tabOf = (links: { tab: string | undefined }) => links.tab ?? 'http://x/tab';

/** The CSV as rows of cells (semicolons, quotes, CRLF), after its byte order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted && char === '"' && text[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ';') {
      endCell();
    } else if (!quoted && char === '\r' && text[index + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      index += 1;
    } else {
      cell += char;
    }
  }
  return rows;
}

describe('„Liste exportieren“ in the chat', () => {
  it('offers Word and CSV links with the results, and each serves the list of the search in the chat’s order', async () => {
    const chat = await searchInChat('Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern');
    const { word, csv, titles } = chat;
    expect(word).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/export\/liste\.docx\?t=[\w-]+\.[\w-]+$/);
    expect(csv).toMatch(/\/export\/liste\.csv\?t=/);
    expect(titles.length).toBeGreaterThan(0);

    const docx = await fetch(word as string);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="Foerderprogramme-2026-11-26\.docx"$/);
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    // Every programme of the search, not only the chat's first page, in the tab's order.
    const listed = (await (await fetch(`${bot.url}/api/programmes?${new URL(tabOf(chat)).search.slice(1)}&limit=100`)).json()) as {
      results: { title: string }[];
    };
    expect(listed.results.length).toBeGreaterThanOrEqual(titles.length);
    expect(listed.results.slice(0, titles.length).map((result) => result.title)).toEqual(titles);
    let from = 0;
    for (const { title } of listed.results) {
      const at = xml.indexOf(title.replaceAll('&', '&amp;'), from);
      expect(at, title).toBeGreaterThan(from - 1);
      from = at;
    }
    expect(xml).toContain('Suche: Sprache · Geflüchtete + Frauen &amp; Familien');
    expect(xml).toContain('26.11.2026');

    const file = await fetch(csv as string);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes).slice(1));
    const header = rows.findIndex((row) => row[0] === 'Programm');
    expect(rows[header]).toEqual([
      'Programm',
      'Fördergeber',
      'Gefördert wird',
      'Antragsberechtigt',
      'Antragsweg',
      'Förderung',
      'Frist',
      'Quelle',
      'Zur Förderseite',
      'Stand',
    ]);
    expect(
      rows
        .slice(header + 1)
        .map((row) => row[0])
        .slice(0, titles.length),
    ).toEqual(titles);
    expect(rows.slice(header + 1).every((row) => row.length === 10)).toBe(true);
  });

  it('refuses a changed, a foreign or an expired link with 403, and lists nothing', async () => {
    const { word } = await searchInChat('Wohnraum für Geflüchtete in Gütersloh');
    const url = new URL(word as string);
    const [payload, signature] = (url.searchParams.get('t') ?? '').split('.');
    const at = (token: string, format = 'docx') => `${url.origin}/export/liste.${format}?t=${token}`;
    const tampered = at(`${payload?.slice(0, -2)}AA.${signature}`);
    const foreign = at(new ExportLinks('ein-anderes-geheimnis-0123456789abcdef').sign(new URLSearchParams('need=wohnen')));
    const expired = at(new ExportLinks(SECRET, () => Date.now() - LINK_LIFETIME_MS - 1000).sign(new URLSearchParams('need=wohnen')), 'csv');
    for (const link of [tampered, foreign, expired, at('abc'), at(''), `${url.origin}/export/liste.docx`]) {
      const response = await fetch(link);
      expect(response.status, link).toBe(403);
      expect(await response.text()).toMatch(/ungültig oder abgelaufen/);
    }
    expect((await fetch(at(new ExportLinks(SECRET).sign(new URLSearchParams('need=wohnen')), 'csv'))).status).toBe(200);
    for (const path of ['/export', '/export/', `/export/liste.pdf?t=${payload}.${signature}`])
      expect((await fetch(`${url.origin}${path}`)).status).toBe(404);
    expect((await fetch(word as string, { method: 'POST' })).status).toBe(405);
  });
});

describe('the tab’s export', () => {
  it('serves the tab’s search as CSV and Word, with the API’s validation', async () => {
    const csv = await fetch(`${bot.url}/api/export.csv?need=wohnen&targetGroup=gefluechtete`);
    expect(csv.status).toBe(200);
    const rows = parseCsv((await csv.text()).slice(1));
    expect(rows.some((row) => row[0] === 'Darlehen für Flüchtlingsunterkünfte')).toBe(true);
    expect((await fetch(`${bot.url}/api/export.docx?need=wohnen`)).status).toBe(200);
    const wrong = await fetch(`${bot.url}/api/export.csv?need=raumfahrt`);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/need/);
  });
});

describe('many files at once', () => {
  it('builds a few at a time and asks the rest to come back in a second, in German, never failing', async () => {
    const responses = await Promise.all(Array.from({ length: 24 }, () => fetch(`${bot.url}/api/export.docx?status=all`)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(4);
    for (const response of responses.filter((candidate) => candidate.status === 503)) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.text()).toMatch(/in einer Sekunde noch einmal/);
    }
    // HEAD says what a download would bring without building it.
    const head = await fetch(`${bot.url}/api/export.csv?need=wohnen`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
  });

  it('reads a need repeated in the query once: the list and its order do not change', async () => {
    const once = await (await fetch(`${bot.url}/api/export.csv?need=wohnen,sprache`)).text();
    const repeated = await (await fetch(`${bot.url}/api/export.csv?need=wohnen,wohnen,wohnen,sprache&need=wohnen`)).text();
    expect(repeated).toBe(once);
  });

  it('accepts only the spelling of a signature the bot writes', async () => {
    const token = new ExportLinks(SECRET).sign(new URLSearchParams('need=wohnen'));
    const at = (candidate: string) => fetch(`${bot.url}/export/liste.csv?t=${encodeURIComponent(candidate)}`);
    expect((await at(token)).status).toBe(200);
    const [payload, signature = ''] = token.split('.');
    const standard = Buffer.from(signature, 'base64url').toString('base64');
    const lastFlipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const variant of [`${token}!`, `${token}==`, `${payload}.${standard}`, `${payload}.${lastFlipped}`])
      expect((await at(variant)).status, variant).toBe(403);
  });
});

describe('a CSV cell', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+49 30 1234', "'+49 30 1234"],
    ['-5 %', "'-5 %"],
    ['@SUMME(A1)', "'@SUMME(A1)"],
    ['\tTab', "'\tTab"],
    ['a;b', '"a;b"'],
    ['Zeile\nzwei', '"Zeile\nzwei"'],
    ['normal', 'normal'],
  ])('%j is written as %j, never as a formula', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });
});

describe('„Im Tab öffnen“', () => {
  it('opens the tab with exactly the chat’s results, in the same order', async () => {
    const browser = await launchBrowser();
    try {
      for (const sentence of [
        'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern',
        'Wohnraum für Geflüchtete in Gütersloh',
      ]) {
        const { tab, titles } = await searchInChat(sentence);
        expect(tab).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tab\?/);
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        await page.goto(tab as string);
        const shown = () => page.locator('#search-results article h2').allTextContents();
        await expect.poll(async () => (await shown()).slice(0, titles.length), { timeout: 5000 }).toEqual(titles);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('in Teams is a deep link into the app’s tab that carries the search', async () => {
    const client = new EmulatorClient(bot.url, connector, { channelId: 'msteams', conversationType: 'personal' });
    const replies = await client.say('Wohnraum für Geflüchtete in Gütersloh');
    const text = replies.map((reply) => String(reply.text ?? '')).join('\n');
    const link = new URL(/\[Im Tab öffnen\]\(([^)]+)\)/.exec(text)?.[1] ?? 'http://x');
    expect(link.origin + link.pathname).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/[\w-]+\/programme$/);
    expect(JSON.parse(link.searchParams.get('context') ?? '{}')).toEqual({
      subEntityId: 'need=wohnen&targetGroup=gefluechtete&municipality=05754008',
    });
    expect(link.searchParams.get('webUrl')).toMatch(/\/tab\?need=wohnen&targetGroup=gefluechtete&municipality=05754008$/);
  });
});
