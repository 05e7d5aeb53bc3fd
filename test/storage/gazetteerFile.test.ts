import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer, GazetteerEntry } from '../../src/domain/gazetteer.js';
import { readGazetteerFile } from '../../src/storage/gazetteerFile.js';

/**
 * The checked-in gazetteer against what is known of NRW. Its figures are of 31.12.2019: IT.NRW and
 * Destatis state 17,947,221 inhabitants of NRW for that day (IT.NRW press release on the population
 * at the end of 2019, also in Destatis' population by Land). The extract's own Land record carries
 * no figure, so the published total is the yardstick.
 */
const NRW_INHABITANTS = { referenceDate: '2019-12-31', total: 17_947_221 };

let gazetteer: Gazetteer;
let all: GazetteerEntry[];
const ofKind = (kind: GazetteerEntry['kind']) => all.filter((entry) => entry.kind === kind);
const byAgs = (ags: string) => all.find((entry) => entry.ags === ags);
const fold = (name: string) => name.toLocaleLowerCase('de');

beforeAll(async () => {
  const read = await readGazetteerFile();
  if (!read.ok) throw new Error(read.problems.join('\n'));
  gazetteer = read.gazetteer;
  all = gazetteer.municipalities;
});

describe('data/municipalities.json', () => {
  it('holds NRW’s 396 Gemeinden and 31 Kreise', () => {
    expect(all.filter((entry) => entry.kind !== 'kreis')).toHaveLength(396);
    expect(ofKind('kreis')).toHaveLength(31);
    expect(ofKind('kreis').map((entry) => entry.name)).toContain('StädteRegion Aachen');
  });

  it('counts the 22 kreisfreie Städte and the city of Aachen as kreisfrei, Aachen inside the StädteRegion', () => {
    const kreisfrei = ofKind('kreisfrei');
    expect(kreisfrei).toHaveLength(23);
    expect(kreisfrei.filter((entry) => entry.ags.endsWith('000'))).toHaveLength(22);
    expect(byAgs('05334002')).toMatchObject({ name: 'Aachen', kind: 'kreisfrei', kreis: null, regierungsbezirk: 'Köln' });
    expect(byAgs('05334')).toMatchObject({ name: 'StädteRegion Aachen', kind: 'kreis' });
  });

  it('puts every kreisangehörige Gemeinde in exactly one Kreis of the file, the one its key names', () => {
    const kreise = new Set(ofKind('kreis').map((entry) => entry.ags));
    const strays = ofKind('kreisangehoerig').filter(
      (entry) => entry.kreis === null || !kreise.has(entry.kreis) || !entry.ags.startsWith(entry.kreis),
    );
    expect(strays).toEqual([]);
    expect(all.filter((entry) => entry.kind !== 'kreisangehoerig' && entry.kreis !== null)).toEqual([]);
  });

  it('gives each Kreis the inhabitants of its Gemeinden, the StädteRegion those of Aachen too', () => {
    const sums = ofKind('kreis').map((kreis) => [
      kreis.name,
      kreis.inhabitants -
        all.filter((entry) => entry.kind !== 'kreis' && entry.ags.startsWith(kreis.ags)).reduce((sum, entry) => sum + entry.inhabitants, 0),
    ]);
    expect(sums.filter(([, difference]) => difference !== 0)).toEqual([]);
  });

  it('has unique keys, and names and aliases that each mean one entry', () => {
    expect(new Set(all.map((entry) => entry.ags)).size).toBe(all.length);
    expect(new Set(all.map((entry) => entry.ars)).size).toBe(all.length);
    const names = all.flatMap((entry) => [entry.name, ...entry.aliases]).map(fold);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    expect(byAgs('05754')?.name).toBe('Kreis Gütersloh');
    expect(byAgs('05754008')?.name).toBe('Gütersloh');
  });

  it('has keys that fit together: the ARS holds the AGS, the Regierungsbezirk follows the key', () => {
    const bezirk = { '1': 'Düsseldorf', '3': 'Köln', '5': 'Münster', '7': 'Detmold', '9': 'Arnsberg' } as const;
    const misfits = all.filter(
      (entry) =>
        entry.regierungsbezirk !== bezirk[entry.ags[2] as keyof typeof bezirk] ||
        (entry.kind === 'kreis' ? entry.ars !== entry.ags : `${entry.ars.slice(0, 5)}${entry.ars.slice(9)}` !== entry.ags),
    );
    expect(misfits).toEqual([]);
  });

  it(`sums to NRW's population as published for ${NRW_INHABITANTS.referenceDate}, within 1 %`, () => {
    expect(gazetteer.source.referenceDate).toBe(NRW_INHABITANTS.referenceDate);
    const total = all.filter((entry) => entry.kind !== 'kreis').reduce((sum, entry) => sum + entry.inhabitants, 0);
    expect(Math.abs(total - NRW_INHABITANTS.total) / NRW_INHABITANTS.total).toBeLessThan(0.01);
    expect(
      ofKind('kreis').reduce((sum, entry) => sum + entry.inhabitants, 0) +
        ofKind('kreisfrei').reduce((sum, entry) => sum + entry.inhabitants, 0),
    ).toBe(total + (byAgs('05334002')?.inhabitants ?? 0));
  });

  it('has plausible sizes', () => {
    expect(all.find((entry) => entry.name === 'Köln')?.inhabitants).toBeGreaterThan(1_000_000);
    expect(Math.min(...all.map((entry) => entry.inhabitants))).toBeGreaterThan(3_000);
    expect(Math.max(...ofKind('kreis').map((entry) => entry.inhabitants))).toBeLessThan(1_000_000);
    expect(ofKind('kreisfrei').every((entry) => entry.inhabitants > 100_000)).toBe(true);
  });

  it('marks the 35 Große and 132 Mittlere kreisangehörige Städte of the ordinance, and no Kreis or kreisfreie Stadt', () => {
    const status = (value: GazetteerEntry['goStatus']) => all.filter((entry) => entry.goStatus === value);
    expect(status('grosse_kreisangehoerige_stadt')).toHaveLength(35);
    expect(status('mittlere_kreisangehoerige_stadt')).toHaveLength(132);
    expect(all.filter((entry) => entry.goStatus !== null && entry.kind !== 'kreisangehoerig')).toEqual([]);
    // The status comes from the ordinance, not from the size: Wülfrath has it with fewer than 25,000 inhabitants.
    expect(byAgs('05158036')).toMatchObject({ name: 'Wülfrath', goStatus: 'mittlere_kreisangehoerige_stadt' });
  });

  it('names the other 15 Länder and the places outside NRW people may name, none of them NRW’s', () => {
    const outside = gazetteer.outsideNrw;
    expect(outside.filter((entry) => entry.name === entry.land)).toHaveLength(15);
    expect(outside).toEqual(
      expect.arrayContaining([
        { name: 'München', land: 'Bayern' },
        { name: 'Landkreis München', land: 'Bayern' },
        { name: 'Landkreis Harburg', land: 'Niedersachsen' },
        { name: 'Region Hannover', land: 'Niedersachsen' },
        { name: 'Halle (Saale)', land: 'Sachsen-Anhalt' },
        { name: 'Berlin', land: 'Berlin' },
      ]),
    );
    const nrw = new Set(all.flatMap((entry) => [entry.name, ...entry.aliases]).map(fold));
    expect(outside.filter((entry) => nrw.has(fold(entry.name)))).toEqual([]);
    expect(outside.map((entry) => entry.name)).not.toContain('Neunkirchen');
  });
});

describe('readGazetteerFile', () => {
  it('names the entry and the field of an invalid entry', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gazetteer-read-')), 'municipalities.json');
    writeFileSync(file, JSON.stringify({ ...gazetteer, municipalities: [{ ...all[0], ags: '5111' }, ...all.slice(1)] }));
    expect(await readGazetteerFile(file)).toEqual({
      ok: false,
      problems: [`${file}, Eintrag „${all[0]?.name}“, Feld „ags“: muss aus 8 Ziffern (Gemeinde) oder 5 Ziffern (Kreis) bestehen`],
    });
  });

  // Built when the test runs: the directory is read before all tests.
  const guetersloh = () => all.findIndex((entry) => entry.name === 'Gütersloh' && entry.kind === 'kreisangehoerig');
  it.each([
    ['no entries', () => ({ municipalities: [] }), 'municipalities: muss Gemeinden und Kreise enthalten'],
    ['a key twice', () => ({ municipalities: [...all, { ...all[5], name: 'Doppelt' }] }), 'Eintrag „Doppelt“, Feld „ags“: kommt schon bei'],
    [
      'a Gemeinde whose Kreis is gone',
      () => ({ municipalities: all.filter((entry) => entry.ags !== '05754') }),
      'Eintrag „Gütersloh“, Feld „kreis“: „05754“ ist kein Kreis in dieser Datei',
    ],
    [
      'a kreisangehörige Gemeinde without a Kreis',
      () => ({ municipalities: all.map((entry, index) => (index === guetersloh() ? { ...entry, kreis: null } : entry)) }),
      'Eintrag „Gütersloh“, Feld „kreis“: fehlt',
    ],
  ])('refuses a directory the bot cannot rely on: %s', async (_, change, problem) => {
    const file = join(mkdtempSync(join(tmpdir(), 'gazetteer-read-')), 'municipalities.json');
    writeFileSync(file, JSON.stringify({ ...gazetteer, ...change() }));
    const read = await readGazetteerFile(file);
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems.join('\n')).toContain(problem);
  });
});
