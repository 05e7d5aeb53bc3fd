import { describe, expect, it } from 'vitest';
import { answerProgrammes } from '../../src/http/programmesAnswer.js';
import { parseProgrammesQuery } from '../../src/http/programmesQuery.js';
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
      route: 'Den Antrag stellen die Menschen selbst; Ihre Kommune kann darauf hinweisen.',
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
