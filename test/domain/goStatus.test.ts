import { describe, expect, it } from 'vitest';
import type { GazetteerEntry } from '../../src/domain/gazetteer.js';
import { GROSSE_KREISANGEHOERIGE_STAEDTE, MITTLERE_KREISANGEHOERIGE_STAEDTE, withGoStatus } from '../../src/domain/goStatus.js';

const gemeinde = (ags: string, name: string, aliases: string[] = []): GazetteerEntry => ({
  ags,
  ars: `${ags.slice(0, 5)}0${ags.slice(5)}${ags.slice(5)}`,
  name,
  officialName: `${name}, Stadt`,
  aliases,
  kind: 'kreisangehoerig',
  kreis: ags.slice(0, 5),
  regierungsbezirk: 'Düsseldorf',
  inhabitants: 40_000,
  goStatus: null,
});
const kreis: GazetteerEntry = { ...gemeinde('05158', 'Kreis Mettmann'), kind: 'kreis', kreis: null };
const entries = [
  kreis,
  gemeinde('05158024', 'Mettmann'),
  gemeinde('05158026', 'Monheim am Rhein', ['Monheim']),
  gemeinde('05158028', 'Ratingen'),
  gemeinde('05158032', 'Wülfrath'),
];

describe('withGoStatus', () => {
  it('sets the status of the towns the lists name, by name or alias, and null for the others', () => {
    const { municipalities, unmatched } = withGoStatus(entries, { grosse: ['Ratingen'], mittlere: ['Mettmann', 'Monheim'] });
    expect(unmatched).toEqual([]);
    expect(Object.fromEntries(municipalities.map((entry) => [entry.name, entry.goStatus]))).toEqual({
      'Kreis Mettmann': null,
      Mettmann: 'mittlere_kreisangehoerige_stadt',
      'Monheim am Rhein': 'mittlere_kreisangehoerige_stadt',
      Ratingen: 'grosse_kreisangehoerige_stadt',
      Wülfrath: null,
    });
  });

  it('reports a name no kreisangehörige Gemeinde has, a Kreis among them, and one listed twice', () => {
    const { unmatched } = withGoStatus(entries, { grosse: ['Ratingen', 'Velbert'], mittlere: ['Kreis Mettmann', 'Ratingen'] });
    expect(unmatched).toEqual(['Velbert', 'Kreis Mettmann', 'Ratingen']);
  });

  it('holds the 35 Große and 132 Mittlere kreisangehörige Städte of the ordinance, each once', () => {
    const all = [...GROSSE_KREISANGEHOERIGE_STAEDTE, ...MITTLERE_KREISANGEHOERIGE_STAEDTE];
    expect([GROSSE_KREISANGEHOERIGE_STAEDTE.length, MITTLERE_KREISANGEHOERIGE_STAEDTE.length]).toEqual([35, 132]);
    expect(new Set(all).size).toBe(all.length);
  });
});
