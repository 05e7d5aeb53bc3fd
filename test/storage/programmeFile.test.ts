import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProgrammeCatalogue, problemText, readProgrammeFile } from '../../src/storage/programmeFile.js';
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
    expect(result.ok ? '' : problemText(result.problems[0]!)).toBe(
      `${file}, Eintrag „kim“, Feld „deadline.date“: muss ein Datum im Format JJJJ-MM-TT sein`,
    );
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

describe('a reload that would empty the catalogue', () => {
  const ids = (count: number) => Array.from({ length: count }, (_, index) => programme({ id: `p${index}` }));

  it.each([
    ['no programmes at all', 0, 'enthält keine Programme'],
    ['fewer than half of them', 4, 'enthält nur 4 von 10 Programmen beim Start'],
  ])('is refused like a broken file: %s', async (_case, count, message) => {
    write(JSON.stringify({ programmes: ids(10) }));
    const opened = await ProgrammeCatalogue.open(file);
    if (!opened.ok) throw new Error('fixture should open');
    write(JSON.stringify({ programmes: ids(count) }));
    const reload = await opened.catalogue.reload();
    expect(reload.ok ? '' : reload.problems.map(problemText).join('\n')).toContain(`${file}, Feld „programmes“: ${message}`);
    expect(opened.catalogue.programmes).toHaveLength(10);
  });

  it('halving in steps is caught too: measured against the start', async () => {
    write(JSON.stringify({ programmes: ids(10) }));
    const opened = await ProgrammeCatalogue.open(file);
    if (!opened.ok) throw new Error('fixture should open');
    write(JSON.stringify({ programmes: ids(6) }));
    expect((await opened.catalogue.reload()).ok).toBe(true);
    write(JSON.stringify({ programmes: ids(4) }));
    expect((await opened.catalogue.reload()).ok).toBe(false);
    expect(opened.catalogue.programmes).toHaveLength(6);
  });

  it('a file in which most programmes have ended at once is refused', async () => {
    write(JSON.stringify({ programmes: ids(10) }));
    const opened = await ProgrammeCatalogue.open(file);
    if (!opened.ok) throw new Error('fixture should open');
    const ended = ids(10).map((entry, index) => (index < 6 ? { ...entry, deadline: { kind: 'beendet', date: '2026-01-31' } } : entry));
    write(JSON.stringify({ programmes: ended }));
    const reload = await opened.catalogue.reload();
    expect(reload.ok ? '' : reload.problems.map(problemText).join('\n')).toContain('nur 4 nicht beendete von 10 beim Start');
  });

  it('half of them is taken', async () => {
    write(JSON.stringify({ programmes: ids(10) }));
    const opened = await ProgrammeCatalogue.open(file);
    if (!opened.ok) throw new Error('fixture should open');
    write(JSON.stringify({ programmes: ids(5) }));
    expect((await opened.catalogue.reload()).ok).toBe(true);
    expect(opened.catalogue.programmes).toHaveLength(5);
  });

  it('a start with an empty file is refused', async () => {
    write(JSON.stringify({ programmes: [] }));
    const opened = await ProgrammeCatalogue.open(file);
    expect(opened.ok ? '' : opened.problems.map(problemText).join('\n')).toContain('enthält keine Programme');
  });
});

describe('the catalogue follows its file', () => {
  it('picks up a changed file, and keeps the last good data when the new one is broken', async () => {
    write(JSON.stringify({ programmes: [programme({ id: 'a' })] }));
    const opened = await ProgrammeCatalogue.open(file);
    if (!opened.ok) throw new Error('fixture should open');
    const reloads: boolean[] = [];
    const watcher = opened.catalogue.watch((result) => reloads.push(result.ok), 20);
    try {
      const settle = async (count: number) => {
        for (let waited = 0; reloads.length < count && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      // Written elsewhere and renamed over the file, as editors and imports do.
      writeFileSync(`${file}.neu`, JSON.stringify({ programmes: [programme({ id: 'a' }), programme({ id: 'b' })] }));
      renameSync(`${file}.neu`, file);
      await settle(1);
      expect(opened.catalogue.programmes.map((entry) => entry.id)).toEqual(['a', 'b']);

      const good = reloads.length;
      write('{ kaputt');
      await settle(good + 1);
      expect(reloads.slice(0, good).every(Boolean)).toBe(true);
      expect(reloads.at(-1)).toBe(false);
      expect(opened.catalogue.programmes.map((entry) => entry.id)).toEqual(['a', 'b']);
    } finally {
      watcher.close();
    }
  });
});
