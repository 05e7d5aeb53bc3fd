import { describe, expect, it } from 'vitest';
import { type PlaceEntry, placeIndexFor } from '../../src/domain/places.js';
import { recognize } from '../../src/domain/recognizer.js';

/** A few entries shaped like the official directory's, enough for every case the reader knows. */
const ENTRIES: PlaceEntry[] = [
  { ags: '05754', name: 'Kreis Gütersloh', aliases: [], kind: 'kreis', kreis: null, inhabitants: 364_000 },
  { ags: '05754008', name: 'Gütersloh', aliases: [], kind: 'kreisangehoerig', kreis: '05754', inhabitants: 101_000 },
  { ags: '05754012', name: 'Halle (Westf.)', aliases: [], kind: 'kreisangehoerig', kreis: '05754', inhabitants: 21_800 },
  { ags: '05315000', name: 'Köln', aliases: [], kind: 'kreisfrei', kreis: null, inhabitants: 1_084_000 },
  { ags: '05711000', name: 'Bielefeld', aliases: [], kind: 'kreisfrei', kreis: null, inhabitants: 334_000 },
  { ags: '05113000', name: 'Essen', aliases: [], kind: 'kreisfrei', kreis: null, inhabitants: 583_000 },
  { ags: '05117000', name: 'Mülheim an der Ruhr', aliases: ['Mülheim a. d. Ruhr'], kind: 'kreisfrei', kreis: null, inhabitants: 170_000 },
  { ags: '05558', name: 'Kreis Coesfeld', aliases: [], kind: 'kreis', kreis: null, inhabitants: 220_000 },
  { ags: '05558032', name: 'Nottuln', aliases: [], kind: 'kreisangehoerig', kreis: '05558', inhabitants: 19_500 },
  { ags: '05766', name: 'Kreis Lippe', aliases: [], kind: 'kreis', kreis: null, inhabitants: 348_000 },
  { ags: '05766040', name: 'Lage', aliases: [], kind: 'kreisangehoerig', kreis: '05766', inhabitants: 35_000 },
  { ags: '05382', name: 'Rhein-Sieg-Kreis', aliases: [], kind: 'kreis', kreis: null, inhabitants: 600_000 },
  { ags: '05958', name: 'Hochsauerlandkreis', aliases: [], kind: 'kreis', kreis: null, inhabitants: 260_000 },
  { ags: '05334', name: 'StädteRegion Aachen', aliases: [], kind: 'kreis', kreis: null, inhabitants: 557_000 },
  { ags: '05334002', name: 'Aachen', aliases: [], kind: 'kreisfrei', kreis: null, inhabitants: 249_000 },
  { ags: '05774', name: 'Kreis Paderborn', aliases: [], kind: 'kreis', kreis: null, inhabitants: 310_000 },
  { ags: '05774032', name: 'Paderborn', aliases: [], kind: 'kreisangehoerig', kreis: '05774', inhabitants: 152_000 },
];
const places = placeIndexFor(ENTRIES, [
  { name: 'München', land: 'Bayern' },
  { name: 'Landkreis Harburg', land: 'Niedersachsen' },
  { name: 'Bayern', land: 'Bayern' },
  { name: 'Köln', land: 'nirgends' },
]);
const read = (text: string, expecting?: 'size') => recognize(text, expecting, places);

describe('municipalities by name', () => {
  it.each([
    ['Stadt Köln', 'Köln', 'kreisfrei', 'grossstadt'],
    ['Gemeinde Nottuln', 'Nottuln', 'kreisangehoerig', 'klein'],
    ['Kreis Lippe', 'Kreis Lippe', 'kreis', 'kreis'],
    ['Wir sind der Rhein-Sieg-Kreis', 'Rhein-Sieg-Kreis', 'kreis', 'kreis'],
    ['Hochsauerlandkreis, Jugendamt', 'Hochsauerlandkreis', 'kreis', 'kreis'],
    ['StädteRegion Aachen', 'StädteRegion Aachen', 'kreis', 'kreis'],
    ['Stadt Aachen', 'Aachen', 'kreisfrei', 'grossstadt'],
    ['aus Bielefeld', 'Bielefeld', 'kreisfrei', 'grossstadt'],
    ['Guetersloh, Stadtverwaltung', 'Gütersloh', 'kreisangehoerig', 'grossstadt'],
    ['Stadt Gütersloh', 'Gütersloh', 'kreisangehoerig', 'grossstadt'],
    ['Kreis Gütersloh', 'Kreis Gütersloh', 'kreis', 'kreis'],
    ['Landkreis Gütersloh', 'Kreis Gütersloh', 'kreis', 'kreis'],
    ['Mülheim a. d. Ruhr', 'Mülheim an der Ruhr', 'kreisfrei', 'grossstadt'],
    ['aus Mülheim', 'Mülheim an der Ruhr', 'kreisfrei', 'grossstadt'],
    ['Halle (Westf.)', 'Halle (Westf.)', 'kreisangehoerig', 'klein'],
    ['Gemeinde Halle', 'Halle (Westf.)', 'kreisangehoerig', 'klein'],
    ['Stadt Essen, Sprachkurse', 'Essen', 'kreisfrei', 'grossstadt'],
    ['in Lage', 'Lage', 'kreisangehoerig', 'mittel'],
    ['Biellefeld', 'Bielefeld', 'kreisfrei', 'grossstadt'],
    ['Wir sind die Stadt Paderborn im Kreis Paderborn', 'Paderborn', 'kreisangehoerig', 'grossstadt'],
    ['nicht Köln, sondern Bielefeld', 'Bielefeld', 'kreisfrei', 'grossstadt'],
  ])('%s → %s (%s, %s)', (text, name, kind, sizeClass) => {
    const recognition = read(text);
    expect(recognition.municipality?.name).toBe(name);
    expect(recognition.kind).toBe(kind);
    expect(recognition.size?.class).toBe(sizeClass);
    expect(recognition.size?.inhabitants).toBe(ENTRIES.find((entry) => entry.name === name)?.inhabitants);
  });

  it('names the Kreis of a kreisangehörige Gemeinde', () => {
    expect(read('Gemeinde Nottuln').municipality).toEqual({
      name: 'Nottuln',
      ags: '05558032',
      kind: 'kreisangehoerig',
      inhabitants: 19_500,
      kreis: 'Kreis Coesfeld',
    });
  });

  it.each(['Gütersloh', 'Paderborn, Wohnraum'])('a name a city shares with its Kreis is asked back: %s', (text) => {
    const recognition = read(text);
    expect(recognition.municipality).toBeNull();
    expect(recognition.unsure.municipalities.map((choice) => choice.name)).toEqual([text.split(',')[0], `Kreis ${text.split(',')[0]}`]);
  });

  it.each([
    ['Essen für Kinder in der Kita', null],
    ['Wir sind in der Lage, Sprachkurse anzubieten', null],
    ['Wohnraum senden wir Ihnen', null],
  ])('an ordinary word is no municipality without a cue: %s', (text, name) => {
    expect(read(text).municipality?.name ?? null).toBe(name);
  });

  it('a Gemeinde in a Kreis whose name is not given is kreisangehörig', () => {
    const recognition = read('eine Gemeinde im Kreis Lippe mit 12.000 Einwohnern');
    expect(recognition.municipality).toBeNull();
    expect(recognition.kind).toBe('kreisangehoerig');
    expect(recognition.size).toEqual({ class: 'klein', inhabitants: 12_000 });
  });

  it.each([
    ['aus München', 'München'],
    ['Landkreis Harburg', 'Landkreis Harburg'],
    ['Wir sind eine Gemeinde in Bayern', 'Bayern'],
  ])('a place outside NRW is said as such: %s', (text, name) => {
    const recognition = read(text);
    expect(recognition.outsideNrw).toBe(name);
    expect(recognition.municipality).toBeNull();
  });

  it('an NRW name wins over the same name outside NRW', () => {
    expect(read('aus Köln').outsideNrw).toBeNull();
  });

  it('the kind said in words', () => {
    expect(read('kreisfreie Stadt mit 150.000 Einwohnern').kind).toBe('kreisfrei');
    expect(read('große kreisangehörige Stadt, 110.000 EW').kind).toBe('kreisangehoerig');
  });

  it('answers the size question by a name', () => {
    expect(read('Kreis Gütersloh', 'size').municipality?.name).toBe('Kreis Gütersloh');
  });

  it('resolves every name in the directory to itself', () => {
    for (const entry of ENTRIES) {
      const cue = entry.kind === 'kreis' ? '' : 'Stadt ';
      expect(read(`${cue}${entry.name}`).municipality?.ags, entry.name).toBe(entry.ags);
    }
  });
});
