import { describe, expect, it } from 'vitest';
import { texts } from '../../src/texts/chat.js';
import { type Reply, dialogClient } from '../support/dialogHarness.js';

/** A conversation as a table: what the user says, then fragments each reply of that turn must contain, in order. */
type Turn = [userSays: string, botAnswers: string[]];

const SPRACHE_RESULT = 'Ich suche nach: Sprache · Geflüchtete + Frauen & Familien · Gemeinde mit 8.000 Einwohnern';

const conversations: { name: string; turns: Turn[] }[] = [
  {
    name: 'full path, one question at a time',
    turns: [
      ['Hallo', [texts.ask.needs]],
      ['Sprache', [texts.ask.targetGroups]],
      ['Frauen & Familien', [texts.ask.size]],
      ['ca. 45 Tsd.', ['Ich suche nach: Sprache · Frauen & Familien · Mittlere Stadt mit 45.000 Einwohnern', texts.nextPrompt]],
    ],
  },
  {
    name: 'one sentence fills every slot',
    turns: [['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', [SPRACHE_RESULT, texts.nextPrompt]]],
  },
  {
    name: 'one sentence with a gap: only the missing question is asked',
    turns: [
      ['Sprachkurse für geflüchtete Frauen', [texts.ask.size]],
      ['8.000', [SPRACHE_RESULT, texts.nextPrompt]],
    ],
  },
  {
    name: 'choices by number and by German ordinal',
    turns: [
      ['Hallo', [texts.ask.needs]],
      ['3', [texts.ask.targetGroups]],
      ['die vierte', [texts.ask.size]],
      ['eins', ['Ich suche nach: Sprache · Frauen & Familien · Gemeinde unter 25.000 Einwohnern', texts.nextPrompt]],
    ],
  },
  {
    name: 'an answer that also names the size fills both',
    turns: [
      ['Sprache', [texts.ask.targetGroups]],
      [
        'Frauen in einer Gemeinde mit 8.000 Einwohnern',
        ['Ich suche nach: Sprache · Frauen & Familien · Gemeinde mit 8.000 Einwohnern', texts.nextPrompt],
      ],
    ],
  },
  {
    name: 'a thank-you or a greeting gets a friendly word and the same question again',
    turns: [
      ['Sprachkurse', [texts.ask.targetGroups]],
      ['Danke!', [texts.thanks, texts.ask.targetGroups]],
      ['Hallo', [texts.greetingDuringSearch, texts.ask.targetGroups]],
      ['Geflüchtete', [texts.ask.size]],
    ],
  },
  {
    name: 'after the results, thanks are answered and the results stay where they were',
    turns: [
      ['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', [SPRACHE_RESULT, texts.nextPrompt]],
      ['Vielen Dank', [texts.thanks, texts.nextPrompt]],
      ['Zielgruppe ändern', [texts.ask.targetGroups]],
    ],
  },
  {
    name: 'thanks with no search running get a short answer, no question',
    turns: [['Danke schön', [texts.thanksAfterSearch]]],
  },
  {
    name: 'unrecognised input re-asks with a hint, then goes on',
    turns: [
      ['Guten Morgen', [texts.ask.needs]],
      ['blablub', [texts.retry.needs]],
      ['Wohnraum', [texts.ask.targetGroups]],
      ['xyz', [texts.retry.targetGroups]],
      ['Geflüchtete', [texts.ask.size]],
      ['weiß nicht', [texts.retry.size]],
    ],
  },
  {
    name: '"hilfe" explains the current step and asks again',
    turns: [
      ['hilfe', [texts.help.general, texts.ask.needs]],
      ['Hilfe', [texts.help.needs, texts.ask.needs]],
      ['Wohnen', [texts.ask.targetGroups]],
      ['hilfe', [texts.help.targetGroups, texts.ask.targetGroups]],
      ['Geflüchtete', [texts.ask.size]],
      ['?', [texts.help.size, texts.ask.size]],
    ],
  },
  {
    name: '"abbrechen" asks first; "nein" goes on, "ja" ends the search',
    turns: [
      ['Sprache', [texts.ask.targetGroups]],
      ['abbrechen', [texts.cancelConfirm]],
      ['nein', [texts.cancelNotConfirmed, texts.ask.targetGroups]],
      ['Geflüchtete', [texts.ask.size]],
      ['abbrechen', [texts.cancelConfirm]],
      ['vielleicht', [texts.cancelConfirm]],
      ['ja', [texts.cancelled]],
      ['abbrechen', [texts.nothingToCancel]],
      ['Wohnraum', [texts.ask.targetGroups]],
    ],
  },
  {
    name: '"neu" and "neue Suche" start over',
    turns: [
      ['Sprache für Geflüchtete', [texts.ask.size]],
      ['neue Suche', [texts.restarting, texts.ask.needs]],
      ['Wohnen', [texts.ask.targetGroups]],
      ['neu', [texts.restarting, texts.ask.needs]],
    ],
  },
  {
    name: '"zurück" goes back one question',
    turns: [
      ['Hallo', [texts.ask.needs]],
      ['zurück', [texts.back.atStart, texts.ask.needs]],
      ['Sprache', [texts.ask.targetGroups]],
      ['Geflüchtete', [texts.ask.size]],
      ['zurück', [texts.ask.targetGroups]],
      ['zurück', [texts.ask.needs]],
      ['Wohnen', [texts.ask.targetGroups]],
    ],
  },
  {
    name: 'after the results: change one answer without starting over',
    turns: [
      ['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', [SPRACHE_RESULT, texts.nextPrompt]],
      ['Zielgruppe ändern', [texts.ask.targetGroups]],
      ['Kinder', ['Ich suche nach: Sprache · Kinder, Jugendliche & junge Erwachsene · Gemeinde mit 8.000 Einwohnern', texts.nextPrompt]],
      ['eher Wohnen', ['Ich suche nach: Wohnen & Unterbringung · Kinder, Jugendliche & junge Erwachsene', texts.nextPrompt]],
      // A number alone is the size here; a small one picks a button.
      [
        'ca. 45 Tsd.',
        ['Ich suche nach: Wohnen & Unterbringung · Kinder, Jugendliche & junge Erwachsene · Mittlere Stadt', texts.nextPrompt],
      ],
      ['3', [texts.ask.size]],
      ['8.000', ['Gemeinde mit 8.000 Einwohnern', texts.nextPrompt]],
      ['Kommune ändern', [texts.ask.size]],
      ['Kreis', ['Kreis', texts.nextPrompt]],
      ['Neue Suche', [texts.restarting, texts.ask.needs]],
    ],
  },
  {
    name: 'after the results: "zurück" re-asks the last answer, "hilfe" explains the choices',
    turns: [
      ['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', [SPRACHE_RESULT, texts.nextPrompt]],
      ['hilfe', [texts.help.results, texts.nextPrompt]],
      ['was?', [texts.nextRetry]],
      ['zurück', [texts.ask.size]],
    ],
  },
  {
    name: 'a guess is confirmed before it counts; "ja" takes it',
    turns: [
      ['Sprachkurse für Frauem', [texts.clarify('targetGroups', ['Frauen & Familien'])]],
      ['ja', [texts.ask.size]],
      ['8.000', ['Ich suche nach: Sprache · Frauen & Familien · Gemeinde mit 8.000 Einwohnern', texts.nextPrompt]],
    ],
  },
  {
    name: '"Nichts davon" drops the guess and asks the question plainly',
    turns: [
      ['Sprachkurse für Frauem', [texts.clarify('targetGroups', ['Frauen & Familien'])]],
      ['Nichts davon', [texts.ask.targetGroups]],
      ['Jugendliche', [texts.ask.size]],
    ],
  },
  {
    name: '"keine" to a plain question is no answer: the question comes again with a hint',
    turns: [
      ['Sprache', [texts.ask.targetGroups]],
      ['keine', [texts.retry.targetGroups]],
      ['egal', [texts.ask.size]],
    ],
  },
  {
    name: 'an answer to another question is kept, and the open one asked again',
    turns: [
      ['Sprache', [texts.ask.targetGroups]],
      ['Wir sind ein Kreis', [texts.ask.targetGroups]],
      ['Geflüchtete', ['Ich suche nach: Sprache · Geflüchtete · Kreis', texts.nextPrompt]],
    ],
  },
  {
    name: 'what a reply changed is said back in one message with the next question',
    turns: [
      ['Wir suchen Förderung für Wohnraum für Geflüchtete', [`Verstanden: Wohnen & Unterbringung · Geflüchtete.\n\n${texts.ask.size}`]],
      ['neue Suche', [texts.restarting, texts.ask.needs]],
      ['die zweite', [`Verstanden: Arbeit & Ausbildung.\n\n${texts.ask.targetGroups}`]],
      ['Jugendliche', [`Verstanden: Kinder, Jugendliche & junge Erwachsene.\n\n${texts.ask.size}`]],
      [
        'ca. 45 Tsd. EW',
        ['Ich suche nach: Arbeit & Ausbildung · Kinder, Jugendliche & junge Erwachsene · Mittlere Stadt', texts.nextPrompt],
      ],
      ['Zielgruppe ändern', [texts.ask.targetGroups]],
      // An answer to another question than the one asked is said back, and the open question comes again.
      ['eher Gesundheit', [`Verstanden: Gesundheit & psychosoziale Versorgung.\n\n${texts.ask.targetGroups}`]],
      ['Frauen', ['Ich suche nach: Gesundheit & psychosoziale Versorgung · Frauen & Familien', texts.nextPrompt]],
      ['nicht für Frauen', [`Verstanden: ohne Frauen & Familien.\n\n${texts.ask.targetGroups}`]],
    ],
  },
  {
    name: '"zurück" after the results goes back to the results shown before, page by page, then to the questions',
    turns: [
      ['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', [SPRACHE_RESULT, texts.nextPrompt]],
      ['eher Wohnen', ['Ich suche nach: Wohnen & Unterbringung · Geflüchtete + Frauen & Familien', texts.nextPrompt]],
      ['zurück', [SPRACHE_RESULT, texts.nextPrompt]],
      ['Zielgruppe ändern', [texts.ask.targetGroups]],
      ['zurück', [SPRACHE_RESULT, texts.nextPrompt]],
      ['zurück', [texts.ask.size]],
      ['zurück', [texts.ask.targetGroups]],
    ],
  },
  {
    name: 'after the results: what the search already is, or "mehr" on the last page, keeps the cards and asks again',
    turns: [
      ['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', [SPRACHE_RESULT, texts.nextPrompt]],
      ['Sprache', [texts.alreadySearching, texts.nextPrompt]],
      ['mehr', [texts.noMoreResults, texts.nextPrompt]],
      // "mehr" inside a sentence is an answer, not the button.
      ['nicht mehr Frauen', ['Ich suche nach: Sprache · Geflüchtete · Gemeinde mit 8.000 Einwohnern', texts.nextPrompt]],
    ],
  },
  {
    name: '"0" picks no button',
    turns: [
      ['Hallo', [texts.ask.needs]],
      ['0', [texts.retry.needs]],
    ],
  },
  {
    name: '"zurück" at a question goes to the question before it, and stops at the first',
    turns: [
      ['Frauen, Gemeinde mit 8.000 Einwohnern', [`Verstanden: Frauen & Familien · Gemeinde mit 8.000 Einwohnern.\n\n${texts.ask.needs}`]],
      ['zurück', [texts.back.atStart, texts.ask.needs]],
      ['Sprache', [SPRACHE_RESULT.replace('Geflüchtete + ', ''), texts.nextPrompt]],
      ['zurück', [texts.ask.needs]],
      ['zurück', [texts.back.atStart, texts.ask.needs]],
    ],
  },
  {
    name: 'after the results: a correction or a negation changes the search',
    turns: [
      ['Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', [SPRACHE_RESULT, texts.nextPrompt]],
      [
        'nicht Frauen, sondern Jugendliche',
        ['Ich suche nach: Sprache · Kinder, Jugendliche & junge Erwachsene · Gemeinde mit 8.000 Einwohnern', texts.nextPrompt],
      ],
      ['eigentlich eher Wohnen', ['Ich suche nach: Wohnen & Unterbringung · Kinder, Jugendliche & junge Erwachsene', texts.nextPrompt]],
      ['nicht für Jugendliche', [texts.ask.targetGroups]],
    ],
  },
];

const FEEDBACK = 'War diese Suche hilfreich?';
const FOLLOW_UPS = ['Handlungsfeld ändern', 'Zielgruppe ändern', 'Kommune ändern', 'Suche speichern', 'Neue Suche'];

/** The first page of a search ends with the feedback card: one tap rates the search, a typed comment comes along. */
function expectFeedbackCardLast(results: Reply | undefined) {
  expect(results?.cardTitles.at(-1)).toBe(FEEDBACK);
  expect(results?.cardTitles.filter((title) => title === FEEDBACK)).toHaveLength(1);
  const feedback = results?.cards.at(-1);
  expect(feedback?.body[0]).toMatchObject({ type: 'TextBlock', text: FEEDBACK });
  expect(feedback?.body).toContainEqual(expect.objectContaining({ type: 'Input.Text', id: 'comment' }));
  expect(feedback?.actions).toHaveLength(2);
  expect(feedback?.actions).toMatchObject([
    { type: 'Action.Submit', title: '👍 Ja', data: { action: 'feedback', helpful: true } },
    { type: 'Action.Submit', title: '👎 Nein', data: { action: 'feedback', helpful: false } },
  ]);
}

describe('search conversations', () => {
  it.each(conversations)('$name', async ({ turns }) => {
    const say = dialogClient();
    for (const [userSays, expected] of turns) {
      const replies = await say(userSays);
      expect(
        replies.map((reply) => reply.text),
        `after "${userSays}"`,
      ).toHaveLength(expected.length);
      expected.forEach((fragment, index) => expect(replies[index]?.text, `reply ${index + 1} to "${userSays}"`).toContain(fragment));
    }
  });
});

describe('saying back what was understood', () => {
  it('says it once: asked again after "hilfe", the question stands alone', async () => {
    const say = dialogClient();
    expect((await say('Sprachkurse für Frauen')).map((reply) => reply.text)).toEqual([
      `Verstanden: Sprache · Frauen & Familien.\n\n${texts.ask.size}`,
    ]);
    expect((await say('hilfe')).map((reply) => reply.text)).toEqual([texts.help.size, texts.ask.size]);
  });

  it('says nothing back when a reply changed nothing', async () => {
    const say = dialogClient();
    await say('Sprachkurse');
    await say('Wir sind ein Kreis');
    const [again] = await say('Kreis');
    expect(again?.text).toBe(texts.ask.targetGroups);
  });
});

describe('"zurück" after the results', () => {
  it('returns to the page shown before; a search shown again asks for no second rating', async () => {
    const say = dialogClient({ resultsPerPage: 1 });
    const [first] = await say('Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern');
    expect(first?.cardTitles).toEqual(['Sprachkurse für Frauen mit Kinderbetreuung', FEEDBACK]);
    const [second] = await say('Weitere Ergebnisse');
    expect(second?.cardTitles).toEqual(['Sprachcafés im Ehrenamt']);
    const [back, next] = await say('zurück');
    expect(back?.cardTitles).toEqual(['Sprachkurse für Frauen mit Kinderbetreuung']);
    expect(next?.buttons).toEqual(['Weitere Ergebnisse', ...FOLLOW_UPS]);
  });
});

describe('results', () => {
  it('shows a carousel of programme cards, best first, with the follow-up buttons', async () => {
    const say = dialogClient();
    const [results, next] = await say('Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern');
    expect(results?.cardTitles).toEqual(['Sprachkurse für Frauen mit Kinderbetreuung', 'Sprachcafés im Ehrenamt', FEEDBACK]);
    expectFeedbackCardLast(results);
    // The rating names the search it is about, since the user may change an answer before tapping.
    const searchIds = results?.cards.at(-1)?.actions.map((action) => (action as { data: { searchId?: unknown } }).data.searchId);
    expect(searchIds).toEqual([expect.any(String), expect.any(String)]);
    expect(new Set(searchIds).size).toBe(1);
    expect(results?.text).toContain('Ich habe 2 passende Programme gefunden');
    // The ended ones follow the cards, so that the note cannot be read as describing them.
    expect(results?.text).not.toContain('Nicht mehr offen');
    expect(next?.text).toContain(
      'Nicht mehr offen, zur Information:\n- Sprachförderung Bund, Aufruf 2026 (Frist abgelaufen am 31.10.2026)',
    );
    expect(next?.buttons).toEqual(FOLLOW_UPS);
  });

  it('pages with "Weitere Ergebnisse" and says when there are no more', async () => {
    const say = dialogClient({ resultsPerPage: 1 });
    const [first, next] = await say('Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern');
    expect(first?.cardTitles).toEqual(['Sprachkurse für Frauen mit Kinderbetreuung', FEEDBACK]);
    expectFeedbackCardLast(first);
    expect(next?.buttons).toEqual(['Weitere Ergebnisse', ...FOLLOW_UPS]);
    const [second, nextAgain] = await say('Weitere Ergebnisse');
    // The search was rated on its first page already: later pages hold only programme cards.
    expect(second?.cardTitles).toEqual(['Sprachcafés im Ehrenamt']);
    expect(second?.text).toContain('Programme 2 bis 2 von 2');
    expect(nextAgain?.buttons).toEqual(FOLLOW_UPS);
    const [noMore] = await say('mehr');
    expect(noMore?.text).toBe(texts.noMoreResults);
  });

  it('asks for feedback again when a changed search starts over at its first page', async () => {
    const say = dialogClient({ resultsPerPage: 1 });
    await say('Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern');
    const [second] = await say('Weitere Ergebnisse');
    expect(second?.cardTitles).not.toContain(FEEDBACK);
    await say('Zielgruppe ändern');
    const [changed] = await say('Kinder');
    expect(changed?.text).toContain('Ich suche nach: Sprache · Kinder, Jugendliche & junge Erwachsene');
    expect(changed?.cardTitles).toHaveLength(2);
    expectFeedbackCardLast(changed);
  });

  it('says plainly when nothing fits exactly and shows the closest with what does not fit', async () => {
    const say = dialogClient();
    const [results] = await say('Beratung für Frauen, Gemeinde mit 8.000 Einwohnern');
    expect(results?.text).toContain(texts.noExactMatch);
    expect(results?.cardTitles).toEqual(['Kommunales Integrationsmanagement (KIM)', 'Beratung für junge Zugewanderte', FEEDBACK]);
    expectFeedbackCardLast(results);
  });

  it('names an ended programme and its successor', async () => {
    const say = dialogClient();
    const [results, next] = await say('Integrationsmanagement für Neuzugewanderte, Kreis Lippe');
    expect(results?.cardTitles).toEqual(['Kommunales Integrationsmanagement (KIM)', FEEDBACK]);
    expectFeedbackCardLast(results);
    expect(next?.text).toContain(
      'Einwanderung gestalten NRW (beendet seit 30.06.2020; Nachfolger: Kommunales Integrationsmanagement (KIM))',
    );
  });

  it('says plainly when none of the programmes is one the municipality applies for itself', async () => {
    const throughKreis = await dialogClient()('Integrationsmanagement für Neuzugewanderte, Gemeinde mit 8.000 Einwohnern');
    expect(throughKreis[0]?.cardTitles).toContain('Kommunales Integrationsmanagement (KIM)');
    expect(throughKreis[0]?.text).toContain(texts.noneToApplyItself);
    const itself = await dialogClient()('Integrationsmanagement für Neuzugewanderte, Kreis Lippe');
    expect(itself[0]?.text).not.toContain(texts.noneToApplyItself);
  });

  it('says so when no programme at all is open to the municipality', async () => {
    const say = dialogClient();
    const [results] = await say('Rückkehrberatung für Geflüchtete, Kreis');
    expect(results?.text).toContain(texts.nothingAtAll);
    // No programme card; the carousel holds only the feedback card, since an empty search is worth rating too.
    expect(results?.cardTitles).toEqual([FEEDBACK]);
    expectFeedbackCardLast(results);
  });
});
