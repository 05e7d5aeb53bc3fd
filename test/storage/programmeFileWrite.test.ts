import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgrammeCatalogue, readProgrammeData, writeProgrammeData } from '../../src/storage/programmeFile.js';
import { programme } from '../support/programmeBuilder.js';

const setup = () => {
  const folder = mkdtempSync(join(tmpdir(), 'programme-write-'));
  return { folder, file: join(folder, 'programmes.json') };
};

describe('the file as the data tools read and write it', () => {
  it('reads text and JSON unchecked', async () => {
    const { file } = setup();
    writeFileSync(file, '{"$schema":"./programmes.schema.json","programmes":[{"id":"kaputt"}]}');
    const read = await readProgrammeData(file);
    expect(read.ok && read.data).toEqual({ $schema: './programmes.schema.json', programmes: [{ id: 'kaputt' }] });
  });

  it.each([
    { case: 'a missing file', content: undefined, message: 'Datei nicht gefunden' },
    { case: 'broken JSON', content: '{"programmes": [', message: 'kein gültiges JSON' },
  ])('reports $case', async ({ content, message }) => {
    const { file } = setup();
    if (content !== undefined) writeFileSync(file, content);
    const read = await readProgrammeData(file);
    expect(read.ok ? '' : read.problems[0]?.message).toContain(message);
  });

  it('writes two-space JSON with a final line break, leaves no temporary file, and the watching catalogue reloads', async () => {
    const { folder, file } = setup();
    writeFileSync(file, JSON.stringify({ programmes: [programme({ id: 'a' })] }));
    const opened = await ProgrammeCatalogue.open(file);
    if (!opened.ok) throw new Error('fixture should open');
    const reloads: boolean[] = [];
    const watcher = opened.catalogue.watch((result) => reloads.push(result.ok), 20);
    try {
      const data = { $schema: './programmes.schema.json', programmes: [programme({ id: 'a' }), programme({ id: 'b' })] };
      await writeProgrammeData(file, data);
      expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(data, null, 2)}\n`);
      expect(readdirSync(folder)).toEqual(['programmes.json']);
      for (let waited = 0; reloads.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(reloads).toContain(true);
      expect(opened.catalogue.programmes.map((entry) => entry.id)).toEqual(['a', 'b']);
    } finally {
      watcher.close();
    }
  });
});
