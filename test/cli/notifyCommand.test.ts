import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyFollowUps, watch } from '../../src/domain/followUps.js';
import { Notifier } from '../../src/notifications/notifier.js';
import { notifyCommand } from '../../src/cli/notifyCommand.js';
import { FollowUpStore } from '../../src/storage/followUpStore.js';
import { ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { programme } from '../support/programmeBuilder.js';

const TODAY = '2026-12-05';
const REMINDER_DAYS = [14, 3];
const USER = 'msteams/29:kommune-lippe-1';
const kurs = programme({ id: 'sprachkurs-frauen', title: 'Sprachkurse für Frauen', deadline: { kind: 'stichtag', date: '2026-12-08' } });
const REFERENCE = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/de/',
  conversation: { id: 'a:1personal-conversation', isGroup: false, conversationType: 'personal', name: '' },
};

async function notifier(users: string[]) {
  const store = new FollowUpStore(new ListableMemoryStorage());
  for (const user of users) {
    await store.update(user, () => ({ record: watch(emptyFollowUps(), kurs, '2026-10-01', REMINDER_DAYS).record, reference: REFERENCE }));
  }
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const send = () => Promise.reject(new Error('a dry run sends nothing'));
  return new Notifier({ store, programmes: () => [kurs], today: () => TODAY, reminderDays: REMINDER_DAYS, send, logger: silent });
}

async function run(args: string[], users: string[] = []) {
  let planned = 0;
  const real = await notifier(users);
  const counting = { plan: () => ((planned += 1), real.plan()) };
  const out: string[] = [];
  const err: string[] = [];
  const code = await notifyCommand(args, {
    notifier: counting,
    today: TODAY,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  return { code, out: out.join('\n'), err: err.join('\n'), planned };
}

describe('notify command', () => {
  // Node's own message follows "notify: " (in English); it names the argument that is wrong.
  it.each([
    [[], 'notify zeigt nur an, was fällig ist: bitte mit --dry-run aufrufen.'],
    [['--send'], 'notify: unbekannte Angabe „--send“'],
    [['--dry-run', 'jetzt'], 'notify: unbekannte Angabe „jetzt“'],
    [['--dry-run=ja'], 'notify: unbekannte Angabe „--dry-run=ja“'],
  ])('%j exits with 2, says why, and plans nothing', async (args, problem) => {
    const { code, out, err, planned } = await run(args, [USER]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(problem);
    expect(planned).toBe(0);
  });

  it('names the call to use after a wrong option', async () => {
    expect((await run(['--send'])).err).toContain('Aufruf: npm run --silent cli -- notify --dry-run');
  });

  it('says so when nothing is due', async () => {
    const { code, out, err } = await run(['--dry-run']);
    expect(code).toBe(0);
    expect(out).toBe('Heute (05.12.2026) ist keine Benachrichtigung fällig.');
    expect(err).toBe('');
  });

  it('lists each due notification under a pseudonym, with the message the user would get', async () => {
    const { code, out } = await run(['--dry-run'], [USER, 'msteams/29:kommune-2']);
    const pseudonym = createHash('sha256').update(USER).digest('hex').slice(0, 8);

    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Heute (05.12.2026) fällig: 2 Benachrichtigungen');
    expect(lines.filter((line) => line.startsWith('Nutzer '))).toHaveLength(2);
    expect(lines).toContain(`Nutzer ${pseudonym} · Fristerinnerung · sprachkurs-frauen`);
    expect(lines).toContain('  ⏰ Erinnerung: Die Frist für „Sprachkurse für Frauen“ endet in 3 Tagen (08.12.2026).');
    expect(lines).toContain('  Keine Benachrichtigungen mehr? Schreiben Sie „Benachrichtigungen aus“.');
    for (const line of lines.filter((candidate) => candidate.startsWith('Nutzer '))) expect(line).toMatch(/^Nutzer [0-9a-f]{8} · /);
    expect(out).not.toContain('kommune-lippe-1');
    expect(out).not.toContain('kommune-2');
    expect(out).not.toContain(REFERENCE.conversation.id);
  });

  it('says "1 Benachrichtigung" for a single one', async () => {
    expect((await run(['--dry-run'], [USER])).out.split('\n')[0]).toBe('Heute (05.12.2026) fällig: 1 Benachrichtigung');
  });
});

describe('notify --dry-run with a document it cannot read', () => {
  it('lists the rest, names the unreadable user by pseudonym and exits with 1', async () => {
    const storage = new ListableMemoryStorage();
    const store = new FollowUpStore(storage);
    await store.update(USER, () => ({ record: watch(emptyFollowUps(), kurs, '2026-10-01', REMINDER_DAYS).record, reference: REFERENCE }));
    await store.update('msteams/kaputt', () => ({ record: emptyFollowUps(), reference: REFERENCE }));
    await storage.write({ 'followups/user/msteams/kaputt': { record: { watchlist: 'keine Liste' } } });
    const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const notifier = new Notifier({
      store,
      programmes: () => [kurs],
      today: () => TODAY,
      reminderDays: REMINDER_DAYS,
      send: () => Promise.resolve(),
      logger: silent,
    });
    const out: string[] = [];
    const err: string[] = [];

    const code = await notifyCommand(['--dry-run'], {
      notifier,
      today: TODAY,
      out: (text) => out.push(text),
      err: (text) => err.push(text),
    });

    expect(code).toBe(1);
    expect(out.join('\n')).toContain('Sprachkurse für Frauen');
    const pseudonym = createHash('sha256').update('msteams/kaputt').digest('hex').slice(0, 8);
    expect(err.join('\n')).toContain(`Nutzer ${pseudonym}: gespeicherte Daten nicht lesbar`);
    // The document's key stays in the detail: the operator needs it to find and repair the document.
    expect(err.join('\n')).toContain('followups/user/msteams/kaputt');
  });
});
