import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateProgrammes } from '../../src/domain/programme.js';
import { namedProgrammes } from '../../src/domain/programmeNames.js';

const loaded = validateProgrammes(JSON.parse(readFileSync('data/programmes.json', 'utf8')), 'data/programmes.json');
if (!loaded.ok) throw new Error('catalogue invalid');
const programmes = loaded.programmes;

describe('programmes a message names', () => {
  it.each([
    { message: 'Einwanderung gestalten', ids: ['einwanderung-gestalten-nrw'], rest: '' },
    { message: 'Gibt es Einwanderung gestalten noch?', ids: ['einwanderung-gestalten-nrw'], rest: 'gibt es noch' },
    { message: 'Sprach-Kitas', ids: ['sprach-kitas-bund', 'sprach-kitas-nrw'], rest: '' },
    { message: 'Was ist KIM?', ids: ['kim'], rest: 'was ist' },
    { message: 'BIWAQ', ids: ['biwaq'], rest: '' },
    { message: 'Heimat-Scheck für unseren Verein', ids: ['heimat-scheck'], rest: 'fur unseren verein' },
    // Ordinary search words are not names, even where a title contains them.
    { message: 'Integrationskurse für Geflüchtete', ids: [], rest: 'integrationskurse fur gefluchtete' },
    { message: 'Wohnraum für Geflüchtete', ids: [], rest: 'wohnraum fur gefluchtete' },
    { message: 'Ehrenamt stärken im Kreis Lippe', ids: [], rest: 'ehrenamt starken im kreis lippe' },
    { message: 'kim', ids: [], rest: 'kim' },
    { message: 'Biwaq', ids: ['biwaq'], rest: '' },
    // Names made only of generic or short words are no names.
    { message: 'Sie sollen ein Teil sein', ids: [], rest: 'sie sollen ein teil sein' },
    { message: 'Gibt es noch Geld aus ESF Plus?', ids: [], rest: 'gibt es noch geld aus esf plus' },
    { message: 'Kita', ids: [], rest: 'kita' },
  ])('$message', ({ message, ids, rest }) => {
    const named = namedProgrammes(message, programmes);
    expect(named.programmes.map((programme) => programme.id).sort()).toEqual(ids);
    expect(named.rest).toBe(rest);
  });
});
