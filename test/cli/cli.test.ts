import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILE, TODAY } from '../support/testBot.js';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', 'tsx');

async function cli(args: string[], input?: string, env: Record<string, string> = {}) {
  const child = run(TSX, ['src/cli/index.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('cli ask --json', () => {
  it('prints the slots, what is missing and the ranked results as the bot shows them', async () => {
    const { code, stdout } = await cli([
      'ask',
      'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern',
      '--json',
      '--file',
      FIXTURE_FILE,
      '--today',
      TODAY,
    ]);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.slots).toEqual({
      needs: ['sprache'],
      targetGroups: ['gefluechtete', 'frauen_familien'],
      size: { class: 'klein', inhabitants: 8000 },
      municipality: null,
    });
    expect(answer.missing).toEqual([]);
    expect(answer.results.map((result: { id: string; status: string }) => `${result.id}:${result.status}`)).toEqual([
      'sprachkurs-frauen:open',
      'sprachcafe-ehrenamt:open',
      'sprache-bund-abgelaufen:ended',
    ]);
    expect(answer.results[0]).toMatchObject({
      title: 'Sprachkurse für Frauen mit Kinderbetreuung',
      reasons: ['passt zu Sprache', 'für Geflüchtete und Frauen & Familien', 'Antrag durch Ihre Kommune', 'Frist in 12 Tagen'],
    });
    expect(typeof answer.results[0].score).toBe('number');
  });

  it('reads one sentence per line from standard input and prints one JSON object per line', async () => {
    const { code, stdout } = await cli(
      ['ask', '--json', '--file', FIXTURE_FILE, '--today', TODAY],
      'Wohnraum\n\nIntegrationsmanagement, Kreis Lippe\n',
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ slots: { needs: ['wohnen'], targetGroups: [], size: null }, missing: ['targetGroups', 'size'] });
    // A Kreis by name brings its kind and its population from the official directory.
    expect(lines[1].slots.size).toEqual({ class: 'kreis', inhabitants: expect.any(Number) });
    expect(lines[1].slots.municipality).toEqual({
      name: 'Kreis Lippe',
      ags: '05766',
      kind: 'kreis',
      inhabitants: lines[1].slots.size.inhabitants,
      kreis: null,
    });
  });

  it('names the municipality: its key, kind, inhabitants and Kreis', async () => {
    const { stdout } = await cli(['ask', 'Wohnraum für Geflüchtete, Stadt Gütersloh', '--json', '--file', FIXTURE_FILE, '--today', TODAY]);
    expect(JSON.parse(stdout).slots.municipality).toEqual({
      name: 'Gütersloh',
      ags: '05754008',
      kind: 'kreisangehoerig',
      inhabitants: expect.any(Number),
      kreis: 'Kreis Gütersloh',
    });
  });

  it('reads the directory MUNICIPALITIES_FILE names, and refuses a missing one', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'cli-places-')), 'gone.json');
    const { code, stderr } = await cli(['ask', 'Wohnraum, Stadt Gütersloh', '--json', '--file', FIXTURE_FILE], undefined, {
      MUNICIPALITIES_FILE: missing,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`${missing}: Datei nicht gefunden`);
  });

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await cli(['ask', 'Sprache für Geflüchtete', '--file', FIXTURE_FILE, '--today', TODAY]);
    expect(code).toBe(0);
    expect(stdout).toContain('Erkannt: Sprache · Geflüchtete');
    expect(stdout).toContain('Fehlt: Größe der Kommune');
    expect(stdout).toMatch(/ 1\. Sprachkurse für Frauen mit Kinderbetreuung \[sprachkurs-frauen\]/);
    // The ranking score is for --json only: no bare number ends a result line.
    expect(stdout).not.toMatch(/ · \d+$/m);
  });
});

describe('cli validate', () => {
  it('passes the shipped store', async () => {
    const { code, stdout } = await cli(['validate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/data\/programmes\.json: \d+ Programme, alle gültig\./);
  });

  it('prints every problem at once and exits non-zero', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cli-validate-'));
    const file = join(folder, 'programmes.json');
    writeFileSync(
      file,
      JSON.stringify({
        programmes: [
          { id: 'a', title: 'A' },
          { id: 'b', level: 'x' },
        ],
      }),
    );
    const { code, stderr } = await cli(['validate', '--file', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/programmes\.json: \d+ Probleme:\n/);
    expect(stderr).toContain(`${file}, Eintrag „a“, Feld „summary“: Pflichtfeld fehlt`);
    expect(stderr).toContain(`${file}, Eintrag „b“, Feld „level“: Ungültige Option`);
  });
});

describe('cli usage', () => {
  it('explains itself on an unknown command', async () => {
    const { code, stderr } = await cli(['frage']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unbekannter Befehl „frage“');
  });
});
