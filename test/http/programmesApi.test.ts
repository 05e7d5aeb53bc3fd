import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match, rankedHits } from '../../src/domain/matcher.js';
import { webTexts } from '../../src/texts/tab.js';
import { ProgrammesAnswerSchema } from '../../src/http/programmesAnswer.js';
import { FIXTURE_FILE, type TestBot, TODAY, fixtureProgrammes, startTestBot } from '../support/testBot.js';

/** GET /api/programmes and the web pages over real HTTP, against the fixture programmes and a fixed today. */

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.close();
});

const programmes = fixtureProgrammes();

async function ask(query: string) {
  const response = await fetch(`${bot.url}/api/programmes${query === '' ? '' : `?${query}`}`);
  expect(response.status).toBe(200);
  return ProgrammesAnswerSchema.parse(await response.json());
}
const idsOf = (answer: { results: { id: string }[] }) => answer.results.map((result) => result.id);
const q = (text: string) => `q=${encodeURIComponent(text)}`;

/** The project's CLI as a user runs it, one sentence per line on standard input. */
function runCli(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`CLI exited with ${code}: ${stderr}`))));
    child.stdin.end(input);
  });
}

describe('query validation: 400 with a German message that names the parameter', () => {
  it.each([
    { query: 'need=xyz', message: /^Ungültiger Wert „xyz“ für „need“\. Erwartet: Handlungsfelder \(wohnen, arbeit, .*personal\)/ },
    { query: 'need=sprache,foo', message: /^Ungültiger Wert „foo“ für „need“/ },
    { query: 'targetGroup=senioren', message: /^Ungültiger Wert „senioren“ für „targetGroup“/ },
    {
      query: 'size=riesig',
      message: /^Ungültiger Wert „riesig“ für „size“\. Erwartet: eine Größenklasse \(klein, mittel, gross, grossstadt, kreis\)\.$/,
    },
    { query: 'size=klein&size=kreis', message: /^Der Parameter „size“ darf nur einmal vorkommen\.$/ },
    { query: 'inhabitants=8.000', message: /^Ungültiger Wert „8\.000“ für „inhabitants“\. Erwartet: eine ganze Zahl ohne Trennzeichen/ },
    { query: 'inhabitants=0', message: /für „inhabitants“/ },
    {
      query: 'size=klein&inhabitants=200000',
      message: /^„inhabitants=200000“ passt nicht zu „size=klein“: Bei 200\.000 Einwohnern ist die Größenklasse „grossstadt“/,
    },
    { query: q('a'.repeat(501)), message: /für „q“\. Erwartet: Freitext mit höchstens 500 Zeichen\.$/ },
    { query: 'q=a&q=b', message: /^Der Parameter „q“ darf nur einmal vorkommen\.$/ },
    { query: 'level=welt', message: /^Ungültiger Wert „welt“ für „level“/ },
    { query: 'status=offen', message: /^Ungültiger Wert „offen“ für „status“\. Erwartet: open, ended oder all\.$/ },
    { query: 'deadlineWithinDays=-1', message: /für „deadlineWithinDays“/ },
    { query: 'limit=0', message: /^Ungültiger Wert „0“ für „limit“\. Erwartet: eine ganze Zahl ohne Trennzeichen von 1 bis 100\.$/ },
    { query: 'limit=101', message: /für „limit“/ },
    { query: 'offset=abc', message: /für „offset“/ },
    {
      query: 'needs=sprache',
      message:
        /^Unbekannter Parameter „needs“\. Erlaubt sind: need, targetGroup, size, inhabitants, municipality, kind, q, level, status, deadlineWithinDays, name, limit, offset\.$/,
    },
    { query: '__proto__=1', message: /^Unbekannter Parameter „__proto__“\./ },
    { query: 'constructor=1', message: /^Unbekannter Parameter „constructor“\./ },
    { query: 'toString=x&need=sprache', message: /^Unbekannter Parameter „toString“\./ },
    { query: 'hasOwnProperty=1', message: /^Unbekannter Parameter „hasOwnProperty“\./ },
  ])('$query', async ({ query, message }) => {
    const response = await fetch(`${bot.url}/api/programmes?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as { error: string; message: string };
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body.error).toBe('invalid_query');
    expect(body.message).toMatch(message);
  });

  it('does not echo a long value in full', async () => {
    const response = await fetch(`${bot.url}/api/programmes?${q('x'.repeat(600))}`);
    expect(((await response.json()) as { message: string }).message.length).toBeLessThan(200);
  });

  it('accepts empty values as not given, as a form sends them', async () => {
    const answer = await ask('need=&targetGroup=&size=&q=');
    expect(answer.mode).toBe('browse');
  });
});

describe('search: the same ranking as the bot and the CLI', () => {
  const sentences = [
    'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern',
    'Wohnraum für Geflüchtete, Kreis Lippe',
    'Beratung für Jugendliche in einer Großstadt',
    'Integrationsmanagement für Neuzugewanderte, Kreis',
    'Sprache',
  ];

  it('ranks like `npm run cli -- ask --json` (open programmes, then the ended ones)', async () => {
    const stdout = await runCli(['ask', '--json', '--file', FIXTURE_FILE, '--today', TODAY], sentences.join('\n'));
    const cli = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { slots: { needs: string[] }; results: { id: string }[] });
    expect(cli).toHaveLength(sentences.length);
    for (const [index, sentence] of sentences.entries()) {
      const answer = await ask(`${q(sentence)}&status=all`);
      expect(idsOf(answer), sentence).toEqual(cli[index]?.results.map((result) => result.id));
      expect(answer.profile.needs).toEqual(cli[index]?.slots.needs);
    }
  });

  it('lists open programmes as the bot does: exact fits, else the closest with what does not fit', async () => {
    const exact = await ask('need=sprache&targetGroup=frauen_familien&size=klein');
    expect(exact.fit).toBe('exact');
    expect(idsOf(exact)).toEqual(
      rankedHits(match({ needs: ['sprache'], targetGroups: ['frauen_familien'], size: { class: 'klein' } }, programmes, TODAY))
        .slice()
        .map((hit) => hit.programme.id),
    );
    expect(exact.message).toBe(`${exact.total} passende Programme gefunden.`);
    expect(exact.results[0]?.reasons).toEqual(['passt zu Sprache', 'für Frauen & Familien']);

    const closest = await ask('need=arbeit&targetGroup=frauen_familien&size=klein');
    expect(closest.fit).toBe('closest');
    expect(closest.results.length).toBeGreaterThan(0);
    expect(closest.results.every((result) => result.mismatches.length > 0)).toBe(true);
    expect(closest.message).toMatch(/^Kein Programm passt genau zu allen Angaben\./);
  });

  it('says what the text was understood as; form fields win over the text, slot by slot', async () => {
    const answer = await ask(`${q('Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern')}&need=wohnen`);
    expect(answer.recognized).toMatchObject({
      needs: ['sprache'],
      targetGroups: ['gefluechtete', 'frauen_familien'],
      size: { class: 'klein', inhabitants: 8000 },
    });
    expect(answer.profile).toEqual({
      needs: ['wohnen'],
      targetGroups: ['gefluechtete', 'frauen_familien'],
      size: { class: 'klein', inhabitants: 8000 },
      municipality: null,
      kind: null,
    });
    expect(answer.profileText).toBe('Wohnen & Unterbringung · Geflüchtete + Frauen & Familien · Gemeinde mit 8.000 Einwohnern');

    const sized = await ask(`${q('Wohnraum für Geflüchtete, Kreis Lippe')}&inhabitants=45000`);
    expect(sized.profile.size).toEqual({ class: 'mittel', inhabitants: 45000 });
  });

  it('takes a municipality by its key: its size and kind, and programmes for Kreise through its Kreis', async () => {
    const answer = await ask('need=sprache&municipality=05754008');
    expect(answer.profile.municipality).toMatchObject({ name: 'Gütersloh', kind: 'kreisangehoerig', kreis: 'Kreis Gütersloh' });
    expect(answer.profile.size).toMatchObject({ class: 'grossstadt' });
    expect(answer.profileText).toContain('Gütersloh (Kreis Gütersloh');
    // Each card says the route, as in the chat.
    const routeOf = async (need: string) => (await ask(`need=${need}&municipality=05754008`)).results[0]?.route;
    expect(await routeOf('personal')).toBe('Den Antrag stellt der Kreis Gütersloh; fragen Sie dort, wie Ihre Kommune beteiligt wird.');
    expect(await routeOf('wohnen')).toBe('Ihre Kommune stellt den Antrag selbst.');
  });

  it.each([
    ['a key no municipality has', 'municipality=05999999', /Keine Kommune in NRW hat den Gemeindeschlüssel „05999999“/],
    ['a key of another Land', 'municipality=09162000', /für „municipality“/],
    ['a municipality and a size', 'municipality=05754008&size=klein', /bringt die Größe der Kommune mit/],
  ])('refuses %s', async (_case, query, message) => {
    const response = await fetch(`${bot.url}/api/programmes?${query}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  it('names the places a name in the text may mean, and a place outside NRW', async () => {
    const ambiguous = await ask(q('Sprachkurse, Gütersloh'));
    expect(ambiguous.recognized?.municipality).toBeNull();
    expect(ambiguous.recognized?.unsure.municipalities.map((municipality) => municipality.name)).toEqual(['Gütersloh', 'Kreis Gütersloh']);
    const outside = await ask(q('Sprachkurse, wir sind aus München'));
    expect(outside.recognized?.outsideNrw).toBe('München');
  });

  it('takes a municipality named in the text', async () => {
    const answer = await ask(q('Sprachkurse in der Gemeinde Nottuln'));
    expect(answer.recognized?.municipality).toMatchObject({ name: 'Nottuln', kreis: 'Kreis Coesfeld' });
    expect(answer.profile.size).toMatchObject({ class: 'klein' });
  });

  it('takes repeated and comma-separated ids alike', async () => {
    const repeated = await ask('need=sprache&need=wohnen');
    const commas = await ask('need=sprache,wohnen');
    expect(repeated.profile.needs).toEqual(['sprache', 'wohnen']);
    expect(idsOf(repeated)).toEqual(idsOf(commas));
  });

  it('gives a card everything it needs, in German', async () => {
    const answer = await ask('need=sprache&size=klein');
    const cafe = answer.results.find((result) => result.id === 'sprachcafe-ehrenamt');
    expect(cafe).toMatchObject({
      title: 'Sprachcafés im Ehrenamt',
      levelLabel: 'Stiftung oder Verein',
      access: 'intermediary',
      viaIntermediary: 'Über einen örtlichen Verein; die Kommune kann Räume stellen.',
      amount: 'Zuschuss zu Sachkosten · höchstens 5.000 €',
      deadline: 'laufend',
      status: 'open',
      applicants: ['freie Träger', 'Vereine'],
    });
    const direct = answer.results.find((result) => result.access === 'direct');
    expect(direct?.viaIntermediary).toBeUndefined();
  });
});

describe('browse: every programme a municipality can use', () => {
  const result = match({ needs: [], targetGroups: [], size: null }, programmes, TODAY);
  const usable = { exact: [...result.exact], ended: [...result.ended] };

  it('lists all open programmes by title when nothing is asked', async () => {
    const answer = await ask('');
    expect(answer.mode).toBe('browse');
    expect(answer.profileText).toBe('');
    expect(idsOf(answer).sort()).toEqual(usable.exact.map((hit) => hit.programme.id).sort());
    const titles = answer.results.map((result) => result.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'de')));
    expect(answer.results.every((result) => result.reasons.length === 0 && result.score === null)).toBe(true);
    // A programme no municipality can apply for, and no way through another body, is never shown.
    expect(idsOf(answer)).not.toContain('bundesweite-verbaende');
    expect(answer.message).toBe(`${answer.total} Programme gefunden.`);
  });

  it('lists everything when the text says nothing the search can use', async () => {
    const answer = await ask(q('Guten Morgen'));
    expect(answer.mode).toBe('browse');
    expect(answer.recognized).toMatchObject({ needs: [], targetGroups: [], size: null });
  });

  it.each([
    { query: 'level=land', expected: usable.exact.filter((hit) => hit.programme.level === 'land') },
    { query: 'level=bund,stiftung', expected: usable.exact.filter((hit) => ['bund', 'stiftung'].includes(hit.programme.level)) },
    { query: 'deadlineWithinDays=20', expected: usable.exact.filter((hit) => hit.daysLeft !== null && hit.daysLeft <= 20) },
    { query: 'deadlineWithinDays=60', expected: usable.exact.filter((hit) => hit.daysLeft !== null && hit.daysLeft <= 60) },
    { query: 'status=ended', expected: usable.ended },
    { query: 'status=all', expected: [...usable.exact, ...usable.ended] },
  ])('filters: $query', async ({ query, expected }) => {
    const answer = await ask(query);
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(answer).sort()).toEqual(expected.map((hit) => hit.programme.id).sort());
  });

  it('shows ended programmes after the open ones, with their successor', async () => {
    const answer = await ask('status=all');
    const statuses = answer.results.map((result) => result.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => (a === b ? 0 : a === 'open' ? -1 : 1)));
    expect(answer.results.find((result) => result.id === 'einwanderung-gestalten')).toMatchObject({
      status: 'ended',
      deadline: 'beendet (seit 30.06.2020)',
      successor: { id: 'kim', title: 'Kommunales Integrationsmanagement (KIM)' },
    });
    expect(answer.message).toMatch(/Davon 2 beendet\.$/);
  });

  it('says so when the filters leave nothing', async () => {
    const answer = await ask('level=eu');
    expect(answer.total).toBe(0);
    expect(answer.message).toBe('Mit diesen Filtern bleibt kein Programm übrig. Ändern Sie die Filter.');
  });

  it('pages with limit and offset', async () => {
    const all = await ask('status=all');
    const page = await ask('status=all&limit=2&offset=2');
    expect(page.total).toBe(all.total);
    expect(idsOf(page)).toEqual(idsOf(all).slice(2, 4));
  });
});

describe('HTTP: methods, headers, pages', () => {
  it.each(['/api/programmes', '/tab', '/tab/tab.js', '/tab/MicrosoftTeams.min.js', '/datenschutz', '/nutzungsbedingungen'])(
    'HEAD %s: the headers of GET, no body',
    async (path) => {
      const [get, head] = await Promise.all([fetch(`${bot.url}${path}`), fetch(`${bot.url}${path}`, { method: 'HEAD' })]);
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect(head.headers.get('content-length')).toBe(String((await get.arrayBuffer()).byteLength));
      expect(await head.text()).toBe('');
    },
  );

  it.each([
    ['POST', '/api/programmes'],
    ['PUT', '/api/programmes'],
    ['DELETE', '/api/programmes'],
    ['PATCH', '/tab'],
    ['POST', '/tab/tab.js'],
    ['OPTIONS', '/datenschutz'],
  ])('%s %s: 405, only GET and HEAD', async (method, path) => {
    const response = await fetch(`${bot.url}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toEqual({ error: 'method_not_allowed', message: webTexts.api.methodNotAllowed(method) });
  });

  it('sends the security headers, with the frame ancestors Teams needs', async () => {
    for (const path of ['/tab', '/datenschutz', '/tab/tab.js']) {
      const response = await fetch(`${bot.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(
        'frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com https://*.microsoft365.com https://*.office.com https://*.cloud.microsoft',
      );
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const api = await fetch(`${bot.url}/api/programmes`);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the teams-js browser build, and 304 when it is unchanged', async () => {
    const response = await fetch(`${bot.url}/tab/MicrosoftTeams.min.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toContain('microsoftTeams');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${bot.url}/tab/MicrosoftTeams.min.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the tab page with labelled fields and no inline script', async () => {
    const page = await (await fetch(`${bot.url}/tab`)).text();
    expect(page).toContain('<html lang="de">');
    for (const id of ['q', 'need', 'targetGroup', 'size', 'level', 'soon', 'ended']) expect(page).toContain(`<label for="${id}">`);
    expect(page).toContain('<option value="frauen_familien">Frauen &amp; Familien</option>');
    // The only inline script is the JSON of the texts, which never runs.
    expect([...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].map((tag) => tag[0])).toEqual([
      '<script type="application/json" id="tab-texts">',
    ]);
  });

  it('serves short legal pages that say what is stored and where the operator fills in details', async () => {
    const privacy = await (await fetch(`${bot.url}/datenschutz`)).text();
    expect(privacy).toContain('<h1>Datenschutz</h1>');
    expect(privacy).toContain('Die Texte Ihrer Nachrichten stehen standardmäßig nicht darin.');
    expect(privacy).toContain('webTexts.legal.operator');
    const terms = await (await fetch(`${bot.url}/nutzungsbedingungen`)).text();
    expect(terms).toContain('<h1>Nutzungsbedingungen</h1>');
    expect(terms).toContain('Verbindlich sind allein die Unterlagen des Fördergebers');
  });

  it('answers a failing programme store with a short German 500, never a stack', async () => {
    const broken = await startTestBot({
      programmes: () => {
        throw new Error('store broke at /secret/path.js:12');
      },
    });
    try {
      const response = await fetch(`${broken.url}/api/programmes?need=sprache`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: 'internal_error', message: webTexts.api.internalError });
      expect(broken.logger.entries).toContainEqual(expect.objectContaining({ level: 'error', message: 'programmes request failed' }));
    } finally {
      await broken.close();
    }
  });

  it('keeps the search text out of the log', async () => {
    await ask(q('Geheimes Vorhaben für Sprachkurse'));
    expect(JSON.stringify(bot.logger.entries)).not.toContain('Geheimes');
  });
});
