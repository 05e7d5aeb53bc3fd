import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProgrammeCatalogue, problemText, readProgrammeFile } from '../../src/store/programmeFile.js';
import { programme } from '../support/programmeBuilder.js';

let folder: string;
let file: string;
const write = (content: string) => writeFileSync(file, content);

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'programme-store-'));
  file = join(folder, 'programmes.json');
});

describe('reading the programme file', () => {
  it('reads the shipped store without problems', async () => {
    const result = await readProgrammeFile('data/programmes.json');
    expect(result.ok ? result.programmes.length : result.problems.map(problemText)).toBeGreaterThanOrEqual(25);
  });

  it.each([
    { case: 'corrupt JSON', content: '{"programmes": [', message: 'kein gültiges JSON' },
    { case: 'an empty file', content: '', message: 'kein gültiges JSON' },
    { case: 'null', content: 'null', message: 'enthält null' },
  ])('reports $case with the file name', async ({ content, message }) => {
    write(content);
    const result = await readProgrammeFile(file);
    expect(result.ok).toBe(false);
    const [text] = result.ok ? [] : result.problems.map(problemText);
    expect(text).toContain(file);
    expect(text).toContain(message);
  });

  it('reports a missing file', async () => {
    const result = await readProgrammeFile(join(folder, 'fehlt.json'));
    expect(result.ok ? '' : problemText(result.problems[0]!)).toContain('Datei nicht gefunden');
  });

  it('names file, entry and field of an invalid entry', async () => {
    write(JSON.stringify({ programmes: [{ ...programme({ id: 'kim' }), deadline: { kind: 'stichtag', date: '31.12.2026' } }] }));
    const result = await readProgrammeFile(file);
    expect(result.ok ? '' : problemText(result.problems[0]!)).toBe(`${file}, Eintrag „kim“, Feld „deadline.date“: muss ein Datum im Format JJJJ-MM-TT sein`);
  });
});

describe('the catalogue keeps the last good data', () => {
  it('keeps the old programmes when a reload finds a broken file', async () => {
    write(JSON.stringify({ programmes: [programme({ id: 'a' })] }));
    const opened = await ProgrammeCatalogue.open(file);
    if (!opened.ok) throw new Error('fixture should open');
    write('{ kaputt');
    const reload = await opened.catalogue.reload();
    expect(reload.ok).toBe(false);
    expect(opened.catalogue.programmes.map((entry) => entry.id)).toEqual(['a']);

    write(JSON.stringify({ programmes: [programme({ id: 'a' }), programme({ id: 'b' })] }));
    expect((await opened.catalogue.reload()).ok).toBe(true);
    expect(opened.catalogue.programmes.map((entry) => entry.id)).toEqual(['a', 'b']);
  });
});
