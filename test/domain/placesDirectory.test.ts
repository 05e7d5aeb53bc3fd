import { describe, expect, it } from 'vitest';
import { recognize } from '../../src/domain/recognizer.js';
import { readGazetteerFile } from '../../src/storage/gazetteerFile.js';
import { realPlaces } from '../support/testBot.js';

const read = await readGazetteerFile();
if (!read.ok) throw new Error(read.problems.join('\n'));
const { municipalities } = read.gazetteer;
const places = await realPlaces();

describe('every name of the official directory', () => {
  it.each(municipalities.map((entry) => [entry.name, entry] as const))('%s resolves to itself', (_name, entry) => {
    const said = entry.kind === 'kreis' ? entry.name : `Gemeinde ${entry.name}`;
    expect(recognize(said, undefined, places).municipality?.ags).toBe(entry.ags);
  });

  it.each(municipalities.flatMap((entry) => entry.aliases.map((alias) => [alias, entry] as const)))(
    'alias %s resolves to its entry',
    (alias, entry) => {
      const said = entry.kind === 'kreis' ? alias : `Stadt ${alias}`;
      expect(recognize(said, undefined, places).municipality?.ags).toBe(entry.ags);
    },
  );
});

describe('names as people write them, on the real directory', () => {
  it.each([
    ['Wir sind die Stadt Gütersloh und suchen Förderung für Wohnraum für Geflüchtete', 'Gütersloh'],
    ['Stadt Köln', 'Köln'],
    ['Gemeinde Nottuln', 'Nottuln'],
    ['Kreis Lippe', 'Kreis Lippe'],
    ['Rhein-Sieg-Kreis', 'Rhein-Sieg-Kreis'],
    ['Hochsauerlandkreis', 'Hochsauerlandkreis'],
    ['StädteRegion Aachen', 'StädteRegion Aachen'],
    ['aus Bielefeld', 'Bielefeld'],
    ['Guetersloh, Stadtverwaltung', 'Gütersloh'],
    ['Mülheim a. d. Ruhr', 'Mülheim an der Ruhr'],
    ['Stadt Düsseldorf', 'Düsseldorf'],
    ['Recklinghausen, Stadt', 'Recklinghausen'],
    ['Stadt Mönchengladbach', 'Mönchengladbach'],
    ['aus Mönchengladbch', 'Mönchengladbach'],
    ['Kreis Neuss', 'Rhein-Kreis Neuss'],
  ])('%s → %s', (text, name) => {
    expect(recognize(text, undefined, places).municipality?.name).toBe(name);
  });

  it('a city and its Kreis of the same name are asked back', () => {
    expect(recognize('Gütersloh', undefined, places).unsure.municipalities.map((choice) => choice.name)).toEqual([
      'Gütersloh',
      'Kreis Gütersloh',
    ]);
  });

  it.each(['aus München', 'Stadt Hamburg', 'Landkreis Harburg', 'in Bayern'])('%s is outside NRW', (text) => {
    expect(recognize(text, undefined, places).outsideNrw).not.toBeNull();
  });
});
