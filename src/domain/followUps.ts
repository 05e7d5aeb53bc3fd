import { z } from 'zod';
import { dayNumber, isoDateOf } from './dates.js';
import { match } from './matcher.js';
import { type Programme, dueDate } from './programme.js';
import { MunicipalitySchema, ProfileSchema, type Profile } from './taxonomy.js';

/**
 * One user's follow-ups: the programmes they watch, the searches they saved, and which notifications
 * have gone out. Pure: the shell stores the record, claims the planned notifications by a conditional
 * write, sends them, and releases a claim whose sending failed.
 */

/** Days before a stichtag on which a watched programme reminds. */
export const REMINDER_DAYS_DEFAULT = [14, 3];
export const WATCHLIST_MAX = 50;
export const SAVED_SEARCHES_MAX = 10;
/** More would read as spam; whatever is left over comes in a later run. */
export const NOTIFICATIONS_PER_RUN_MAX = 5;
/** Sent keys older than this are dropped; by then every deadline they were about has long passed. */
const SENT_KEEP_DAYS = 400;

const IsoDateSchema = z.iso.date();

export const WatchedSchema = z.object({
  programmeId: z.string().min(1),
  addedOn: IsoDateSchema,
});
export type Watched = z.infer<typeof WatchedSchema>;

export const SavedSearchSchema = z.object({
  id: z.string().min(1),
  profile: ProfileSchema,
  savedOn: IsoDateSchema,
  /** programme id → fingerprint of the version the user has been told about (or saw when saving). */
  known: z.record(z.string(), z.string()),
});
export type SavedSearch = z.infer<typeof SavedSearchSchema>;

export const FollowUpRecordSchema = z.object({
  watchlist: z.array(WatchedSchema),
  savedSearches: z.array(SavedSearchSchema),
  notificationsOn: z.boolean(),
  /** notification key → day it was sent */
  sent: z.record(z.string(), IsoDateSchema),
  /** The municipality of the user's last search, offered at the next one. */
  municipality: MunicipalitySchema.nullable().optional(),
});
export type FollowUpRecord = z.infer<typeof FollowUpRecordSchema>;

export const emptyFollowUps = (): FollowUpRecord => ({ watchlist: [], savedSearches: [], notificationsOn: true, sent: {} });

export type Notification =
  | { kind: 'deadline'; key: string; programme: Programme; daysLeft: number }
  | { kind: 'ended'; key: string; programme: Programme }
  | { kind: 'newMatch'; key: string; programme: Programme; search: SavedSearch; fingerprint: string }
  | { kind: 'changedMatch'; key: string; programme: Programme; search: SavedSearch; fingerprint: string; previous: string };

// ---- hashing ----------------------------------------------------------------------------------

const utf8 = new TextEncoder();

/** 32-bit FNV-1a over UTF-8, as 8 hex digits: short, stable across processes, no crypto needed. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** JSON with sorted keys and without undefined members, so that equal data always hashes alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, member]) => member !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sortedSet = <T extends string>(items: readonly T[]) => [...new Set(items)].sort();

/**
 * Which fields a user would want to hear about when they change. A re-check (lastVerified,
 * sourceUrl) must not notify anyone. Written as a full map so that a field added to the schema
 * fails to compile until someone decides whether it counts.
 */
const FINGERPRINTED = {
  id: false,
  title: true,
  summary: true,
  funder: true,
  level: false,
  needs: true,
  targetGroups: true,
  applicants: true,
  viaIntermediary: true,
  onlyWithOwn: true,
  withoutApplication: true,
  ages: true,
  sizeClasses: true,
  fundingType: true,
  fundingRate: true,
  minAmount: true,
  maxAmount: true,
  amountNote: true,
  deadline: true,
  applicationUrl: true,
  sourceUrl: false,
  contact: true,
  successor: true,
  lastVerified: false,
} as const satisfies Record<keyof Programme, boolean>;

const FINGERPRINT_FIELDS = (Object.keys(FINGERPRINTED) as (keyof Programme)[]).filter((field) => FINGERPRINTED[field]);

/** A short hash of what a user cares about in a programme; lists of ids count as sets (reordering them is no change). */
export function programmeFingerprint(programme: Programme): string {
  const picked: Record<string, unknown> = {};
  for (const field of FINGERPRINT_FIELDS) {
    const value = programme[field];
    picked[field] = Array.isArray(value) ? sortedSet(value as string[]) : value;
  }
  return fnv1a(canonical(picked));
}

/** The same for what the search finds: order and repetition of answers, and the exact inhabitants, do not change the results. */
export function searchIdFor(profile: Profile): string {
  return fnv1a(
    canonical({ needs: sortedSet(profile.needs), targetGroups: sortedSet(profile.targetGroups), size: profile.size?.class ?? null }),
  );
}

// ---- keys -------------------------------------------------------------------------------------

// The deadline date is part of the key so that a moved deadline reminds again.
export const deadlineKey = (programmeId: string, deadlineDate: string, threshold: number) =>
  `deadline:${programmeId}:${deadlineDate}:${threshold}`;
export const endedKey = (programmeId: string) => `ended:${programmeId}`;
export const newMatchKey = (searchId: string, programmeId: string) => `new:${searchId}:${programmeId}`;
// The fingerprint is part of the key: a programme that changes again notifies again.
export const changedMatchKey = (searchId: string, programmeId: string, fingerprint: string) =>
  `changed:${searchId}:${programmeId}:${fingerprint}`;

// Records come from JSON: a programme id such as "constructor" must not find Object.prototype.
const has = (entries: Record<string, unknown>, key: string) => Object.hasOwn(entries, key);
const without = <T>(entries: Record<string, T>, key: string): Record<string, T> =>
  Object.fromEntries(Object.entries(entries).filter(([name]) => name !== key));

/** Usable thresholds, smallest first. */
const thresholdsOf = (reminderDays: readonly number[]) =>
  [...new Set(reminderDays)].filter((days) => Number.isInteger(days) && days >= 0).sort((a, b) => a - b);

// ---- watchlist --------------------------------------------------------------------------------

export function watch(
  record: FollowUpRecord,
  programme: Programme,
  today: string,
  reminderDays: readonly number[],
): { record: FollowUpRecord; outcome: 'added' | 'already' | 'full' } {
  if (record.watchlist.some((entry) => entry.programmeId === programme.id)) return { record, outcome: 'already' };
  if (record.watchlist.length >= WATCHLIST_MAX) return { record, outcome: 'full' };

  // The user has the programme in front of them: reminders whose time has come already (and the
  // news that it ended) would only repeat it. A reminder whose day is today counts as come.
  const sent = { ...record.sent };
  const { deadline } = programme;
  const due = dueDate(deadline, today);
  if (due !== null) {
    const daysLeft = dayNumber(due) - dayNumber(today);
    if (daysLeft >= 0) {
      for (const threshold of thresholdsOf(reminderDays))
        if (daysLeft <= threshold) sent[deadlineKey(programme.id, due, threshold)] = today;
    }
  } else if (deadline.kind === 'beendet') {
    sent[endedKey(programme.id)] = today;
  }

  return { record: { ...record, watchlist: [...record.watchlist, { programmeId: programme.id, addedOn: today }], sent }, outcome: 'added' };
}

/**
 * The first reminder a programme just watched will get, in days before its deadline: the largest
 * threshold still ahead (`watch` marks those already reached as told). Null without a deadline date.
 */
export function firstReminder(programme: Programme, today: string, reminderDays: readonly number[]): number | null {
  const due = dueDate(programme.deadline, today);
  if (due === null) return null;
  const daysLeft = dayNumber(due) - dayNumber(today);
  const ahead = thresholdsOf(reminderDays).filter((days) => days < daysLeft);
  return ahead.at(-1) ?? null;
}

/** The watchlist's order: soonest deadline first, then running programmes and those between rounds, ended ones last. */
export function byDeadline(today: string): (a: Programme, b: Programme) => number {
  const rank = (programme: Programme) => {
    const due = dueDate(programme.deadline, today);
    if (due !== null) return dayNumber(due);
    return programme.deadline.kind === 'beendet' ? Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER - 1;
  };
  return (a, b) => rank(a) - rank(b);
}

export function unwatch(record: FollowUpRecord, programmeId: string): { record: FollowUpRecord; removed: boolean } {
  const watchlist = record.watchlist.filter((entry) => entry.programmeId !== programmeId);
  return watchlist.length === record.watchlist.length ? { record, removed: false } : { record: { ...record, watchlist }, removed: true };
}

// ---- saved searches ---------------------------------------------------------------------------

/** Fingerprints of what fits the profile exactly and is open today: what the user has just seen. */
function currentMatches(profile: Profile, programmes: readonly Programme[], today: string): Record<string, string> {
  const known: Record<string, string> = {};
  for (const hit of match(profile, programmes, today).exact) known[hit.programme.id] = programmeFingerprint(hit.programme);
  return known;
}

export function saveSearch(
  record: FollowUpRecord,
  profile: Profile,
  programmes: readonly Programme[],
  today: string,
): { record: FollowUpRecord; search: SavedSearch; outcome: 'saved' | 'already' | 'full' } {
  const id = searchIdFor(profile);
  const existing = record.savedSearches.find((search) => search.id === id);
  if (existing !== undefined) return { record, search: existing, outcome: 'already' };

  const search: SavedSearch = { id, profile, savedOn: today, known: currentMatches(profile, programmes, today) };
  if (record.savedSearches.length >= SAVED_SEARCHES_MAX) return { record, search, outcome: 'full' };
  return { record: { ...record, savedSearches: [...record.savedSearches, search] }, search, outcome: 'saved' };
}

export function removeSearch(record: FollowUpRecord, id: string): { record: FollowUpRecord; removed: boolean } {
  const savedSearches = record.savedSearches.filter((search) => search.id !== id);
  return savedSearches.length === record.savedSearches.length
    ? { record, removed: false }
    : { record: { ...record, savedSearches }, removed: true };
}

export const setNotifications = (record: FollowUpRecord, on: boolean): FollowUpRecord => ({ ...record, notificationsOn: on });

// ---- planning ---------------------------------------------------------------------------------

type DeadlineNotification = Extract<Notification, { kind: 'deadline' }>;
type EndedNotification = Extract<Notification, { kind: 'ended' }>;
type MatchNotification = Extract<Notification, { kind: 'newMatch' | 'changedMatch' }>;

function watchNotifications(record: FollowUpRecord, byId: ReadonlyMap<string, Programme>, today: number, reminderDays: readonly number[]) {
  const thresholds = thresholdsOf(reminderDays);
  const deadlines: DeadlineNotification[] = [];
  const ended: EndedNotification[] = [];
  const seen = new Set<string>();
  for (const { programmeId } of record.watchlist) {
    const programme = byId.get(programmeId);
    // Gone from the catalogue: nothing sensible to say, and the watchlist shows it as gone anyway.
    if (programme === undefined || seen.has(programmeId)) continue;
    seen.add(programmeId);
    const { deadline } = programme;
    const due = dueDate(deadline, isoDateOf(today));
    if (due !== null) {
      const daysLeft = dayNumber(due) - today;
      // Only the smallest threshold reached: after days offline one reminder comes, not a burst. As the
      // deadline nears the chosen threshold only shrinks, so a larger one can never follow a smaller one.
      const threshold = daysLeft < 0 ? undefined : thresholds.find((days) => daysLeft <= days);
      if (threshold === undefined) continue;
      // The key holds the date: a yearly deadline reminds again in the next year.
      const key = deadlineKey(programme.id, due, threshold);
      if (!has(record.sent, key)) deadlines.push({ kind: 'deadline', key, programme, daysLeft });
    } else if (deadline.kind === 'beendet') {
      const key = endedKey(programme.id);
      if (!has(record.sent, key)) ended.push({ kind: 'ended', key, programme });
    }
  }
  // Stable sort: equal days keep the watchlist's order.
  deadlines.sort((a, b) => a.daysLeft - b.daysLeft);
  return { deadlines, ended };
}

function matchNotifications(record: FollowUpRecord, programmes: readonly Programme[], today: string) {
  // A programme version the user was told about through any search counts as told: with two searches
  // that both find it, only the first one notifies, and the second must not repeat it in a later run.
  const toldVersions = new Map<string, Set<string>>();
  for (const search of record.savedSearches) {
    for (const [programmeId, fingerprint] of Object.entries(search.known)) {
      const versions = toldVersions.get(programmeId) ?? new Set<string>();
      versions.add(fingerprint);
      toldVersions.set(programmeId, versions);
    }
  }

  const fingerprints = new Map<string, string>();
  const fingerprintOf = (programme: Programme) => {
    let fingerprint = fingerprints.get(programme.id);
    if (fingerprint === undefined) fingerprints.set(programme.id, (fingerprint = programmeFingerprint(programme)));
    return fingerprint;
  };

  const fresh: MatchNotification[] = [];
  const changed: MatchNotification[] = [];
  const planned = new Set<string>();
  for (const search of record.savedSearches) {
    for (const { programme } of match(search.profile, programmes, today).exact) {
      if (planned.has(programme.id)) continue;
      const fingerprint = fingerprintOf(programme);
      if (toldVersions.get(programme.id)?.has(fingerprint) === true) continue;
      if (has(search.known, programme.id)) {
        const key = changedMatchKey(search.id, programme.id, fingerprint);
        if (has(record.sent, key)) continue;
        changed.push({ kind: 'changedMatch', key, programme, search, fingerprint, previous: search.known[programme.id] as string });
      } else {
        const key = newMatchKey(search.id, programme.id);
        if (has(record.sent, key)) continue;
        fresh.push({ kind: 'newMatch', key, programme, search, fingerprint });
      }
      planned.add(programme.id);
    }
  }
  return { fresh, changed };
}

/**
 * The notifications due today, most urgent first: deadline reminders (fewest days left first),
 * ended programmes, new matches, changed matches; at most NOTIFICATIONS_PER_RUN_MAX, the rest stays
 * due for a later run. Nothing here is marked as sent; that is `claim`.
 */
export function planNotifications(
  record: FollowUpRecord,
  programmes: readonly Programme[],
  today: string,
  reminderDays: readonly number[],
): Notification[] {
  if (!record.notificationsOn) return [];
  const byId = new Map(programmes.map((programme) => [programme.id, programme]));
  const { deadlines, ended } = watchNotifications(record, byId, dayNumber(today), reminderDays);
  const { fresh, changed } = matchNotifications(record, programmes, today);
  return [...deadlines, ...ended, ...fresh, ...changed].slice(0, NOTIFICATIONS_PER_RUN_MAX);
}

// ---- claim and release ------------------------------------------------------------------------

const setKnown = (
  record: FollowUpRecord,
  searchId: string,
  change: (known: Record<string, string>) => Record<string, string>,
): FollowUpRecord => ({
  ...record,
  savedSearches: record.savedSearches.map((search) => (search.id === searchId ? { ...search, known: change(search.known) } : search)),
});

/**
 * Marks the notifications as sent today and the matches as known, and drops sent keys older than
 * SENT_KEEP_DAYS, except the "ended" key of a programme still watched: dropping it would announce the
 * end again. Larger reminder thresholds need no marking: planning never picks one after a smaller one.
 */
export function claim(record: FollowUpRecord, notifications: readonly Notification[], today: string): FollowUpRecord {
  const todayDay = dayNumber(today);
  const watched = new Set(record.watchlist.map((entry) => endedKey(entry.programmeId)));
  const sent = Object.fromEntries(
    Object.entries(record.sent).filter(([key, day]) => watched.has(key) || todayDay - dayNumber(day) <= SENT_KEEP_DAYS),
  );
  let claimed: FollowUpRecord = { ...record, sent };
  for (const notification of notifications) {
    claimed = { ...claimed, sent: { ...claimed.sent, [notification.key]: today } };
    if (notification.kind === 'newMatch' || notification.kind === 'changedMatch') {
      const { programme, fingerprint } = notification;
      claimed = setKnown(claimed, notification.search.id, (known) => ({ ...known, [programme.id]: fingerprint }));
    }
  }
  return claimed;
}

/** Undoes `claim` for one notification whose sending failed, so that it is due again. */
export function release(record: FollowUpRecord, notification: Notification): FollowUpRecord {
  const released: FollowUpRecord = { ...record, sent: without(record.sent, notification.key) };
  if (notification.kind !== 'newMatch' && notification.kind !== 'changedMatch') return released;

  const { programme, fingerprint } = notification;
  return setKnown(released, notification.search.id, (known) => {
    // Something newer was claimed meanwhile: leave it.
    if (!has(known, programme.id) || known[programme.id] !== fingerprint) return known;
    return notification.kind === 'newMatch' ? without(known, programme.id) : { ...known, [programme.id]: notification.previous };
  });
}
