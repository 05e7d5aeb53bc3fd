import { describe, expect, it } from 'vitest';
import {
  FollowUpRecordSchema,
  NOTIFICATIONS_PER_RUN_MAX,
  type FollowUpRecord,
  type Notification,
  REMINDER_DAYS_DEFAULT,
  SAVED_SEARCHES_MAX,
  WATCHLIST_MAX,
  byDeadline,
  claim,
  emptyFollowUps,
  firstReminder,
  planNotifications,
  programmeFingerprint,
  release,
  removeSearch,
  saveSearch,
  setNotifications,
  unwatch,
  watch,
} from '../../src/domain/followUps.js';
import type { Programme } from '../../src/domain/programme.js';
import { NEEDS, type Profile } from '../../src/domain/taxonomy.js';
import { programme } from '../support/programmeBuilder.js';

const TODAY = '2026-11-26';
const DAYS = REMINDER_DAYS_DEFAULT;

const plusDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// Watched programmes are for work (`arbeit`); saved searches look for language courses, so the two never meet by accident.
const due = (days: number) => programme({ id: 'p', needs: ['arbeit'], deadline: { kind: 'stichtag', date: plusDays(TODAY, days) } });
const profile = (overrides: Partial<Profile> = {}): Profile => ({
  needs: ['sprache'],
  targetGroups: ['gefluechtete'],
  size: { class: 'klein' },
  ...overrides,
});
const keys = (notifications: readonly Notification[]) => notifications.map((notification) => notification.key);

/** Plans on `day` and claims what was planned, as the shell does when sending works. */
function runOn(record: FollowUpRecord, programmes: readonly Programme[], day: string) {
  const notifications = planNotifications(record, programmes, day, DAYS);
  return { notifications, record: claim(record, notifications, day) };
}

/** Runs the planner once a day from `from` to `to` (inclusive): which notification came on which day. */
function runDaily(record: FollowUpRecord, programmes: readonly Programme[], from: string, to: string) {
  const log: { day: string; key: string }[] = [];
  let current = record;
  for (let day = from; day <= to; day = plusDays(day, 1)) {
    const run = runOn(current, programmes, day);
    log.push(...run.notifications.map((notification) => ({ day, key: notification.key })));
    current = run.record;
  }
  return { log, record: current };
}

/** Watched a month ago, long before any reminder was due. */
const watched = (...programmes: Programme[]) =>
  programmes.reduce((record, watchedProgramme) => watch(record, watchedProgramme, plusDays(TODAY, -30), DAYS).record, emptyFollowUps());

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

describe('the record', () => {
  it('starts empty, with notifications on', () => {
    expect(emptyFollowUps()).toEqual({ watchlist: [], savedSearches: [], notificationsOn: true, sent: {} });
  });

  it('survives a trip through JSON and the schema', () => {
    let record = watched(due(20), programme({ id: 'q', deadline: { kind: 'stichtag', date: plusDays(TODAY, 10) } }));
    record = saveSearch(record, profile({ size: { class: 'klein', inhabitants: 8000 } }), [programme({ id: 'r' })], TODAY).record;
    record = claim(
      record,
      planNotifications(record, [programme({ id: 'r', maxAmount: 5000 }), programme({ id: 's' })], TODAY, DAYS),
      TODAY,
    );
    expect(Object.keys(record.sent).length).toBeGreaterThan(0);
    expect(Object.keys(record.savedSearches[0]?.known ?? {})).toEqual(['r', 's']);

    expect(FollowUpRecordSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it.each([
    { broken: 'a sent day that is no date', record: { ...emptyFollowUps(), sent: { 'ended:p': 'gestern' } } },
    { broken: 'an empty programme id', record: { ...emptyFollowUps(), watchlist: [{ programmeId: '', addedOn: TODAY }] } },
    {
      broken: 'an unknown need in a saved search',
      record: {
        ...emptyFollowUps(),
        savedSearches: [{ id: 'x', profile: { ...profile(), needs: ['fliegen'] }, savedOn: TODAY, known: {} }],
      },
    },
    { broken: 'a missing switch', record: { watchlist: [], savedSearches: [], sent: {} } },
  ])('refuses $broken', ({ record }) => {
    expect(FollowUpRecordSchema.safeParse(record).success).toBe(false);
  });

  it('is never changed in place', () => {
    const record = deepFreeze(saveSearch(watched(due(20)), profile(), [], TODAY).record);
    const programmes = [due(2), programme({ id: 'new' })];
    const notifications = planNotifications(record, programmes, TODAY, DAYS);
    expect(notifications).toHaveLength(2);
    const claimed = claim(record, notifications, TODAY);
    for (const notification of notifications) release(claimed, notification);
    expect(() => [
      watch(record, programme({ id: 'other' }), TODAY, DAYS),
      unwatch(record, 'p'),
      removeSearch(record, record.savedSearches[0]?.id ?? ''),
      setNotifications(record, false),
    ]).not.toThrow();
  });
});

describe('programmeFingerprint', () => {
  const base = programme({
    id: 'p',
    fundingRate: 80,
    maxAmount: 50_000,
    amountNote: 'je Kommune',
    contact: 'Bezirksregierung',
    viaIntermediary: 'Über Träger.',
    sizeClasses: ['klein', 'mittel'],
    successor: 'q',
    deadline: { kind: 'stichtag', date: '2027-03-31' },
  });

  it('is a short hex hash', () => {
    expect(programmeFingerprint(base)).toMatch(/^[0-9a-f]{8}$/);
  });

  it.each<{ field: string; change: Partial<Programme> }>([
    { field: 'title', change: { title: 'Neuer Titel' } },
    { field: 'summary', change: { summary: 'Jetzt auch für Sachkosten.' } },
    { field: 'funder', change: { funder: 'Bund' } },
    { field: 'needs', change: { needs: ['sprache', 'bildung'] } },
    { field: 'targetGroups', change: { targetGroups: ['alle'] } },
    { field: 'applicants', change: { applicants: ['kreis'] } },
    { field: 'viaIntermediary', change: { viaIntermediary: undefined } },
    { field: 'sizeClasses', change: { sizeClasses: ['klein'] } },
    { field: 'fundingType', change: { fundingType: 'darlehen' } },
    { field: 'fundingRate', change: { fundingRate: 90 } },
    { field: 'maxAmount', change: { maxAmount: 60_000 } },
    { field: 'amountNote', change: { amountNote: 'je Vorhaben' } },
    { field: 'deadline date', change: { deadline: { kind: 'stichtag', date: '2027-04-30' } } },
    { field: 'deadline kind', change: { deadline: { kind: 'beendet', date: '2027-03-31' } } },
    { field: 'applicationUrl', change: { applicationUrl: 'https://example.org/antrag' } },
    { field: 'contact', change: { contact: 'Ministerium' } },
    { field: 'successor', change: { successor: 'r' } },
  ])('changes with $field', ({ change }) => {
    expect(programmeFingerprint({ ...base, ...change })).not.toBe(programmeFingerprint(base));
  });

  it.each<{ what: string; other: Programme }>([
    { what: 'a new lastVerified', other: { ...base, lastVerified: '2027-01-15' } },
    { what: 'a new sourceUrl', other: { ...base, sourceUrl: 'https://example.org/neu' } },
    { what: 'another key order', other: Object.fromEntries(Object.entries(base).reverse()) as Programme },
    {
      what: 'another key order inside the deadline',
      other: { ...base, deadline: { date: '2027-03-31', kind: 'stichtag' } as Programme['deadline'] },
    },
    {
      what: 'needs and size classes in another order',
      other: { ...base, needs: ['bildung', 'sprache'], sizeClasses: ['mittel', 'klein'] },
    },
  ])('stays the same with $what', ({ other }) => {
    const withTwoNeeds = (p: Programme): Programme => (p.needs.length === 1 ? { ...p, needs: ['sprache', 'bildung'] } : p);
    expect(programmeFingerprint(withTwoNeeds(other))).toBe(programmeFingerprint(withTwoNeeds(base)));
  });
});

describe('watch and unwatch', () => {
  it('adds once, and says so the second time', () => {
    const first = watch(emptyFollowUps(), due(20), TODAY, DAYS);
    expect(first.outcome).toBe('added');
    expect(first.record.watchlist).toEqual([{ programmeId: 'p', addedOn: TODAY }]);
    const second = watch(first.record, due(20), TODAY, DAYS);
    expect(second).toEqual({ record: first.record, outcome: 'already' });
  });

  it(`holds at most ${WATCHLIST_MAX} programmes`, () => {
    const full = Array.from({ length: WATCHLIST_MAX }, (_, index) => programme({ id: `p${index}` })).reduce(
      (record, item) => watch(record, item, TODAY, DAYS).record,
      emptyFollowUps(),
    );
    expect(full.watchlist).toHaveLength(WATCHLIST_MAX);
    const refused = watch(full, programme({ id: 'one-more' }), TODAY, DAYS);
    expect(refused.outcome).toBe('full');
    expect(refused.record).toBe(full);
    expect(watch(full, programme({ id: 'p7' }), TODAY, DAYS).outcome).toBe('already');
  });

  it('removes, and says whether there was anything to remove', () => {
    const record = watched(due(20), programme({ id: 'q' }));
    const removed = unwatch(record, 'p');
    expect(removed.removed).toBe(true);
    expect(removed.record.watchlist.map((entry) => entry.programmeId)).toEqual(['q']);
    expect(unwatch(removed.record, 'p')).toEqual({ record: removed.record, removed: false });
  });

  it.each([
    { daysLeft: 20, marked: [] },
    { daysLeft: 14, marked: [14] },
    { daysLeft: 10, marked: [14] },
    { daysLeft: 3, marked: [14, 3] },
    { daysLeft: 0, marked: [14, 3] },
    { daysLeft: -1, marked: [] },
  ])('watching with $daysLeft days left marks the thresholds already reached: $marked', ({ daysLeft, marked }) => {
    const { record } = watch(emptyFollowUps(), due(daysLeft), TODAY, DAYS);
    expect(Object.keys(record.sent).sort()).toEqual(
      marked.map((threshold) => `deadline:p:${plusDays(TODAY, daysLeft)}:${threshold}`).sort(),
    );
  });
});

describe('deadline reminders', () => {
  const deadline = plusDays(TODAY, 20);
  const reminder = (threshold: number) => `deadline:p:${deadline}:${threshold}`;

  it.each([
    { daysLeft: 20, expected: [] },
    { daysLeft: 15, expected: [] },
    { daysLeft: 14, expected: [{ key: reminder(14), daysLeft: 14 }] },
    { daysLeft: 9, expected: [{ key: reminder(14), daysLeft: 9 }] },
    { daysLeft: 3, expected: [{ key: reminder(3), daysLeft: 3 }] },
    { daysLeft: 0, expected: [{ key: reminder(3), daysLeft: 0 }] },
    { daysLeft: -1, expected: [] },
  ])('with $daysLeft days left: $expected.0.key', ({ daysLeft, expected }) => {
    const record = watched(due(20));
    const notifications = planNotifications(record, [due(20)], plusDays(deadline, -daysLeft), DAYS);
    expect(
      notifications.map((notification) => ({
        key: notification.key,
        daysLeft: notification.kind === 'deadline' ? notification.daysLeft : null,
      })),
    ).toEqual(expected);
  });

  it('reminds at 14 and at 3 days left, each once', () => {
    const { log } = runDaily(watched(due(20)), [due(20)], TODAY, deadline);
    expect(log).toEqual([
      { day: plusDays(deadline, -14), key: reminder(14) },
      { day: plusDays(deadline, -3), key: reminder(3) },
    ]);
  });

  it('watching with 10 days left skips the 14-day reminder and gives the 3-day one only at 3 days left', () => {
    const record = watch(emptyFollowUps(), due(10), TODAY, DAYS).record;
    const { log } = runDaily(record, [due(10)], TODAY, plusDays(TODAY, 12));
    expect(log).toEqual([{ day: plusDays(TODAY, 7), key: `deadline:p:${plusDays(TODAY, 10)}:3` }]);
  });

  it('after the bot was down until 2 days left, one reminder comes and no late 14-day one', () => {
    const record = watched(due(20));
    const { log } = runDaily(record, [due(20)], plusDays(deadline, -2), plusDays(deadline, 1));
    expect(log).toEqual([{ day: plusDays(deadline, -2), key: reminder(3) }]);
  });

  it('a moved deadline reminds again', () => {
    const before = runDaily(watched(due(20)), [due(20)], TODAY, plusDays(deadline, -3)).record;
    const moved = programme({ id: 'p', deadline: { kind: 'stichtag', date: plusDays(deadline, 30) } });
    const { log } = runDaily(before, [moved], plusDays(deadline, -2), plusDays(deadline, 30));
    expect(log).toEqual([
      { day: plusDays(deadline, 16), key: `deadline:p:${plusDays(deadline, 30)}:14` },
      { day: plusDays(deadline, 27), key: `deadline:p:${plusDays(deadline, 30)}:3` },
    ]);
  });

  it('uses the thresholds it is given, in any order', () => {
    const record = watch(emptyFollowUps(), due(20), TODAY, [1, 7]).record;
    expect(keys(planNotifications(record, [due(20)], plusDays(deadline, -7), [1, 7]))).toEqual([reminder(7)]);
    expect(keys(planNotifications(record, [due(20)], plusDays(deadline, -1), [1, 7]))).toEqual([reminder(1)]);
  });

  it('says nothing about a running programme', () => {
    const running = programme({ id: 'p' });
    expect(runDaily(watched(running), [running], TODAY, plusDays(TODAY, 30)).log).toEqual([]);
  });

  it('puts the fewest days first', () => {
    const programmes = [14, 2, 9].map((days, index) =>
      programme({ id: `p${index}`, deadline: { kind: 'stichtag', date: plusDays(TODAY, days) } }),
    );
    const record = programmes.reduce((current, item) => watch(current, item, plusDays(TODAY, -30), DAYS).record, emptyFollowUps());
    expect(
      planNotifications(record, programmes, TODAY, DAYS).map((notification) => notification.kind === 'deadline' && notification.daysLeft),
    ).toEqual([2, 9, 14]);
  });
});

describe('ended programmes', () => {
  const ended = programme({ id: 'p', deadline: { kind: 'beendet', date: TODAY } });

  it('tell a watcher once that the programme has ended', () => {
    const record = watched(due(40));
    const { log } = runDaily(record, [ended], TODAY, plusDays(TODAY, 5));
    expect(log).toEqual([{ day: TODAY, key: 'ended:p' }]);
  });

  it('say nothing to someone who watches a programme already ended', () => {
    expect(runDaily(watched(ended), [ended], TODAY, plusDays(TODAY, 5)).log).toEqual([]);
  });

  it('do not tell it again once old sent keys are pruned, while the programme is watched', () => {
    const record = runOn(watched(due(40)), [ended], TODAY).record;
    const muchLater = plusDays(TODAY, 800);
    expect(keys(planNotifications(claim(record, [], muchLater), [ended], muchLater, DAYS))).toEqual([]);
  });

  it('are skipped silently when the programme is gone from the catalogue', () => {
    const record = watched(due(2), programme({ id: 'gone', deadline: { kind: 'stichtag', date: plusDays(TODAY, 2) } }));
    expect(keys(planNotifications(record, [due(2)], TODAY, DAYS))).toEqual([`deadline:p:${plusDays(TODAY, 2)}:3`]);
  });
});

describe('saved searches', () => {
  const fits = programme({ id: 'fits' });

  it('save the programmes that fit now as known, and only those', () => {
    const programmes = [
      fits,
      programme({ id: 'other-need', needs: ['wohnen'] }),
      programme({ id: 'closed', deadline: { kind: 'stichtag', date: plusDays(TODAY, -1) } }),
    ];
    const { search, outcome, record } = saveSearch(emptyFollowUps(), profile(), programmes, TODAY);
    expect(outcome).toBe('saved');
    expect(search).toMatchObject({ profile: profile(), savedOn: TODAY, known: { fits: programmeFingerprint(fits) } });
    expect(Object.keys(search.known)).toEqual(['fits']);
    expect(record.savedSearches).toEqual([search]);
  });

  it.each([
    { same: 'the same profile', other: profile() },
    {
      same: 'needs and groups in another order',
      other: profile({ needs: ['bildung', 'sprache'], targetGroups: ['frauen_familien', 'gefluechtete'] }),
      first: profile({ needs: ['sprache', 'bildung'], targetGroups: ['gefluechtete', 'frauen_familien'] }),
    },
    { same: 'another count of inhabitants in the same size class', other: profile({ size: { class: 'klein', inhabitants: 9000 } }) },
  ])('are saved once: $same', ({ other, first }) => {
    const saved = saveSearch(emptyFollowUps(), first ?? profile(), [fits], TODAY);
    const again = saveSearch(saved.record, other, [fits], plusDays(TODAY, 1));
    expect(again).toEqual({ record: saved.record, search: saved.search, outcome: 'already' });
  });

  it.each([
    { differs: 'another need', other: profile({ needs: ['wohnen'] }) },
    { differs: 'another group', other: profile({ targetGroups: ['alle'] }) },
    { differs: 'another size class', other: profile({ size: { class: 'kreis' } }) },
    { differs: 'an unknown size', other: profile({ size: null }) },
  ])('tell apart $differs', ({ other }) => {
    const saved = saveSearch(emptyFollowUps(), profile(), [fits], TODAY);
    const second = saveSearch(saved.record, other, [fits], TODAY);
    expect(second.outcome).toBe('saved');
    expect(second.search.id).not.toBe(saved.search.id);
  });

  it(`hold at most ${SAVED_SEARCHES_MAX}`, () => {
    const profiles = NEEDS.map((need) => profile({ needs: [need.id] }));
    expect(profiles.length).toBeGreaterThan(SAVED_SEARCHES_MAX);
    const full = profiles
      .slice(0, SAVED_SEARCHES_MAX)
      .reduce((record, each) => saveSearch(record, each, [], TODAY).record, emptyFollowUps());
    expect(full.savedSearches).toHaveLength(SAVED_SEARCHES_MAX);
    const refused = saveSearch(full, profiles[SAVED_SEARCHES_MAX] as Profile, [], TODAY);
    expect(refused.outcome).toBe('full');
    expect(refused.record).toBe(full);
    expect(saveSearch(full, profiles[0] as Profile, [], TODAY).outcome).toBe('already');
  });

  it('are removed by id', () => {
    const { record, search } = saveSearch(emptyFollowUps(), profile(), [fits], TODAY);
    const removed = removeSearch(record, search.id);
    expect(removed).toEqual({ record: { ...record, savedSearches: [] }, removed: true });
    expect(removeSearch(removed.record, search.id)).toEqual({ record: removed.record, removed: false });
  });
});

describe('match notifications', () => {
  const fits = programme({ id: 'fits', maxAmount: 10_000 });
  const saved = () => saveSearch(emptyFollowUps(), profile(), [fits], TODAY);

  it('tell once of a programme added to the catalogue that fits', () => {
    const { record, search } = saved();
    const added = programme({ id: 'added' });
    const catalogue = [fits, added, programme({ id: 'unfitting', needs: ['wohnen'] })];
    const { log } = runDaily(record, catalogue, TODAY, plusDays(TODAY, 3));
    expect(log).toEqual([{ day: TODAY, key: `new:${search.id}:added` }]);
    expect(planNotifications(record, catalogue, TODAY, DAYS)[0]).toMatchObject({
      kind: 'newMatch',
      programme: added,
      search,
      fingerprint: programmeFingerprint(added),
    });
  });

  it('tell once of a change the user cares about, with the version they knew', () => {
    const { record, search } = saved();
    const changed = { ...fits, maxAmount: 20_000 };
    const fingerprint = programmeFingerprint(changed);
    const [notification] = planNotifications(record, [changed], TODAY, DAYS);
    expect(notification).toEqual({
      kind: 'changedMatch',
      key: `changed:${search.id}:fits:${fingerprint}`,
      programme: changed,
      search,
      fingerprint,
      previous: programmeFingerprint(fits),
    });
    expect(runDaily(record, [changed], TODAY, plusDays(TODAY, 3)).log).toHaveLength(1);
  });

  it('tell of each further change, but not twice of the same version', () => {
    const { record } = saved();
    const steps = [{ ...fits, maxAmount: 20_000 }, { ...fits, maxAmount: 30_000 }, fits, { ...fits, maxAmount: 20_000 }];
    const kinds = steps.reduce<{ record: FollowUpRecord; kinds: string[] }>(
      (state, version, index) => {
        const run = runOn(state.record, [version], plusDays(TODAY, index));
        return { record: run.record, kinds: [...state.kinds, ...run.notifications.map((notification) => notification.kind)] };
      },
      { record, kinds: [] },
    ).kinds;
    // Back to the saved version is news; back to 20,000 was told on the first day already.
    expect(kinds).toEqual(['changedMatch', 'changedMatch', 'changedMatch']);
  });

  it.each([
    { what: 'a re-check (lastVerified)', version: { ...fits, lastVerified: '2027-01-10' } },
    { what: 'a new source page', version: { ...fits, sourceUrl: 'https://example.org/neu' } },
    { what: 'a programme that no longer fits', version: { ...fits, needs: ['wohnen'] } as Programme },
    {
      what: 'a programme whose deadline has passed',
      version: { ...fits, deadline: { kind: 'stichtag', date: plusDays(TODAY, -1) } } as Programme,
    },
  ])('say nothing about $what', ({ version }) => {
    expect(planNotifications(saved().record, [version], TODAY, DAYS)).toEqual([]);
  });

  it('tell of a programme two searches find only once, through the first search', () => {
    const first = saved();
    const second = saveSearch(first.record, profile({ needs: ['sprache', 'bildung'] }), [fits], TODAY);
    const both = programme({ id: 'both', needs: ['sprache', 'bildung'] });
    const [notification, ...rest] = planNotifications(second.record, [fits, both], TODAY, DAYS);
    expect(rest).toEqual([]);
    expect(notification).toMatchObject({ kind: 'newMatch', programme: both, search: first.search });
    expect(runDaily(second.record, [fits, both], TODAY, plusDays(TODAY, 3)).log).toHaveLength(1);
    expect(runDaily(second.record, [fits, { ...both, maxAmount: 1000 }], plusDays(TODAY, 4), plusDays(TODAY, 6)).log).toHaveLength(1);
  });
});

describe('claim and release', () => {
  const fits = programme({ id: 'fits' });

  it('claiming leaves nothing due; releasing makes it due again', () => {
    const { record } = saveSearch(watched(due(20)), profile(), [], TODAY);
    const catalogue = [due(20), fits];
    const day = plusDays(TODAY, 6);
    const notifications = planNotifications(record, catalogue, day, DAYS);
    expect(notifications.map((notification) => notification.kind)).toEqual(['deadline', 'newMatch']);
    const claimed = claim(record, notifications, day);
    expect(planNotifications(claimed, catalogue, day, DAYS)).toEqual([]);
    for (const notification of notifications) {
      const released = release(claimed, notification);
      expect(planNotifications(released, catalogue, day, DAYS)).toEqual([notification]);
    }
  });

  it('marks keys as sent today and the programme as known', () => {
    const { record, search } = saveSearch(emptyFollowUps(), profile(), [], TODAY);
    const claimed = claim(record, planNotifications(record, [fits], TODAY, DAYS), TODAY);
    expect(claimed.sent).toEqual({ [`new:${search.id}:fits`]: TODAY });
    expect(claimed.savedSearches[0]?.known).toEqual({ fits: programmeFingerprint(fits) });
  });

  it.each([
    { kind: 'newMatch', before: [], after: { ...fits, title: 'Neu' }, restored: {} },
    { kind: 'changedMatch', before: [fits], after: { ...fits, title: 'Neu' }, restored: { fits: programmeFingerprint(fits) } },
  ])('releasing a $kind restores what was known', ({ kind, before, after, restored }) => {
    const { record } = saveSearch(emptyFollowUps(), profile(), before, TODAY);
    const [notification] = planNotifications(record, [after], TODAY, DAYS);
    expect(notification?.kind).toBe(kind);
    const released = release(claim(record, [notification as Notification], TODAY), notification as Notification);
    expect(released.savedSearches[0]?.known).toEqual(restored);
    expect(released).toEqual(record);
  });

  it('releasing does not undo a newer claim for the same programme', () => {
    const { record } = saveSearch(emptyFollowUps(), profile(), [fits], TODAY);
    const [older] = planNotifications(record, [{ ...fits, title: 'Zweite Fassung' }], TODAY, DAYS);
    const afterOlder = claim(record, [older as Notification], TODAY);
    const [newer] = planNotifications(afterOlder, [{ ...fits, title: 'Dritte Fassung' }], TODAY, DAYS);
    const afterNewer = claim(afterOlder, [newer as Notification], TODAY);
    expect(release(afterNewer, older as Notification).savedSearches).toEqual(afterNewer.savedSearches);
  });

  it.each([
    { age: 0, kept: true },
    { age: 400, kept: true },
    { age: 401, kept: false },
  ])('keeps a sent key $age days old: $kept', ({ age, kept }) => {
    const record = { ...emptyFollowUps(), sent: { 'deadline:p:2020-01-01:3': plusDays(TODAY, -age) } };
    expect(Object.keys(claim(record, [], TODAY).sent)).toEqual(kept ? ['deadline:p:2020-01-01:3'] : []);
  });
});

describe('planNotifications as a whole', () => {
  it('plans nothing while notifications are off, and everything due once they are on again', () => {
    const { record } = saveSearch(watched(due(20), programme({ id: 'q' })), profile(), [], TODAY);
    const catalogue = [due(2), programme({ id: 'q', deadline: { kind: 'beendet', date: TODAY } }), programme({ id: 'r' })];
    const off = setNotifications(record, false);
    expect(off.notificationsOn).toBe(false);
    expect(planNotifications(off, catalogue, TODAY, DAYS)).toEqual([]);
    expect(planNotifications(setNotifications(off, true), catalogue, TODAY, DAYS).map((notification) => notification.kind)).toEqual([
      'deadline',
      'ended',
      'newMatch',
    ]);
  });

  it(`orders by kind and sends at most ${NOTIFICATIONS_PER_RUN_MAX} a run; the rest comes next run`, () => {
    const deadline = (id: string, days: number) => programme({ id, deadline: { kind: 'stichtag', date: plusDays(TODAY, days) } });
    const knownFits = programme({ id: 'k-known', needs: ['wohnen'] });
    const watchedOnes = [deadline('d-later', 12), programme({ id: 'e-ended', needs: ['arbeit'] }), deadline('d-sooner', 3)];
    let record = watchedOnes.reduce((current, item) => watch(current, item, plusDays(TODAY, -30), DAYS).record, emptyFollowUps());
    record = saveSearch(record, profile({ needs: ['wohnen'] }), [knownFits], TODAY).record;
    const catalogue = [
      ...watchedOnes.filter((item) => item.id !== 'e-ended'),
      programme({ id: 'e-ended', needs: ['arbeit'], deadline: { kind: 'beendet', date: TODAY } }),
      { ...knownFits, summary: 'Geändert.' },
      ...['n-1', 'n-2', 'n-3'].map((id) => programme({ id, needs: ['wohnen'] })),
    ];

    const first = runOn(record, catalogue, TODAY);
    expect(first.notifications.map((notification) => `${notification.kind} ${notification.programme.id}`)).toEqual([
      'deadline d-sooner',
      'deadline d-later',
      'ended e-ended',
      'newMatch n-1',
      'newMatch n-2',
    ]);
    const second = runOn(first.record, catalogue, TODAY);
    expect(second.notifications.map((notification) => `${notification.kind} ${notification.programme.id}`)).toEqual([
      'newMatch n-3',
      'changedMatch k-known',
    ]);
    expect(planNotifications(second.record, catalogue, TODAY, DAYS)).toEqual([]);
  });
});

describe('the first reminder and the watchlist order', () => {
  it.each([
    { deadline: '2026-12-26', expected: 14 },
    { deadline: '2026-12-06', expected: 3 },
    { deadline: '2026-11-28', expected: null },
  ])('with the deadline on $deadline the first reminder comes $expected days before', ({ deadline, expected }) => {
    expect(firstReminder(programme({ id: 'p', deadline: { kind: 'stichtag', date: deadline } }), '2026-11-26', [3, 14])).toBe(expected);
  });

  it('has no reminder without a stichtag, and orders by deadline, running before ended', () => {
    const running = programme({ id: 'running' });
    expect(firstReminder(running, '2026-11-26', [14, 3])).toBeNull();
    const soon = programme({ id: 'soon', deadline: { kind: 'stichtag', date: '2026-12-01' } });
    const later = programme({ id: 'later', deadline: { kind: 'stichtag', date: '2027-02-01' } });
    const ended = programme({ id: 'ended', deadline: { kind: 'beendet', date: '2025-01-01' } });
    const between = programme({ id: 'between', deadline: { kind: 'naechste_runde' } });
    expect([ended, running, later, between, soon].sort(byDeadline('2026-11-26')).map((entry) => entry.id)).toEqual([
      'soon',
      'later',
      'running',
      'between',
      'ended',
    ]);
  });
});
