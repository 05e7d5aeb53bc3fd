import { describe, expect, it } from 'vitest';
import { answerProgrammes } from '../../src/http/programmesAnswer.js';
import { parseProgrammesQuery, queryProblemText } from '../../src/http/programmesQuery.js';
import { programme } from '../support/programmeBuilder.js';

/** The tab's answer says the route as the chat's card does, also for programmes nobody applies for. */

const TODAY = '2026-11-26';
const chosen = programme({
  id: 'ausgewaehlt',
  needs: ['bildung'],
  targetGroups: ['kinder_jugendliche'],
  withoutApplication: 'Das Land wählt die Schulen aus.',
});
const forPeople = programme({ id: 'personen', needs: ['bildung'], targetGroups: ['kinder_jugendliche'], applicants: ['person'] });

const answer = (search: string) => {
  const parsed = parseProgrammesQuery(new URLSearchParams(search));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
  return answerProgrammes(parsed.query, [chosen, forPeople], TODAY);
};

describe('the route in the tab’s answer', () => {
  it('says how participants are chosen when there is no application, in a search and when browsing', () => {
    for (const search of ['need=bildung&targetGroup=kinder_jugendliche', '']) {
      const result = answer(search).results.find((entry) => entry.id === 'ausgewaehlt');
      expect(result?.withoutApplication).toBe('Das Land wählt die Schulen aus.');
    }
    expect(answer('need=bildung').results.find((entry) => entry.id === 'ausgewaehlt')).toMatchObject({
      access: 'information',
      route: 'Das Land wählt die Schulen aus.',
    });
  });

  it('says that people apply themselves when only they can', () => {
    expect(answer('need=bildung').results.find((entry) => entry.id === 'personen')).toMatchObject({
      access: 'information',
      route: 'Den Antrag stellen die Menschen selbst; Ihre Kommune kann auf das Programm hinweisen.',
    });
  });
});

describe('the list of all programmes', () => {
  const later = programme({ id: 'a', title: 'A-Programm', deadline: { kind: 'stichtag', date: '2027-01-05' } });
  const sooner = programme({ id: 'b', title: 'B-Programm', deadline: { kind: 'stichtag', date: '2026-12-01' } });
  const list = (search: string) => {
    const parsed = parseProgrammesQuery(new URLSearchParams(search));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    return answerProgrammes(parsed.query, [later, sooner], TODAY).results.map((result) => result.id);
  };

  it('is alphabetical, and by the nearest deadline when filtered by deadline', () => {
    expect(list('')).toEqual(['a', 'b']);
    expect(list('deadlineWithinDays=60')).toEqual(['b', 'a']);
  });
});

describe('the name filter of the list („Name oder Stichwort“)', () => {
  const kita = programme({ id: 'kita', title: 'Sprachförderung in Kitas', funder: 'Land NRW' });
  const bank = programme({ id: 'bank', title: 'Darlehen für Flüchtlingsunterkünfte', funder: 'NRW.BANK', level: 'land' });
  const quarter = programme({ id: 'quartier', title: 'Zusammenhalt im Quartier', funder: 'Bund', level: 'bund' });
  const named = (search: string) => {
    const parsed = parseProgrammesQuery(new URLSearchParams(search));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    return answerProgrammes(parsed.query, [kita, bank, quarter], TODAY);
  };

  it.each([
    ['name=Förder', ['kita']],
    ['name=forder', ['kita']],
    ['name=FOERDER', ['kita']],
    ['name=fluchtling', ['bank']],
    // The funder counts too; words may come in any order and need not follow one another.
    ['name=nrw', ['bank', 'kita']],
    ['name=nrw.bank', ['bank']],
    ['name=kitas sprach', ['kita']],
    ['name=quartier bund', ['quartier']],
    ['name=quartier land', []],
    // An empty field filters nothing.
    ['name=%20%20', ['bank', 'kita', 'quartier']],
  ])('%s lists %j', (search, ids) => {
    expect(named(search).results.map((result) => result.id)).toEqual(ids);
  });

  it('says when no programme has the name, and when the other filters leave none with it', () => {
    expect(named('name=Schule').message).toBe(
      'Kein Programm hat „Schule“ im Namen oder beim Fördergeber. Prüfen Sie die Schreibweise oder versuchen Sie ein anderes Stichwort.',
    );
    expect(named('name=quartier&level=land')).toMatchObject({
      total: 0,
      message:
        'Kein Programm mit „quartier“ im Namen oder beim Fördergeber passt zu diesen Filtern. Ändern Sie das Stichwort oder die Filter.',
    });
  });

  it('refuses a name longer than 100 characters, saying so', () => {
    const parsed = parseProgrammesQuery(new URLSearchParams(`name=${'a'.repeat(101)}`));
    if (parsed.ok) throw new Error('a name of 101 characters was accepted');
    expect(parsed.problem).toEqual({ kind: 'invalidValue', name: 'name', value: `${'a'.repeat(39)}…` });
    expect(queryProblemText(parsed.problem)).toMatch(/für „name“\. Erwartet: Freitext mit höchstens 100 Zeichen\.$/);
  });
});
