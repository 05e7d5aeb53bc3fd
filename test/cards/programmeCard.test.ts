import { describe, expect, it } from 'vitest';
import { type FollowUpButton, programmeCard } from '../../src/cards/programmeCard.js';
import { match } from '../../src/domain/matcher.js';
import { feedbackCard } from '../../src/cards/followUpCards.js';
import { COMMENT_MAX } from '../../src/domain/demand.js';
import { followUpTexts } from '../../src/texts/chat.js';
import type { Programme } from '../../src/domain/programme.js';
import { PADERBORN, programme } from '../support/programmeBuilder.js';

const TODAY = '2026-11-26';
const wanted = { needs: ['sprache' as const], targetGroups: ['gefluechtete' as const], size: { class: 'klein' as const } };

function cardFor(entry: Programme, button?: FollowUpButton) {
  const result = match(wanted, [entry], TODAY);
  const hit = [...result.exact, ...result.closest, ...result.ended][0];
  if (hit === undefined) throw new Error('programme did not match');
  return programmeCard(hit, button);
}

type Block = { type: string; inlines?: { type: string; text: string }[] };
type Card = ReturnType<typeof programmeCard>;
const linesOf = (blocks: object[]) => (blocks as Block[]).map((block) => (block.inlines ?? []).map((inline) => inline.text).join(''));
const lines = (card: Card) => linesOf(card.body);
/** The actions are: the funder's page, keep (or drop) the programme, then "Details". */
const DETAILS = 2;
const details = (card: Card) => linesOf((card.actions[DETAILS] as { card: { body: object[] } }).card.body);

describe('programme card', () => {
  it('shows on the front what, who, how much, by when and why it fits', () => {
    const card = cardFor(
      programme({
        id: 'p',
        title: 'Sprachkurse vor Ort',
        funder: 'Land NRW (MKJFGFI)',
        summary: 'Gefördert werden Sprachkurse mit Kinderbetreuung. Die Kurse dauern ein Jahr.',
        fundingRate: 80,
        maxAmount: 50000,
        amountNote: 'je Kurs und Jahr',
        deadline: { kind: 'stichtag', date: '2026-12-08' },
      }),
    );
    expect(card.version).toBe('1.5');
    expect(lines(card)).toEqual([
      'Sprachkurse vor Ort',
      'Land NRW (MKJFGFI)',
      'Gefördert wird: Gefördert werden Sprachkurse mit Kinderbetreuung.',
      'Antragsberechtigt: Städte und Gemeinden, Kreise, kreisfreie Städte',
      'Antragsweg: Ihre Kommune stellt den Antrag selbst.',
      'Förderung: Zuschuss · bis 80 % der Kosten · höchstens 50.000 €',
      'Frist: bis 08.12.2026 – noch 12 Tage',
      '✓ passt zu Sprache · für Geflüchtete',
      'Stand: 01.11.2026',
    ]);
    expect(card.actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Zur Förderseite', url: 'https://example.org/p' });
    expect(card.actions.map((action) => (action as { title: string }).title)).toEqual(['Zur Förderseite', 'Merken', 'Details']);
  });

  it('lets a result be kept on the watchlist, and a watchlist entry be dropped again', () => {
    expect(cardFor(programme({ id: 'p', contact: 'Bezirksregierung' })).actions[1]).toEqual({
      type: 'Action.Submit',
      title: 'Merken',
      data: { action: 'watch', programmeId: 'p' },
    });
    expect(cardFor(programme({ id: 'p', contact: 'Bezirksregierung' }), 'watch').actions[1]).toEqual({
      type: 'Action.Submit',
      title: 'Merken',
      data: { action: 'watch', programmeId: 'p' },
    });
    const onWatchlist = cardFor(programme({ id: 'p', contact: 'Bezirksregierung' }), 'unwatch');
    expect(onWatchlist.actions[1]).toEqual({ type: 'Action.Submit', title: 'Entfernen', data: { action: 'unwatch', programmeId: 'p' } });
    expect(onWatchlist.actions[DETAILS]).toMatchObject({ type: 'Action.ShowCard', title: 'Details' });
  });

  it('keeps behind "Details" what the front does not say, and says on the front how fresh the facts are', () => {
    const card = cardFor(
      programme({
        id: 'p',
        summary: 'Erster Satz. Zweiter Satz.',
        amountNote: 'je Kurs und Jahr',
        fundingRate: 80,
        contact: 'Bezirksregierung Arnsberg',
        sourceUrl: 'https://example.org/quelle',
      }),
    );
    expect(card.actions[DETAILS]).toMatchObject({ type: 'Action.ShowCard', title: 'Details' });
    expect(details(card)).toEqual([
      'Zweiter Satz.',
      'Zur Höhe: je Kurs und Jahr',
      'Eigenanteil: mindestens 20 % der Kosten',
      'Kontakt: Bezirksregierung Arnsberg',
    ]);
    expect((card.actions[DETAILS] as { card: { actions: unknown[] } }).card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Quelle', url: 'https://example.org/quelle' },
    ]);
    expect(lines(card).at(-1)).toBe('Stand: 01.11.2026');
  });

  it('has no share of costs for a loan or a grant of 100 %, and no "Details" with nothing to add', () => {
    const loan = cardFor(programme({ id: 'p', summary: 'Ein Satz. Noch einer.', fundingType: 'darlehen', fundingRate: 50 }));
    expect(details(loan)).toEqual(['Noch einer.']);
    const full = cardFor(programme({ id: 'p', summary: 'Ein Satz. Noch einer.', fundingRate: 100 }));
    expect(details(full)).toEqual(['Noch einer.']);
    // One sentence, no note, no contact, the source is the application page: nothing to open.
    const bare = cardFor(programme({ id: 'p', summary: 'Nur ein Satz.' }));
    expect(bare.actions.map((action) => (action as { title: string }).title)).toEqual(['Zur Förderseite', 'Merken']);
    const elsewhere = cardFor(programme({ id: 'p', summary: 'Nur ein Satz.', sourceUrl: 'https://example.org/quelle' }));
    expect(elsewhere.actions.at(-1)).toEqual({ type: 'Action.OpenUrl', title: 'Quelle', url: 'https://example.org/quelle' });
  });

  it('cuts a long first sentence to about three lines on a phone', () => {
    const card = cardFor(programme({ id: 'p', summary: `${'Sehr lange Beschreibung '.repeat(20)}.` }));
    const teaser = lines(card)[2] ?? '';
    expect(teaser.length).toBeLessThanOrEqual('Gefördert wird: '.length + 160);
    expect(teaser.endsWith(' …')).toBe(true);
  });

  it('names the level only where the funder does not say it', () => {
    expect(lines(cardFor(programme({ id: 'p', funder: 'BAMF', level: 'bund' })))[1]).toBe('BAMF · Bundesprogramm');
    expect(lines(cardFor(programme({ id: 'p', funder: 'Bund (BMI)', level: 'bund' })))[1]).toBe('Bund (BMI)');
  });

  it('shows how a municipality gets the money when it cannot apply itself', () => {
    const card = cardFor(programme({ id: 'p', applicants: ['freier_traeger'], viaIntermediary: 'Über die Wohlfahrtsverbände vor Ort.' }));
    expect(lines(card)).toContain('Antragsweg: Über die Wohlfahrtsverbände vor Ort.');
    expect(lines(card)).toContain('Antragsberechtigt: freie Träger');
  });

  it.each([
    { deadline: { kind: 'laufend' } as const, text: 'Frist: laufend' },
    { deadline: { kind: 'beendet', date: '2020-06-30' } as const, text: 'Frist: beendet (seit 30.06.2020)' },
    { deadline: { kind: 'stichtag', date: '2026-11-26' } as const, text: 'Frist: bis 26.11.2026 – endet heute' },
    { deadline: { kind: 'stichtag', date: '2026-11-27' } as const, text: 'Frist: bis 27.11.2026 – noch 1 Tag' },
    { deadline: { kind: 'stichtag', date: '2026-10-31' } as const, text: 'Frist: abgelaufen am 31.10.2026' },
  ])('deadline $deadline.kind $deadline.date reads "$text"', ({ deadline, text }) => {
    expect(lines(cardFor(programme({ id: 'p', deadline })))).toContain(text);
  });

  it('never lets store text become markdown, a link or HTML', () => {
    const card = cardFor(
      programme({
        id: 'p',
        title: '**Neu** [hier klicken](https://evil.example)',
        summary: '<b>fett</b> _kursiv_ # Titel\u202e. **Zweiter** [Satz](https://evil.example).',
        funder: '![bild](https://evil.example/x.png)',
      }),
    );
    const blocks = [...(card.body as Block[]), ...(card.actions[DETAILS] as { card: { body: Block[] } }).card.body];
    expect(
      blocks.every((block) => block.type === 'RichTextBlock' && (block.inlines ?? []).every((inline) => inline.type === 'TextRun')),
    ).toBe(true);
    expect(lines(card)[0]).toBe('**Neu** [hier klicken](https://evil.example)');
    expect(lines(card)[2]).toBe('Gefördert wird: <b>fett</b> _kursiv_ # Titel.');
  });

  it('says what does not fit when it is only a near match', () => {
    const result = match(
      { ...wanted, targetGroups: ['frauen_familien'] },
      [programme({ id: 'p', targetGroups: ['kinder_jugendliche'] })],
      TODAY,
    );
    const [hit] = result.closest;
    expect(hit && lines(programmeCard(hit))).toContain('✗ nicht eigens für Frauen & Familien');
  });

  it('stays small enough for a carousel of ten, plus the feedback card of a first page, within Teams’ message limit', () => {
    const long = programme({
      id: 'p',
      title: 'T'.repeat(120),
      summary: 'S'.repeat(600),
      amountNote: 'A'.repeat(300),
      viaIntermediary: 'V'.repeat(300),
      applicants: ['freier_traeger'],
    });
    // The feedback card names the search it rates by an id of at most 100 characters.
    expect(
      JSON.stringify(cardFor(long)).length * 10 + JSON.stringify(feedbackCard(followUpTexts.feedback, COMMENT_MAX, 'i'.repeat(100))).length,
    ).toBeLessThan(80_000);
  });
});

describe('a programme a kreisangehörige Gemeinde reaches through its Kreis', () => {
  it('says so, naming the Kreis, on the front of the card', () => {
    const result = match(
      {
        needs: ['sprache'],
        targetGroups: ['gefluechtete'],
        size: { class: 'grossstadt', inhabitants: 152_000 },
        municipality: PADERBORN,
      },
      [programme({ id: 'p', applicants: ['kreis', 'kreisfreie_stadt'] })],
      TODAY,
    );
    const [hit] = [...result.exact];
    const text = JSON.stringify(hit && programmeCard(hit));
    expect(text).toContain('Den Antrag stellt der Kreis Paderborn');
    // Said once, on its own line: the ✓ line does not repeat it.
    expect(text).not.toContain('Antrag über den Kreis');
  });
});

describe('the route when the municipality cannot simply apply itself', () => {
  it('tells a kreisangehörige Gemeinde it applies itself with its own Jugendamt, else its Kreis does', () => {
    const [hit] = [
      ...match(
        { ...wanted, size: { class: 'grossstadt', inhabitants: 152_000 }, municipality: PADERBORN },
        [programme({ id: 'p', onlyWithOwn: 'jugendamt' })],
        TODAY,
      ).exact,
    ];
    expect(hit && lines(programmeCard(hit))).toContain(
      'Antragsweg: Mit eigenem Jugendamt stellt Ihre Kommune den Antrag selbst, sonst der Kreis Paderborn.',
    );
  });

  it('says who takes part, and how they are chosen, when there is no application', () => {
    const card = cardFor(
      programme({ id: 'p', applicants: ['gemeinde'], withoutApplication: 'Das Land wählt die Schulen nach dem Sozialindex aus.' }),
    );
    expect(lines(card)).toContain('Teilnehmen können: Städte und Gemeinden');
    expect(lines(card)).toContain('Antragsweg: Das Land wählt die Schulen nach dem Sozialindex aus.');
    expect(lines(card).some((line) => line.startsWith('Antragsberechtigt:'))).toBe(false);
  });

  it('says that people apply themselves when only they can', () => {
    expect(lines(cardFor(programme({ id: 'p', applicants: ['person'] })))).toContain(
      'Antragsweg: Den Antrag stellen die Menschen selbst; Ihre Kommune kann auf das Programm hinweisen.',
    );
  });
});
