import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber, germanDate, isoDateIn } from '../../src/domain/dates.js';
import { type DemandEvent, DemandEventSchema } from '../../src/domain/demand.js';
import { emptyFollowUps } from '../../src/domain/followUps.js';
import { EventLog } from '../../src/storage/eventLog.js';
import { FileStorage } from '../../src/storage/fileStorage.js';
import { FollowUpStore } from '../../src/storage/followUpStore.js';
import { FIXTURE_FILE } from '../support/testBot.js';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', 'tsx');
const TIME_ZONE = 'Europe/Berlin';
const USER = 'msteams/29:kommune-cli-1';
const DEADLINE = '2026-12-08';

/**
 * The CLI reads the real clock, so no fixed "today" can make a reminder due. Every threshold from 0
 * to 999 days is configured instead: planning picks the smallest threshold not below the days left,
 * which is the days left themselves, so the sprachkurs-frauen reminder is due on any day from 999
 * days before its deadline up to the deadline. The days in its text are computed from the real date
 * in the same time zone, read before and after the run in case it crosses midnight. Past the
 * deadline no reminder can be due; the ended programme (einwanderung-gestalten, successor kim) is
 * due on every day, so the test still checks a notification then. The seeded record marks nothing as
 * sent (seeding through watch() on today's date would mark the reminder as told).
 */
const EVERY_THRESHOLD = Array.from({ length: 1000 }, (_, days) => days).join(',');

const stateDir = mkdtempSync(join(tmpdir(), 'cli-follow-ups-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function cli(args: string[], reminderDays = EVERY_THRESHOLD, stateStorage = 'file') {
  const env = {
    ...process.env,
    STATE_STORAGE: stateStorage,
    STATE_DIR: stateDir,
    PROGRAMMES_FILE: FIXTURE_FILE,
    TIME_ZONE,
    REMINDER_DAYS: reminderDays,
  };
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/index.ts', ...args], { encoding: 'utf8', env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const search = (date: string, openHits: number): DemandEvent => ({
  kind: 'search',
  date,
  needs: ['sprache'],
  targetGroups: ['frauen_familien'],
  sizeClass: 'klein',
  openHits,
});

beforeAll(async () => {
  const storage = new FileStorage(stateDir);
  await new FollowUpStore(storage).update(USER, () => ({
    record: {
      ...emptyFollowUps(),
      watchlist: [
        { programmeId: 'sprachkurs-frauen', addedOn: '2024-01-02' },
        { programmeId: 'einwanderung-gestalten', addedOn: '2020-01-02' },
      ],
    },
    reference: {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/de/',
      conversation: { id: 'a:1personal-cli', isGroup: false, conversationType: 'personal', name: '' },
      user: { id: '29:kommune-cli-1', name: '' },
    },
  }));

  const demand = new EventLog(storage, { name: 'demand', schema: DemandEventSchema, instanceId: 'bot-1' });
  demand.record(search('2026-03-02', 2));
  demand.record(search('2026-03-02', 0));
  demand.record({ kind: 'watch', date: '2026-03-02', programmeId: 'sprachkurs-frauen' });
  demand.record(search('2026-03-03', 0));
  await demand.close();
});

describe('cli notify --dry-run on the bot’s file storage', () => {
  // REMINDER_DAYS=0 reminds only on the deadline day: on any other day it shows that the setting counts.
  it.each([
    ['every threshold', EVERY_THRESHOLD, (daysLeft: number) => daysLeft >= 0],
    ['only 0', '0', (daysLeft: number) => daysLeft === 0],
  ])('prints what is due today under a pseudonym with REMINDER_DAYS of %s, and claims nothing', async (_name, reminderDays, reminds) => {
    const before = isoDateIn(new Date(), TIME_ZONE);
    const { code, stdout, stderr } = await cli(['notify', '--dry-run'], reminderDays);
    const after = isoDateIn(new Date(), TIME_ZONE);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const today = stdout.includes(`Heute (${germanDate(after)})`) ? after : before;
    const daysLeft = dayNumber(DEADLINE) - dayNumber(today);
    const pseudonym = createHash('sha256').update(USER).digest('hex').slice(0, 8);
    const lines = stdout.split('\n');

    if (reminds(daysLeft)) {
      const when = daysLeft === 0 ? 'heute' : daysLeft === 1 ? 'morgen' : `in ${daysLeft} Tagen`;
      expect(lines[0]).toBe(`Heute (${germanDate(today)}) fällig: 2 Benachrichtigungen`);
      expect(lines).toContain(`Nutzer ${pseudonym} · Fristerinnerung · sprachkurs-frauen`);
      expect(lines).toContain(`  ⏰ Erinnerung: Die Frist für „Sprachkurse für Frauen mit Kinderbetreuung“ endet ${when} (08.12.2026).`);
    } else {
      expect(lines[0]).toBe(`Heute (${germanDate(today)}) fällig: 1 Benachrichtigung`);
      expect(stdout).not.toContain('Fristerinnerung');
    }
    expect(lines).toContain(`Nutzer ${pseudonym} · Programm beendet · einwanderung-gestalten`);
    expect(lines).toContain(
      '  „Einwanderung gestalten NRW“ von Ihrer Merkliste ist beendet. Nachfolger: „Kommunales Integrationsmanagement (KIM)“.',
    );
    expect(stdout).not.toContain('kommune-cli-1');

    const stored = await new FollowUpStore(new FileStorage(stateDir)).read(USER);
    expect(stored?.record.sent).toEqual({});
  });

  it('refuses to run without --dry-run', async () => {
    const { code, stdout, stderr } = await cli(['notify']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bitte mit --dry-run aufrufen');
  });
});

describe('cli report on the bot’s file storage', () => {
  it('prints the searches of the day asked for as CSV', async () => {
    const { code, stdout, stderr } = await cli(['report', '--format', 'csv', '--from', '2026-03-02', '--to', '2026-03-02']);

    expect(code).toBe(0);
    const rows = stdout.split(/\r?\n/);
    expect(rows.slice(0, 5)).toEqual([
      'abschnitt;handlungsfeld;zielgruppe;groesse;programm_id;programm;suchen;ohne_offenes_programm;anzahl;datum;hilfreich;kommentar',
      'zeitraum_von;;;;;;;;;2026-03-02;;',
      'zeitraum_bis;;;;;;;;;2026-03-02;;',
      'summe;;;;;;2;1;;;;',
      'nachfrage;Sprache;Frauen & Familien;Gemeinde unter 25.000 Einwohnern;;;2;1;;;;',
    ]);
    expect(rows).toContain('gemerkt;;;;sprachkurs-frauen;Sprachkurse für Frauen mit Kinderbetreuung;;;1;;;');
    expect(stderr.trim()).toBe('3 Einträge gelesen, 0 ungültige übersprungen.');
  });

  it('exits with 2 and a German message for a date that does not exist', async () => {
    const { code, stdout, stderr } = await cli(['report', '--from', '2026-13-01']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--from „2026-13-01“ ist kein gültiges Datum; bitte im Format JJJJ-MM-TT angeben');
  });

  it.each(['report', 'notify'])('%s refuses the memory storage, which no second process can read', async (command) => {
    const { code, stdout, stderr } = await cli([command, '--dry-run'].slice(0, command === 'notify' ? 2 : 1), EVERY_THRESHOLD, 'memory');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('STATE_STORAGE=memory');
  });
});
