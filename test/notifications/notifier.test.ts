import type { Activity, ConversationReference } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { type FollowUpRecord, type Notification, type SavedSearch, emptyFollowUps, saveSearch, watch } from '../../src/domain/followUps.js';
import type { Programme } from '../../src/domain/programme.js';
import type { Profile } from '../../src/domain/taxonomy.js';
import { Notifier, type NotifierDependencies, notificationMessage } from '../../src/notifications/notifier.js';
import { FollowUpDocumentInvalid, FollowUpStore, type StoredReference } from '../../src/storage/followUpStore.js';
import { ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { programme } from '../support/programmeBuilder.js';

const REMINDER_DAYS = [14, 3];
/** Three days before the Sprachkurs deadline: the 3-day reminder is due. */
const TODAY = '2026-12-05';
/** Long before any reminder: watching then marks nothing as sent. */
const WATCHED_ON = '2026-10-01';
const FOOTER = 'Keine Benachrichtigungen mehr? Schreiben Sie „Benachrichtigungen aus“.';

const kurs = programme({ id: 'sprachkurs-frauen', title: 'Sprachkurse für Frauen', deadline: { kind: 'stichtag', date: '2026-12-08' } });
const nachfolger = programme({ id: 'kim', title: 'Kommunales Integrationsmanagement' });
const beendet = programme({
  id: 'einwanderung-gestalten',
  title: 'Einwanderung gestalten',
  deadline: { kind: 'beendet', date: '2020-06-30' },
  successor: 'kim',
});
const CATALOGUE = [kurs, nachfolger, beendet];

const reference = (conversationId: string): Partial<ConversationReference> => ({
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/de/',
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  user: { id: `user-of-${conversationId}`, name: '' },
  bot: { id: '28:foerderlotse', name: 'Förderlotse NRW' },
});

const watching = (record: FollowUpRecord, ...items: Programme[]) =>
  items.reduce((current, item) => watch(current, item, WATCHED_ON, REMINDER_DAYS).record, record);
/** Watched while it still ran (watching an ended programme marks its end as told). */
const endedSince = (record: FollowUpRecord, item: Programme): FollowUpRecord => ({
  ...record,
  watchlist: [...record.watchlist, { programmeId: item.id, addedOn: WATCHED_ON }],
});

/** Records what would go out; a conversation id in `failFor` makes sending there fail (once each, if `once`). */
function fakeSend(options: { failFor?: string[]; once?: boolean } = {}) {
  const calls: { conversationId: string | undefined; activity: Partial<Activity> }[] = [];
  const failing = new Set(options.failFor);
  const send = async (target: StoredReference, activity: Partial<Activity>) => {
    const conversationId = target.conversation?.id;
    if (conversationId !== undefined && failing.has(conversationId)) {
      if (options.once === true) failing.delete(conversationId);
      throw new Error('Bot Connector: 503 Service Unavailable (test)');
    }
    calls.push({ conversationId, activity });
  };
  return { calls, send };
}

function recordingLogger() {
  const entries: { level: string; fields: Record<string, unknown>; message: string | undefined }[] = [];
  const record = (level: string) => (fields: Record<string, unknown>, message?: string) => void entries.push({ level, fields, message });
  return {
    entries,
    logger: { info: record('info'), warn: record('warn'), error: record('error') } as unknown as NotifierDependencies['logger'],
  };
}

async function setUp(options: { send?: NotifierDependencies['send']; today?: () => string; programmes?: () => readonly Programme[] } = {}) {
  const storage = new ListableMemoryStorage();
  const store = new FollowUpStore(storage);
  const sending = fakeSend();
  const { entries, logger } = recordingLogger();
  const notifier = new Notifier({
    store,
    programmes: options.programmes ?? (() => CATALOGUE),
    today: options.today ?? (() => TODAY),
    reminderDays: REMINDER_DAYS,
    send: options.send ?? sending.send,
    logger,
  });
  const seed = (user: string, record: FollowUpRecord, conversationId?: string) =>
    store.update(user, () => ({ record, ...(conversationId === undefined ? {} : { reference: reference(conversationId) }) }));
  return { storage, store, notifier, calls: sending.calls, entries, seed };
}

const textsOf = (calls: { activity: Partial<Activity> }[]) => calls.map((call) => call.activity.text?.split('\n')[0]);
const deadlineText = '⏰ Erinnerung: Die Frist für „Sprachkurse für Frauen“ endet in 3 Tagen (08.12.2026).';
const endedText = '„Einwanderung gestalten“ von Ihrer Merkliste ist beendet. Nachfolger: „Kommunales Integrationsmanagement“.';

describe('Notifier.plan', () => {
  it('lists what is due without sending or claiming it, so that planning twice gives the same', async () => {
    const { store, notifier, calls, seed } = await setUp();
    await seed('msteams/anna', endedSince(watching(emptyFollowUps(), kurs), beendet), 'conv-anna');

    const first = await notifier.plan();
    const second = await notifier.plan();

    expect(first.unreadable).toEqual([]);
    expect(first.planned.map((planned) => [planned.user, planned.notification.kind, planned.notification.programme.id])).toEqual([
      ['msteams/anna', 'deadline', 'sprachkurs-frauen'],
      ['msteams/anna', 'ended', 'einwanderung-gestalten'],
    ]);
    expect(first.planned.map((planned) => planned.activity.text?.split('\n')[0])).toEqual([deadlineText, endedText]);
    expect(second).toEqual(first);
    expect(calls).toEqual([]);
    expect((await store.read('msteams/anna'))?.record.sent).toEqual({});
  });

  it('leaves out users without a conversation to write to', async () => {
    const { notifier, seed } = await setUp();
    await seed('msteams/ohne-referenz', watching(emptyFollowUps(), kurs));

    expect(await notifier.plan()).toEqual({ planned: [], unreadable: [] });
  });
});

describe('Notifier.run', () => {
  it('sends each notification once, into the user’s conversation, and nothing on the next run', async () => {
    const { store, notifier, calls, seed } = await setUp();
    await seed('msteams/anna', endedSince(watching(emptyFollowUps(), kurs), beendet), 'conv-anna');
    await seed('msteams/ben', watching(emptyFollowUps(), kurs), 'conv-ben');

    expect(await notifier.run()).toEqual({ users: 2, sent: 3, failed: 0 });
    expect(calls.map((call) => [call.conversationId, call.activity.text?.split('\n')[0]])).toEqual([
      ['conv-anna', deadlineText],
      ['conv-anna', endedText],
      ['conv-ben', deadlineText],
    ]);
    expect(Object.keys((await store.read('msteams/anna'))?.record.sent ?? {}).sort()).toEqual([
      'deadline:sprachkurs-frauen:2026-12-08:3',
      'ended:einwanderung-gestalten',
    ]);

    expect(await notifier.run()).toEqual({ users: 2, sent: 0, failed: 0 });
    expect(calls).toHaveLength(3);
    expect(await notifier.plan()).toEqual({ planned: [], unreadable: [] });
  });

  it('gives a failed notification back and sends it in the next run', async () => {
    const sending = fakeSend({ failFor: ['conv-anna'], once: true });
    const { store, notifier, entries, seed } = await setUp({ send: sending.send });
    await seed('msteams/anna', watching(emptyFollowUps(), kurs), 'conv-anna');

    expect(await notifier.run()).toEqual({ users: 1, sent: 0, failed: 1 });
    expect(sending.calls).toEqual([]);
    expect((await store.read('msteams/anna'))?.record.sent).toEqual({});
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ conversationId: 'conv-anna', kind: 'deadline' }) }),
    );

    expect(await notifier.run()).toEqual({ users: 1, sent: 1, failed: 0 });
    expect(textsOf(sending.calls)).toEqual([deadlineText]);
    expect(await notifier.run()).toMatchObject({ sent: 0 });
  });

  it('skips users without a conversation to write to, and claims nothing for them', async () => {
    const { store, notifier, calls, seed } = await setUp();
    await seed('msteams/ohne-referenz', watching(emptyFollowUps(), kurs));
    await seed('msteams/anna', watching(emptyFollowUps(), kurs), 'conv-anna');

    expect(await notifier.run()).toEqual({ users: 2, sent: 1, failed: 0 });
    expect(calls.map((call) => call.conversationId)).toEqual(['conv-anna']);
    expect((await store.read('msteams/ohne-referenz'))?.record.sent).toEqual({});
  });

  it('goes on with the other users when one user’s document is broken, and logs it', async () => {
    const { storage, notifier, calls, entries, seed } = await setUp();
    await seed('msteams/kaputt', watching(emptyFollowUps(), kurs), 'conv-kaputt');
    await seed('msteams/anna', watching(emptyFollowUps(), kurs), 'conv-anna');
    await storage.write({
      'followups/user/msteams/kaputt': { record: { watchlist: 'sprachkurs-frauen' }, reference: reference('conv-kaputt') },
    });

    expect(await notifier.run()).toEqual({ users: 2, sent: 1, failed: 1 });
    expect(calls.map((call) => call.conversationId)).toEqual(['conv-anna']);
    const logged = entries.find((entry) => entry.level === 'error');
    expect(logged?.message).toBe('notifications for one user failed; the others go on');
    expect(logged?.fields.err).toBeInstanceOf(FollowUpDocumentInvalid);
    expect(String(logged?.fields.err)).toContain('followups/user/msteams/kaputt');
  });

  it('joins a pass under way instead of running a second one', async () => {
    const { notifier, calls, seed } = await setUp();
    await seed('msteams/anna', watching(emptyFollowUps(), kurs), 'conv-anna');

    const [one, two] = await Promise.all([notifier.run(), notifier.run()]);

    expect(one).toBe(two);
    expect(calls).toHaveLength(1);
  });
});

const profile: Profile = { needs: ['sprache'], targetGroups: ['frauen_familien'], size: { class: 'klein', inhabitants: 8000 } };
const SEARCH_TEXT = 'Sprache · Frauen & Familien · Gemeinde mit 8.000 Einwohnern';
const search: SavedSearch = { id: 'search-1', profile, savedOn: WATCHED_ON, known: {} };
const kita = programme({ id: 'kita-sprache', title: 'Sprachförderung in Kitas', targetGroups: ['frauen_familien'] });

describe('notificationMessage', () => {
  it.each<[string, Notification, string, string]>([
    ['a reminder days ahead', { kind: 'deadline', key: 'k', programme: kurs, daysLeft: 3 }, '2026-12-05', deadlineText],
    [
      'a reminder for tomorrow',
      { kind: 'deadline', key: 'k', programme: kurs, daysLeft: 1 },
      '2026-12-07',
      '⏰ Erinnerung: Die Frist für „Sprachkurse für Frauen“ endet morgen (08.12.2026).',
    ],
    [
      'a reminder for today',
      { kind: 'deadline', key: 'k', programme: kurs, daysLeft: 0 },
      '2026-12-08',
      '⏰ Erinnerung: Die Frist für „Sprachkurse für Frauen“ endet heute (08.12.2026).',
    ],
    ['an ended programme with its successor', { kind: 'ended', key: 'k', programme: beendet }, TODAY, endedText],
    [
      'an ended programme whose successor is not in the data',
      { kind: 'ended', key: 'k', programme: { ...beendet, successor: 'gibt-es-nicht' } },
      TODAY,
      '„Einwanderung gestalten“ von Ihrer Merkliste ist beendet.',
    ],
    [
      'a new match',
      { kind: 'newMatch', key: 'k', programme: kita, search, fingerprint: 'f1' },
      TODAY,
      `Neu zu Ihrer gespeicherten Suche (${SEARCH_TEXT}): „Sprachförderung in Kitas“.`,
    ],
    [
      'a changed match',
      { kind: 'changedMatch', key: 'k', programme: kita, search, fingerprint: 'f2', previous: 'f1' },
      TODAY,
      `Zu Ihrer gespeicherten Suche (${SEARCH_TEXT}) hat sich ein Programm geändert: „Sprachförderung in Kitas“. Bitte prüfen Sie die Angaben.`,
    ],
  ])('says %s in one line, followed by how to turn notifications off', (_case, notification, today, line) => {
    expect(notificationMessage(notification, CATALOGUE, today).text).toBe(`${line}\n\n${FOOTER}`);
  });

  type Card = { type: string; body: { inlines?: { text: string }[] }[]; actions: { type: string; title: string; data?: unknown }[] };
  const cardOf = (activity: Partial<Activity>) => activity.attachments?.[0]?.content as Card;
  const submitOf = (activity: Partial<Activity>) => cardOf(activity).actions.find((action) => action.type === 'Action.Submit');

  it.each<[string, string, Notification, unknown]>([
    [
      'a reminder',
      'Entfernen',
      { kind: 'deadline', key: 'k', programme: kurs, daysLeft: 3 },
      { action: 'unwatch', programmeId: 'sprachkurs-frauen' },
    ],
    [
      'an ended programme',
      'Entfernen',
      { kind: 'ended', key: 'k', programme: beendet },
      { action: 'unwatch', programmeId: 'einwanderung-gestalten' },
    ],
    [
      'a new match',
      'Merken',
      { kind: 'newMatch', key: 'k', programme: kita, search, fingerprint: 'f1' },
      { action: 'watch', programmeId: 'kita-sprache' },
    ],
    [
      'a changed match',
      'Merken',
      { kind: 'changedMatch', key: 'k', programme: kita, search, fingerprint: 'f2', previous: 'f1' },
      { action: 'watch', programmeId: 'kita-sprache' },
    ],
  ])('shows the programme card of %s with „%s“', (_case, title, notification, data) => {
    const activity = notificationMessage(notification, CATALOGUE, TODAY);
    expect(cardOf(activity).type).toBe('AdaptiveCard');
    expect(cardOf(activity).body[0]?.inlines?.[0]?.text).toBe(notification.programme.title);
    expect(submitOf(activity)).toMatchObject({ title, data });
  });

  it('is what run() sends for a saved search’s new programme', async () => {
    const before = [kurs];
    let catalogue: readonly Programme[] = before;
    const { notifier, calls, seed } = await setUp({ programmes: () => catalogue });
    await seed('msteams/anna', saveSearch(emptyFollowUps(), profile, before, WATCHED_ON).record, 'conv-anna');
    catalogue = [...before, kita];

    expect(await notifier.run()).toMatchObject({ sent: 1 });
    expect(calls[0]?.activity.text).toBe(`Neu zu Ihrer gespeicherten Suche (${SEARCH_TEXT}): „Sprachförderung in Kitas“.\n\n${FOOTER}`);
    expect(submitOf(calls[0]?.activity ?? {})?.title).toBe('Merken');
  });
});

/** A promise with its resolve function, to hold a send until the test lets it go. */
function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const refTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('Notifier.start and stop', () => {
  it('runs at once and then every interval, until stopped', async () => {
    let passes = 0;
    const { notifier } = await setUp({ today: () => ((passes += 1), TODAY) });

    notifier.start(5);
    await pause(60);
    await notifier.stop();
    const counted = passes;
    await pause(40);

    expect(counted).toBeGreaterThanOrEqual(3);
    expect(passes).toBe(counted);
  });

  it('waits for a pass under way before it returns, and no pass follows it', async () => {
    const held = deferred();
    const sent: string[] = [];
    const started = deferred();
    let passes = 0;
    const { notifier, seed } = await setUp({
      today: () => ((passes += 1), TODAY),
      send: async (target) => {
        started.resolve();
        await held.promise;
        sent.push(target.conversation?.id ?? '');
      },
    });
    await seed('msteams/anna', watching(emptyFollowUps(), kurs), 'conv-anna');

    notifier.start(10);
    await started.promise;
    let stopped = false;
    const stopping = notifier.stop().then(() => (stopped = true));
    await pause(20);
    expect(stopped).toBe(false);

    held.resolve();
    await stopping;
    expect(sent).toEqual(['conv-anna']);
    await pause(30);
    expect(passes).toBe(1);
  });

  it('never keeps the process alive with its timer', async () => {
    let passes = 0;
    const second = deferred();
    const { notifier } = await setUp({
      today: () => {
        passes += 1;
        if (passes === 2) second.resolve();
        return TODAY;
      },
    });
    const before = refTimers();

    notifier.start(5);
    const afterStart = refTimers();
    // The second pass comes from the timer set again after the first one.
    await second.promise;
    await notifier.run();
    await new Promise((done) => setImmediate(done));
    const afterRearm = refTimers();
    await notifier.stop();

    expect(afterStart).toBe(before);
    expect(afterRearm).toBe(before);
  });

  it('does not start with an interval of 0 (notifications switched off)', async () => {
    let passes = 0;
    const { notifier } = await setUp({ today: () => ((passes += 1), TODAY) });

    notifier.start(0);
    await pause(20);
    await notifier.stop();

    expect(passes).toBe(0);
  });
});
