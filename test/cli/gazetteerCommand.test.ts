import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type GazetteerCommandDeps, dataGazetteerCommand } from '../../src/cli/gazetteerCommand.js';
import { GazetteerSchema } from '../../src/domain/gazetteer.js';

const EXCERPT = 'test/fixtures/gv-excerpt.csv';
/** Line 18 of the excerpt is cut off on purpose; without it the excerpt is sound. */
const soundExcerpt = readFileSync(EXCERPT, 'utf8')
  .split('\n')
  .filter((_line, index) => index !== 17)
  .join('\n');
const LISTS = { grosse: ['Gütersloh'], mittlere: ['Alsdorf', 'Halle (Westfalen)'] };

function setup(text = soundExcerpt, goStatusLists = LISTS) {
  const folder = mkdtempSync(join(tmpdir(), 'gazetteer-'));
  const csv = join(folder, 'auszug.csv');
  writeFileSync(csv, text);
  const out = join(folder, 'municipalities.json');
  const printed = { out: [] as string[], err: [] as string[] };
  const deps: GazetteerCommandDeps = {
    today: '2026-12-03',
    out: (text) => printed.out.push(text),
    err: (text) => printed.err.push(text),
    goStatusLists,
  };
  const run = (...args: string[]) => dataGazetteerCommand([csv, '--out', out, ...args], deps);
  return { csv, out, printed, run };
}

describe('data:gazetteer', () => {
  it('writes the gazetteer with its source, two-space JSON with a final line break and $schema first', async () => {
    const { out, printed, run } = setup();
    expect(await run('--reference-date', '2019-12-31')).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('{\n  "$schema": "./municipalities.schema.json",\n  "source": {\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    const gazetteer = GazetteerSchema.parse(JSON.parse(text));
    expect(gazetteer.source).toEqual({
      title: 'Gemeindeverzeichnis-Informationssystem GV-ISys: Alle politisch selbständigen Gemeinden mit ausgewählten Merkmalen',
      publisher: 'Statistisches Bundesamt (Destatis)',
      url: 'https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/Administrativ/Archiv/GVAuszugQ/AuszugGV4QAktuell.html',
      licence: 'dl-de/by-2-0',
      licenceUrl: 'https://www.govdata.de/dl-de/by-2-0',
      attribution: '© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, Stand 31.12.2019',
      referenceDate: '2019-12-31',
      retrieved: '2026-12-03',
    });
    expect(gazetteer.municipalities.filter((entry) => entry.goStatus !== null).map((entry) => [entry.name, entry.goStatus])).toEqual([
      ['Alsdorf', 'mittlere_kreisangehoerige_stadt'],
      ['Gütersloh', 'grosse_kreisangehoerige_stadt'],
      ['Halle (Westf.)', 'mittlere_kreisangehoerige_stadt'],
    ]);
    expect(printed.out).toEqual([
      `${out} geschrieben: 7 Gemeinden (davon 2 kreisfrei), 3 Kreise, 1.534.979 Einwohner; 4 Namen außerhalb von NRW.`,
    ]);
  });

  it('asks for the reference date of an extract other than the one of 31.12.2019', async () => {
    const { out, printed, run } = setup();
    expect(await run()).toBe(2);
    expect(printed.err.join('\n')).toBe(
      'Dieser Auszug nennt für NRW 1.534.979 Einwohner, nicht die des bekannten Stands 31.12.2019. Bitte den Stichtag der ' +
        'Einwohnerzahlen mit --reference-date angeben.',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing when a line is broken, and names it', async () => {
    const { csv, out, printed, run } = setup(readFileSync(EXCERPT, 'utf8'));
    expect(await run('--reference-date', '2019-12-31')).toBe(1);
    expect(printed.err.join('\n')).toBe(`${csv}: 1 Problem, nichts geschrieben.\n  Zeile 18: 11 Zellen statt 20`);
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing when a name of the ordinance fits no Gemeinde', async () => {
    const { out, printed, run } = setup(soundExcerpt, { ...LISTS, mittlere: [...LISTS.mittlere, 'Velbert'] });
    expect(await run('--reference-date', '2019-12-31')).toBe(1);
    expect(printed.err.join('\n')).toContain('zu keiner (oder mehr als einer) kreisangehörigen Gemeinde des Auszugs: „Velbert“.');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    { args: ['--reference-date', '31.12.2019'], message: '--reference-date „31.12.2019“ ist kein gültiges Datum' },
    { args: ['--retrieved', 'gestern'], message: '--retrieved „gestern“ ist kein gültiges Datum' },
    { args: ['--stand', '2019-12-31'], message: 'Die Option --stand gibt es nicht.' },
  ])('refuses $args with exit code 2 and the usage', async ({ args, message }) => {
    const { printed, run } = setup();
    expect(await run(...args)).toBe(2);
    expect(printed.err.join('\n')).toContain(message);
    expect(printed.err.join('\n')).toContain('npm run --silent cli -- data:gazetteer AUSZUG.csv');
  });

  it('runs from the command line, and says so when the file is missing', async () => {
    const run = promisify(execFile);
    const failure = await run(join('node_modules', '.bin', 'tsx'), ['src/cli/index.ts', 'data:gazetteer', 'fehlt.csv'], {
      encoding: 'utf8',
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('fehlt.csv ist nicht lesbar: ENOENT') });
  });
});
