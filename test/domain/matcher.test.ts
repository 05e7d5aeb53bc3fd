import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { type MatchResult, match, rankAmong, rankedHits } from '../../src/domain/matcher.js';
import { validateProgrammes } from '../../src/domain/programme.js';
import { NEEDS, type Profile, SIZE_CLASSES, TARGET_GROUPS } from '../../src/domain/taxonomy.js';
import { PADERBORN, programme } from '../support/programmeBuilder.js';
import { QUERIES } from '../../bench/matcher.js';
import { BENCH_TODAY, generateProgrammes } from '../../bench/programmeGenerator.js';
import { reasonText } from '../../src/texts/labels.js';

const TODAY = '2026-11-26';
const profile = (overrides: Partial<Profile>): Profile => ({
  needs: ['sprache'],
  targetGroups: ['gefluechtete'],
  size: { class: 'klein', inhabitants: 8000 },
  ...overrides,
});
const ids = (hits: Iterable<{ programme: { id: string } }>) => [...hits].map((hit) => hit.programme.id);

describe('hard rules', () => {
  it.each([
    { rule: 'a running programme is open', deadline: { kind: 'laufend' } as const, open: true },
    { rule: 'a deadline today is still open', deadline: { kind: 'stichtag', date: '2026-11-26' } as const, open: true },
    { rule: 'a deadline yesterday is not', deadline: { kind: 'stichtag', date: '2026-11-25' } as const, open: false },
    { rule: 'an ended programme is not', deadline: { kind: 'beendet', date: '2030-01-01' } as const, open: false },
    {
      rule: 'a programme waiting for its next round is shown, to prepare for it',
      deadline: { kind: 'naechste_runde', previous: '2025-09-30' } as const,
      open: true,
    },
  ])('$rule', ({ deadline, open }) => {
    const result = match(profile({}), [programme({ id: 'p', deadline })], TODAY);
    expect(ids(result.exact)).toEqual(open ? ['p'] : []);
    expect(ids(result.ended)).toEqual(open ? [] : ['p']);
    expect([...result.ended].every((hit) => hit.status === 'ended')).toBe(true);
  });

  it.each([
    { size: 'klein', allowed: ['kreis', 'grossstadt'], offered: false },
    { size: 'kreis', allowed: ['kreis', 'grossstadt'], offered: true },
    { size: 'grossstadt', allowed: ['kreis', 'grossstadt'], offered: true },
    { size: 'mittel', allowed: undefined, offered: true },
  ] as const)('size class $size against $allowed → offered: $offered', ({ size, allowed, offered }) => {
    const programmes = [
      programme({ id: 'p', sizeClasses: allowed ? [...allowed] : undefined, applicants: ['gemeinde', 'kreis', 'kreisfreie_stadt'] }),
    ];
    expect(ids(match(profile({ size: { class: size } }), programmes, TODAY).exact)).toEqual(offered ? ['p'] : []);
  });

  it('an unknown size does not filter by size', () => {
    const programmes = [programme({ id: 'p', sizeClasses: ['kreis'] })];
    expect(ids(match(profile({ size: null }), programmes, TODAY).exact)).toEqual(['p']);
  });

  it.each([
    { who: 'a Gemeinde applies for a Gemeinde programme', size: 'klein', applicants: ['gemeinde'], via: undefined, access: 'direct' },
    { who: 'a Kreis cannot apply for a Gemeinde programme', size: 'kreis', applicants: ['gemeinde'], via: undefined, access: null },
    {
      who: 'a kreisfreie Stadt applies for a kreisfreie-Stadt programme',
      size: 'grossstadt',
      applicants: ['kreisfreie_stadt'],
      via: undefined,
      access: 'direct',
    },
    {
      who: 'a Gemeinde gets a Träger programme only through its intermediary',
      size: 'klein',
      applicants: ['freier_traeger'],
      via: 'Über die Wohlfahrtsverbände vor Ort.',
      access: 'intermediary',
    },
    {
      who: 'a programme only for nationwide organisations is never offered',
      size: 'klein',
      applicants: ['verein'],
      via: undefined,
      access: null,
    },
  ] as const)('$who', ({ size, applicants, via, access }) => {
    const result = match(
      profile({ size: { class: size } }),
      [programme({ id: 'p', applicants: [...applicants], viaIntermediary: via })],
      TODAY,
    );
    const hit = [...result.exact, ...result.closest][0];
    expect(hit?.access ?? null).toBe(access);
    if (access === 'intermediary') expect(hit?.reasons).toContainEqual({ kind: 'viaIntermediary' });
  });
});

describe('ranking', () => {
  it.each([
    {
      order: 'need fit first: covering both requested needs beats covering one',
      wanted: profile({ needs: ['sprache', 'wohnen'] }),
      programmes: [programme({ id: 'a-one', needs: ['sprache'] }), programme({ id: 'b-both', needs: ['sprache', 'wohnen'] })],
      expected: ['b-both', 'a-one'],
    },
    {
      order: 'then target group: made for the group beats open to all',
      wanted: profile({}),
      programmes: [programme({ id: 'a-all', targetGroups: ['alle'] }), programme({ id: 'b-group', targetGroups: ['gefluechtete'] })],
      expected: ['b-group', 'a-all'],
    },
    {
      order: 'then specificity: one need beats many',
      wanted: profile({}),
      programmes: [
        programme({ id: 'a-broad', needs: ['sprache', 'bildung', 'arbeit'] }),
        programme({ id: 'b-narrow', needs: ['sprache'] }),
      ],
      expected: ['b-narrow', 'a-broad'],
    },
    {
      order: 'then an approaching deadline',
      wanted: profile({}),
      programmes: [
        programme({ id: 'a-later', deadline: { kind: 'stichtag', date: '2027-02-20' } }),
        programme({ id: 'b-soon', deadline: { kind: 'stichtag', date: '2026-12-08' } }),
        programme({ id: 'c-running' }),
      ],
      expected: ['b-soon', 'a-later', 'c-running'],
    },
    {
      order: 'ties are broken by id',
      wanted: profile({}),
      programmes: [programme({ id: 'zeta' }), programme({ id: 'alpha' }), programme({ id: 'mu' })],
      expected: ['alpha', 'mu', 'zeta'],
    },
  ])('$order', ({ wanted, programmes, expected }) => {
    expect(ids(match(wanted, programmes, TODAY).exact)).toEqual(expected);
  });

  it('does not depend on the order of the store', () => {
    const programmes = [
      programme({ id: 'c', needs: ['sprache', 'bildung'] }),
      programme({ id: 'a' }),
      programme({ id: 'b', targetGroups: ['alle'] }),
    ];
    const forwards = ids(match(profile({}), programmes, TODAY).exact);
    expect(ids(match(profile({}), [...programmes].reverse(), TODAY).exact)).toEqual(forwards);
  });
});

describe('reasons', () => {
  it('says in data why a programme fits: need, group, size rule and a near deadline', () => {
    const [hit] = match(
      profile({}),
      [programme({ id: 'p', sizeClasses: ['klein'], deadline: { kind: 'stichtag', date: '2026-12-08' } })],
      TODAY,
    ).exact;
    expect(hit?.reasons).toEqual([
      { kind: 'need', needs: ['sprache'] },
      { kind: 'targetGroup', targetGroups: ['gefluechtete'] },
      { kind: 'sizeClasses', sizeClasses: ['klein'] },
      { kind: 'selfApplies' },
      { kind: 'deadlineSoon', days: 12 },
    ]);
    expect(hit?.daysLeft).toBe(12);
  });
});

describe('the route', () => {
  const forKreiseAndCities = programme({ id: 'k', applicants: ['kreis', 'kreisfreie_stadt'] });
  const selfApplies = (candidate: Profile) =>
    [...match(candidate, [forKreiseAndCities], TODAY).exact][0]?.reasons.some((reason) => reason.kind === 'selfApplies');

  it('says the municipality applies itself only when that is certain', () => {
    expect(selfApplies(profile({ size: { class: 'grossstadt' }, kind: 'kreisfrei' }))).toBe(true);
    // A Großstadt of unknown kind may be kreisangehörig (Neuss, Paderborn): then its Kreis applies.
    expect(selfApplies(profile({ size: { class: 'grossstadt' } }))).toBe(false);
  });
});

describe('when nothing fits exactly', () => {
  it('offers the programmes that serve the need for other groups, each saying what does not fit', () => {
    const programmes = [
      programme({ id: 'for-youth', targetGroups: ['kinder_jugendliche'] }),
      programme({ id: 'other-need', needs: ['wohnen'], targetGroups: ['frauen_familien'] }),
    ];
    const result = match(profile({ targetGroups: ['frauen_familien'] }), programmes, TODAY);
    expect([...result.exact]).toEqual([]);
    expect(ids(result.closest)).toEqual(['for-youth']);
    expect(result.closest.slice(0, 1)[0]?.mismatches).toEqual([{ kind: 'targetGroupNotCovered', targetGroups: ['frauen_familien'] }]);
    expect(ids(rankedHits(result))).toEqual(['for-youth']);
  });

  it('offers nothing rather than programmes for another need', () => {
    const result = match(profile({ needs: ['rueckkehr'] }), [programme({ id: 'p' })], TODAY);
    expect([...rankedHits(result)]).toEqual([]);
  });

  it('does not pad exact results with near misses', () => {
    const result = match(profile({}), [programme({ id: 'exact' }), programme({ id: 'near', targetGroups: ['kinder_jugendliche'] })], TODAY);
    expect(ids(result.exact)).toEqual(['exact']);
    expect([...result.closest]).toEqual([]);
  });
});

describe('partial profiles', () => {
  it('matches on what is known', () => {
    const programmes = [programme({ id: 'sprache' }), programme({ id: 'wohnen', needs: ['wohnen'] })];
    expect(ids(match({ needs: ['wohnen'], targetGroups: [], size: null }, programmes, TODAY).exact)).toEqual(['wohnen']);
  });
});

describe('the index', () => {
  it('gives the same results as looking at every programme, for every kind of profile', () => {
    const result = validateProgrammes(JSON.parse(readFileSync('data/programmes.json', 'utf8')), 'data/programmes.json');
    if (!result.ok) throw new Error('store invalid');
    const programmes = result.programmes;
    const sizes = [null, ...SIZE_CLASSES.map((size) => ({ class: size.id }))];
    const profiles: Profile[] = [{ needs: [], targetGroups: [], size: null }];
    for (const need of NEEDS) for (const size of sizes) profiles.push({ needs: [need.id], targetGroups: [], size });
    for (const group of TARGET_GROUPS) for (const size of sizes) profiles.push({ needs: [], targetGroups: [group.id], size });
    for (const need of NEEDS)
      for (const group of TARGET_GROUPS) profiles.push({ needs: [need.id, 'sprache'], targetGroups: [group.id], size: { class: 'klein' } });
    const seen = (result: MatchResult) =>
      (['exact', 'closest', 'ended'] as const).map((list) =>
        [...result[list]].map((hit) => ({
          id: hit.programme.id,
          status: hit.status,
          access: hit.access,
          score: hit.score,
          daysLeft: hit.daysLeft,
          reasons: hit.reasons,
          mismatches: hit.mismatches,
        })),
      );
    for (const profile of profiles) {
      expect(seen(match(profile, programmes, TODAY)), JSON.stringify(profile)).toEqual(seen(rankAmong(profile, programmes, TODAY)));
    }
  });

  it('reads page by page what the full ranking gives, on a store of thousands', () => {
    const programmes = generateProgrammes(3000);
    const ids = (hits: Iterable<{ programme: { id: string } }>) => [...hits].map((hit) => hit.programme.id);
    for (const asked of QUERIES) {
      const paged = match(asked.profile, programmes, BENCH_TODAY);
      const full = rankAmong(asked.profile, programmes, BENCH_TODAY);
      const wanted = ids(rankedHits(full));
      const pages: string[] = [];
      for (let from = 0; from < Math.min(wanted.length, 40); from += 5) pages.push(...ids(rankedHits(paged).slice(from, from + 5)));
      expect(pages, JSON.stringify(asked.profile)).toEqual(wanted.slice(0, 40));
      expect(ids(paged.ended.slice(0, 3))).toEqual(ids(full.ended.slice(0, 3)));
      expect(ids(rankedHits(paged))).toEqual(wanted);
    }
  });
});

describe('the kind of municipality decides who applies', () => {
  const paderborn = PADERBORN;
  const bielefeld = { name: 'Bielefeld', ags: '05711000', kind: 'kreisfrei', inhabitants: 334_000, kreis: null } as const;
  const forKreise = programme({ id: 'kreise', applicants: ['kreis', 'kreisfreie_stadt'] });
  const forTowns = programme({ id: 'gemeinden', applicants: ['gemeinde'] });
  const size = { class: 'grossstadt', inhabitants: 152_000 } as const;

  it('a kreisangehörige Großstadt reaches a programme for Kreise and kreisfreie Städte only through its Kreis, named', () => {
    const [hit] = [...match(profile({ size, municipality: paderborn }), [forKreise], TODAY).exact];
    expect(hit?.access).toBe('viaKreis');
    expect(hit?.reasons).toContainEqual({ kind: 'viaKreis', kreis: 'Kreis Paderborn' });
  });

  it('…and its own programmes directly, ranked above the ones through the Kreis', () => {
    const result = match(profile({ size, municipality: paderborn }), [forKreise, forTowns], TODAY);
    expect([...result.exact].map((hit) => [hit.programme.id, hit.access])).toEqual([
      ['gemeinden', 'direct'],
      ['kreise', 'viaKreis'],
    ]);
  });

  it('a small Gemeinde reaches it through its Kreis too, when the programme is only for Kreise and Großstädte', () => {
    const bigOnes = programme({ id: 'grosse', applicants: ['kreis', 'kreisfreie_stadt'], sizeClasses: ['kreis', 'grossstadt'] });
    const nottuln = { name: 'Nottuln', ags: '05558036', kind: 'kreisangehoerig', inhabitants: 19_600, kreis: 'Kreis Coesfeld' } as const;
    const small = profile({ size: { class: 'klein', inhabitants: 19_600 }, municipality: nottuln });
    for (const result of [match(small, [bigOnes], TODAY), rankAmong(small, [bigOnes], TODAY)]) {
      const [hit] = [...result.exact];
      expect(hit?.access).toBe('viaKreis');
      expect(hit?.reasons).toContainEqual({ kind: 'viaKreis', kreis: 'Kreis Coesfeld' });
    }
    // A town that applies itself still has to be of a size the programme names.
    const forTownsOfSize = programme({ id: 'gross', applicants: ['gemeinde'], sizeClasses: ['grossstadt'] });
    expect([...match(small, [forTownsOfSize], TODAY).exact]).toEqual([]);
  });

  it('a kreisfreie Stadt applies itself', () => {
    const [hit] = [
      ...match(profile({ size: { class: 'grossstadt', inhabitants: 334_000 }, municipality: bielefeld }), [forKreise], TODAY).exact,
    ];
    expect(hit?.access).toBe('direct');
  });

  it('the kind said in words counts as well, without a name', () => {
    expect([...match(profile({ size, kind: 'kreisangehoerig' }), [forKreise], TODAY).exact][0]?.access).toBe('viaKreis');
    expect([...match(profile({ size, kind: 'kreisfrei' }), [forKreise], TODAY).exact][0]?.access).toBe('direct');
  });

  it('agrees with the full assessment', () => {
    for (const candidate of [
      profile({ size, municipality: paderborn }),
      profile({ size, kind: 'kreisfrei' }),
      profile({ size: { class: 'klein' }, kind: 'kreisangehoerig' }),
    ]) {
      const fast = match(candidate, [forKreise, forTowns], TODAY);
      const full = rankAmong(candidate, [forKreise, forTowns], TODAY);
      expect([...fast.exact].map((hit) => [hit.programme.id, hit.access, hit.score])).toEqual(
        [...full.exact].map((hit) => [hit.programme.id, hit.access, hit.score]),
      );
    }
  });
});

describe('an age range the text names', () => {
  const adults = programme({ id: 'erwachsene', needs: ['zusammenleben'], targetGroups: ['alle'], ages: { min: 28, max: 59 } });
  const forAll = programme({ id: 'alle', needs: ['zusammenleben'], targetGroups: ['alle'] });
  const ask = (targetGroups: Profile['targetGroups']) => profile({ needs: ['zusammenleben'], targetGroups });

  it('keeps a programme for adults away from a search for young people, in both matchers', () => {
    for (const result of [
      match(ask(['kinder_jugendliche']), [adults, forAll], TODAY),
      rankAmong(ask(['kinder_jugendliche']), [adults, forAll], TODAY),
    ]) {
      expect([...result.exact].map((hit) => hit.programme.id)).toEqual(['alle']);
    }
  });

  it('says the ages instead of „offen für alle Zielgruppen“', () => {
    const [hit] = [...match(ask(['frauen_familien']), [adults], TODAY).exact];
    expect(hit?.reasons).toContainEqual({ kind: 'ages', min: 28, max: 59 });
    expect(hit?.reasons).not.toContainEqual({ kind: 'openToAllGroups' });
    expect(reasonText({ kind: 'ages', min: 28, max: 59 })).toBe('für Menschen von 28 bis 59 Jahren');
  });

  it('does not serve everyone when everyone is asked for: a programme without an age range comes first, in both matchers', () => {
    const adultsFirst = programme({ ...adults, id: 'a-erwachsene', deadline: { kind: 'stichtag', date: '2026-12-10' } });
    for (const result of [match(ask(['alle']), [adultsFirst, forAll], TODAY), rankAmong(ask(['alle']), [adultsFirst, forAll], TODAY)])
      expect(ids(result.exact)).toEqual(['alle', 'a-erwachsene']);
  });

  it('still serves the other groups asked for beside young people', () => {
    const [hit] = [...match(ask(['kinder_jugendliche', 'frauen_familien']), [adults], TODAY).exact];
    expect(hit?.programme.id).toBe('erwachsene');
  });
});

describe('an office of its own, and programmes only to point people to', () => {
  const nottuln = { name: 'Nottuln', ags: '05558036', kind: 'kreisangehoerig', inhabitants: 19_600, kreis: 'Kreis Coesfeld' } as const;
  const small = profile({
    needs: ['bildung'],
    targetGroups: ['kinder_jugendliche'],
    size: { class: 'klein', inhabitants: 19_600 },
    municipality: nottuln,
  });
  const bielefeld = profile({ needs: ['bildung'], targetGroups: ['kinder_jugendliche'], size: { class: 'grossstadt' }, kind: 'kreisfrei' });
  const youthOffices = programme({
    id: 'jugendaemter',
    needs: ['bildung'],
    targetGroups: ['kinder_jugendliche'],
    onlyWithOwn: 'jugendamt',
  });
  const forEveryTown = programme({ id: 'gemeinden', needs: ['bildung'], targetGroups: ['kinder_jugendliche'], applicants: ['gemeinde'] });
  const byProviders = programme({
    id: 'traeger',
    needs: ['bildung'],
    targetGroups: ['kinder_jugendliche'],
    applicants: ['freier_traeger'],
    viaIntermediary: 'Über freie Träger.',
  });
  const forPeople = programme({ id: 'personen', needs: ['bildung'], targetGroups: ['kinder_jugendliche'], applicants: ['person'] });
  const chosen = programme({
    id: 'ausgewaehlt',
    needs: ['bildung'],
    targetGroups: ['kinder_jugendliche'],
    withoutApplication: 'Das Land wählt die Schulen aus.',
  });
  const all = [chosen, forPeople, byProviders, youthOffices, forEveryTown];

  it('a kreisangehörige Gemeinde reaches a programme for own Jugendämter through its Kreis, told it applies itself with one', () => {
    for (const result of [match(small, [youthOffices], TODAY), rankAmong(small, [youthOffices], TODAY)]) {
      const [hit] = [...result.exact];
      expect(hit?.access).toBe('viaKreis');
      expect(hit?.reasons).toContainEqual({ kind: 'viaKreis', kreis: 'Kreis Coesfeld', ownOffice: 'jugendamt' });
    }
    expect(reasonText({ kind: 'viaKreis', kreis: 'Kreis Coesfeld', ownOffice: 'jugendamt' })).toBe(
      'Antrag über den Kreis Coesfeld (mit eigenem Jugendamt selbst)',
    );
  });

  it('a kreisfreie Stadt, which always has its own offices, applies itself', () => {
    expect([...match(bielefeld, [youthOffices], TODAY).exact][0]?.access).toBe('direct');
  });

  it('ranks: itself, through the Kreis, through providers, then what only others apply for or nobody applies for', () => {
    for (const result of [match(small, all, TODAY), rankAmong(small, all, TODAY)]) {
      expect([...result.exact].map((hit) => [hit.programme.id, hit.access])).toEqual([
        ['gemeinden', 'direct'],
        ['jugendaemter', 'viaKreis'],
        ['traeger', 'intermediary'],
        ['ausgewaehlt', 'information'],
        ['personen', 'information'],
      ]);
    }
  });

  it('shows a programme only individuals apply for even without a named intermediary, never as the municipality’s own', () => {
    const [hit] = [...match(bielefeld, [forPeople], TODAY).exact];
    expect(hit?.access).toBe('information');
    expect(hit?.reasons.some((reason) => reason.kind === 'selfApplies')).toBe(false);
  });
});

describe('a project format too large for a small Gemeinde', () => {
  const large = programme({ id: 'gross', minAmount: 100_000 });
  const modest = programme({ id: 'klein', targetGroups: ['alle'] });
  const ask = (size: Profile['size']) => profile({ size });

  it('comes after the ones of its size for a Gemeinde under 25,000, in both matchers', () => {
    for (const result of [
      match(ask({ class: 'klein' }), [large, modest], TODAY),
      rankAmong(ask({ class: 'klein' }), [large, modest], TODAY),
    ])
      expect(ids(result.exact)).toEqual(['klein', 'gross']);
  });

  it('keeps its place for larger towns and when the size is not known', () => {
    expect(ids(match(ask({ class: 'mittel' }), [large, modest], TODAY).exact)).toEqual(['gross', 'klein']);
    expect(ids(match(ask(null), [large, modest], TODAY).exact)).toEqual(['gross', 'klein']);
  });
});
