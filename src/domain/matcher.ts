import {
  type Applicant,
  type Deadline,
  type OwnOffice,
  type Programme,
  dueDate,
  excludesYoungPeople,
  isInformationOnly,
  isLargeFormat,
} from './programme.js';
import { dayNumber, isoDateOf } from './dates.js';
import { KeyRanking, type Ranking } from './ranking.js';
import { DEADLINE_KINDS, applicantBits, candidateNumbers, indexFor, needBits, sizeClassBits, targetGroupBits } from './programmeIndex.js';
import { type MunicipalityKind, type NeedId, type Profile, type SizeClassId, type TargetGroupId, kindOf } from './taxonomy.js';

/** Why a programme fits (or does not): data here, words in the texts module. */
export type Reason =
  | { kind: 'need'; needs: NeedId[] }
  | { kind: 'targetGroup'; targetGroups: TargetGroupId[] }
  | { kind: 'openToAllGroups' }
  /** Open to every group, within an age range the text names ("Erwachsene zwischen 28 und 59"). */
  | { kind: 'ages'; min?: number; max?: number }
  | { kind: 'sizeClasses'; sizeClasses: SizeClassId[] }
  | { kind: 'viaIntermediary' }
  /** The municipality applies itself, and this is certain: its kind is known, or every kind it may be can apply. */
  | { kind: 'selfApplies' }
  /**
   * Only Kreise (and kreisfreie Städte) apply: a kreisangehörige Gemeinde takes part through its Kreis;
   * or it applies itself only with an office of its own (`ownOffice`), which the bot does not know it has.
   */
  | { kind: 'viaKreis'; kreis: string | null; ownOffice?: OwnOffice }
  | { kind: 'deadlineSoon'; days: number }
  | { kind: 'rolling' };

export type Mismatch = { kind: 'needNotCovered'; needs: NeedId[] } | { kind: 'targetGroupNotCovered'; targetGroups: TargetGroupId[] };

export interface Hit {
  programme: Programme;
  /** `ended`: beendet, or its application deadline has passed. */
  status: 'open' | 'ended';
  /**
   * The municipality applies itself, its Kreis applies for it, another body does, or nobody it could
   * ask: individuals or companies apply for themselves, or participants are chosen without application.
   */
  access: 'direct' | 'viaKreis' | 'intermediary' | 'information';
  score: number;
  reasons: Reason[];
  mismatches: Mismatch[];
  /** Days until the deadline (a stichtag, or the next date of a yearly one); negative when a stichtag has passed. */
  daysLeft: number | null;
}

export interface MatchResult {
  /** Open programmes that fit every known answer, best first. */
  exact: Ranking<Hit>;
  /** Only when nothing fits exactly: open programmes that fit part of it, each saying what does not fit. */
  closest: Ranking<Hit>;
  /** Ended programmes that would have fitted, so the user learns of them and of their successors. */
  ended: Ranking<Hit>;
}

const MUNICIPAL_APPLICANTS: readonly Applicant[] = ['gemeinde', 'kreis', 'kreisfreie_stadt'];

/**
 * What a municipality is when it applies: by its kind where known (every city, kreisfrei or not, is
 * a Gemeinde), else by its size (a town of 100,000 may be either).
 */
function applicantTypesFor(kind: MunicipalityKind | null, size: SizeClassId | undefined): readonly Applicant[] {
  if (kind === 'kreis' || size === 'kreis') return ['kreis'];
  if (kind === 'kreisfrei') return ['gemeinde', 'kreisfreie_stadt'];
  if (kind === 'kreisangehoerig') return ['gemeinde'];
  switch (size) {
    case undefined:
      return MUNICIPAL_APPLICANTS;
    case 'grossstadt':
      return ['gemeinde', 'kreisfreie_stadt'];
    default:
      return ['gemeinde'];
  }
}

/**
 * Whether a municipality that may apply itself surely does: its kind is known (a town below 100,000 is
 * kreisangehörig in NRW), or the programme takes every kind it may be (a Großstadt of unknown kind may
 * be kreisangehörig, and then only a programme for Gemeinden is its own).
 */
function appliesItselfForSure(kind: MunicipalityKind | null, size: SizeClassId | undefined, applicants: readonly Applicant[]): boolean {
  if (kind !== null || (size !== undefined && size !== 'grossstadt')) return true;
  return applicants.includes('gemeinde') && (size === 'grossstadt' || applicants.includes('kreis'));
}

/** Days from `today` (a day number) to the last day to apply; null without a deadline date. */
function daysUntilDue(deadline: Deadline, today: number): number | null {
  const due = dueDate(deadline, isoDateOf(today));
  return due === null ? null : dayNumber(due) - today;
}

/** A kreisangehörige Gemeinde reaches a programme for Kreise through its Kreis. */
const reachesThroughKreis = (kind: MunicipalityKind | null, applicants: readonly Applicant[]) =>
  kind === 'kreisangehoerig' && applicants.includes('kreis');

/** A kreisangehörige Gemeinde may apply itself only with an office of its own; the sure route is its Kreis. */
const needsOwnOffice = (kind: MunicipalityKind | null, programme: Programme) =>
  programme.onlyWithOwn !== undefined && reachesThroughKreis(kind, programme.applicants);

/** How this municipality uses the programme; null when it cannot use it at all. */
function routeOf(kind: MunicipalityKind | null, size: SizeClassId | undefined, programme: Programme): Hit['access'] | null {
  if (isInformationOnly(programme)) return 'information';
  const own = applicantTypesFor(kind, size);
  if (!needsOwnOffice(kind, programme) && programme.applicants.some((applicant) => own.includes(applicant))) return 'direct';
  if (reachesThroughKreis(kind, programme.applicants)) return 'viaKreis';
  return programme.viaIntermediary === undefined ? null : 'intermediary';
}

const SOON_DAYS = 60;
const URGENCY_WINDOW_DAYS = 90;

const overlap = <T>(wanted: readonly T[], offered: readonly T[]) => wanted.filter((item) => offered.includes(item));

const ROUTE_RANK: Readonly<Record<Hit['access'], number>> = { direct: 3, viaKreis: 2, intermediary: 1, information: 0 };

/** 3: serves every group asked for; 2: some of them; 1: open to all, or no group asked; 0: none. */
function groupFit(asked: number, served: number, openToAsked: boolean): number {
  if (asked === 0) return 1;
  if (served === asked) return 3;
  return served > 0 ? 2 : openToAsked ? 1 : 0;
}

/** A deadline within about three months first (soonest first), then running or later ones, then a round not yet announced. */
function deadlineRank(openDaysLeft: number | null, betweenRounds: boolean): number {
  if (openDaysLeft !== null && openDaysLeft >= 0 && openDaysLeft <= URGENCY_WINDOW_DAYS) return 101 + URGENCY_WINDOW_DAYS - openDaysLeft;
  return betweenRounds ? 0 : 100;
}

/**
 * The order a funding advisor gives, as one number compared digit group by digit group: who
 * applies (the municipality itself, then through its Kreis, then through another body, then nobody it
 * could ask: information only); whether the project format suits its size; how much of the need it
 * covers; the groups (all asked for, some, open to all); the deadline; last the specificity (a
 * programme made for one need and group beats one that funds everything).
 */
function rankScore(
  access: Hit['access'],
  suitsSize: boolean,
  needScore: number,
  groups: number,
  deadline: number,
  breadth: number,
): number {
  return (
    ROUTE_RANK[access] * 2e6 +
    (suitsSize ? 1e6 : 0) +
    Math.round(needScore * 9) * 1e5 +
    groups * 1e4 +
    deadline * 10 +
    Math.min(9, Math.round(breadth * 4.5))
  );
}

/** Everything about one programme for the profile, reasons included; null when a hard rule excludes it. */
function assess(profile: Profile, programme: Programme, today: number): Hit | null {
  const sizeClass = profile.size?.class;
  const kind = kindOf(profile);
  const access = routeOf(kind, sizeClass, programme);
  if (access === null) return null;
  // Through its Kreis a Gemeinde of any size is as big as the Kreis that applies.
  const applyingSize = access === 'viaKreis' ? 'kreis' : sizeClass;
  if (applyingSize !== undefined && programme.sizeClasses !== undefined && !programme.sizeClasses.includes(applyingSize)) return null;

  const { deadline } = programme;
  const daysLeft = daysUntilDue(deadline, today);
  const status = deadline.kind === 'beendet' || (daysLeft !== null && daysLeft < 0) ? 'ended' : 'open';

  const reasons: Reason[] = [];
  const mismatches: Mismatch[] = [];

  const sharedNeeds = overlap(profile.needs, programme.needs);
  const needScore = profile.needs.length === 0 ? 0 : sharedNeeds.length / profile.needs.length;
  if (sharedNeeds.length > 0) reasons.push({ kind: 'need', needs: sharedNeeds });
  else if (profile.needs.length > 0) mismatches.push({ kind: 'needNotCovered', needs: profile.needs });

  const askedGroups = [...new Set(profile.targetGroups)];
  const wantedGroups = askedGroups.filter((group) => group !== 'alle');
  // A programme for adults serves none of the children and young people asked for, whatever its tags say.
  const reachableGroups = excludesYoungPeople(programme) ? wantedGroups.filter((group) => group !== 'kinder_jugendliche') : wantedGroups;
  const sharedGroups = overlap(reachableGroups, programme.targetGroups);
  const openToAll = programme.targetGroups.length === 0 || programme.targetGroups.includes('alle');
  if (sharedGroups.length > 0) {
    reasons.push({ kind: 'targetGroup', targetGroups: sharedGroups });
  } else if ((openToAll && reachableGroups.length > 0) || wantedGroups.length === 0) {
    if (openToAll) reasons.push(programme.ages === undefined ? { kind: 'openToAllGroups' } : { kind: 'ages', ...programme.ages });
  } else {
    mismatches.push({ kind: 'targetGroupNotCovered', targetGroups: wantedGroups });
  }

  if (programme.sizeClasses !== undefined) reasons.push({ kind: 'sizeClasses', sizeClasses: programme.sizeClasses });
  if (access === 'direct' && appliesItselfForSure(kind, sizeClass, programme.applicants)) reasons.push({ kind: 'selfApplies' });
  if (access === 'viaKreis') {
    const kreis = profile.municipality?.kreis ?? null;
    reasons.push(
      needsOwnOffice(kind, programme) ? { kind: 'viaKreis', kreis, ownOffice: programme.onlyWithOwn } : { kind: 'viaKreis', kreis },
    );
  } else if (access === 'intermediary') reasons.push({ kind: 'viaIntermediary' });
  if (status === 'open') {
    if (daysLeft !== null && daysLeft <= SOON_DAYS) reasons.push({ kind: 'deadlineSoon', days: daysLeft });
    if (deadline.kind === 'laufend') reasons.push({ kind: 'rolling' });
  }

  // Everyone is not served by a programme for some ages only: it is open to them, no more.
  const wantsEveryone = askedGroups.includes('alle');
  const score = rankScore(
    access,
    !(sizeClass === 'klein' && isLargeFormat(programme)),
    needScore,
    groupFit(
      askedGroups.length,
      sharedGroups.length + (wantsEveryone && openToAll && programme.ages === undefined ? 1 : 0),
      openToAll && (reachableGroups.length > 0 || wantsEveryone),
    ),
    deadlineRank(status === 'open' ? daysLeft : null, deadline.kind === 'naechste_runde'),
    1 / programme.needs.length + 1 / Math.max(1, programme.targetGroups.length),
  );

  return { programme, status, access, score, reasons, mismatches, daysLeft };
}

const byRank = (a: Hit, b: Hit) => b.score - a.score || (a.programme.id < b.programme.id ? -1 : a.programme.id > b.programme.id ? 1 : 0);

const fits = (kind: Mismatch['kind']) => (hit: Hit) => !hit.mismatches.some((mismatch) => mismatch.kind === kind);
const fitsNeed = fits('needNotCovered');
const fitsTargetGroup = fits('targetGroupNotCovered');
const fitsExactly = (hit: Hit) => hit.mismatches.length === 0;

/** A hit whose reasons are worked out when someone reads them: a page shows five of possibly thousands. */
class RankedHit implements Hit {
  private explained: Pick<Hit, 'reasons' | 'mismatches'> | undefined;

  constructor(
    readonly programme: Programme,
    readonly status: Hit['status'],
    readonly access: Hit['access'],
    readonly score: number,
    readonly daysLeft: number | null,
    private readonly profile: Profile,
    private readonly today: number,
  ) {}

  get reasons(): Reason[] {
    return this.explain().reasons;
  }

  get mismatches(): Mismatch[] {
    return this.explain().mismatches;
  }

  private explain(): Pick<Hit, 'reasons' | 'mismatches'> {
    this.explained ??= assess(this.profile, this.programme, this.today) ?? { reasons: [], mismatches: [] };
    return this.explained;
  }
}

// A hit's place in the ranking as one number: score first (higher first), then the programme number
// (id order). Sorting plain numbers is many times faster than sorting objects with a comparison.
const NUMBER_SPACE = 2 ** 20;
const HIGHEST_SCORE = 2 ** 30;
const rankKey = (score: number, number: number) => (HIGHEST_SCORE - Math.round(score * 100)) * NUMBER_SPACE + number;
const STICHTAG = DEADLINE_KINDS.indexOf('stichtag');
const JAEHRLICH = DEADLINE_KINDS.indexOf('jaehrlich');
const NAECHSTE_RUNDE = DEADLINE_KINDS.indexOf('naechste_runde');

/** The number of bits set: groups asked for and served. */
function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
const KREIS_SIZE = sizeClassBits(['kreis']);
const BEENDET = DEADLINE_KINDS.indexOf('beendet');

/**
 * Ranks the programmes a municipality can use for its profile. Unknown answers do not filter.
 * `today` is an ISO date, passed in so that deadline results do not depend on the clock.
 * Looks only at the candidates the index gives, scores each from its precomputed facts, and leaves
 * the ordering to the lists, which sort only as far as they are read.
 */
export function match(profile: Profile, programmes: readonly Programme[], today: string): MatchResult {
  const index = indexFor(programmes);
  const todayDay = dayNumber(today);
  const sizeClass = profile.size?.class;
  const sizeBit = sizeClass === undefined ? 0 : sizeClassBits([sizeClass]);
  const small = sizeClass === 'klein';
  const kind = kindOf(profile);
  const municipality = applicantBits(applicantTypesFor(kind, sizeClass));
  const throughKreis = kind === 'kreisangehoerig' ? applicantBits(['kreis']) : 0;
  const daysLeftOf = (number: number): number | null => {
    const kind = index.deadlineKind[number];
    if (kind === STICHTAG) return (index.deadlineDay[number] as number) - todayDay;
    return kind === JAEHRLICH ? daysUntilDue((index.byNumber[number] as Programme).deadline, todayDay) : null;
  };
  const accessOf = (number: number): Hit['access'] => {
    if (index.informationOnly[number] === 1) return 'information';
    const applicants = index.applicants[number] as number;
    const ownOfficeNeeded = index.onlyWithOwn[number] === 1 && (applicants & throughKreis) !== 0;
    return (applicants & municipality) !== 0 && !ownOfficeNeeded
      ? 'direct'
      : (applicants & throughKreis) !== 0
        ? 'viaKreis'
        : 'intermediary';
  };
  // One bit per need asked for, in the profile's own terms (a need named twice counts twice, as in `assess`).
  const wantedNeeds = profile.needs.map((need) => needBits([need]));
  const needsAsked = wantedNeeds.length;
  const wantedGroups = targetGroupBits(profile.targetGroups.filter((group) => group !== 'alle'));
  const wantsEveryone = profile.targetGroups.includes('alle');
  const groupsAsked = bitCount(wantedGroups) + (wantsEveryone ? 1 : 0);

  const candidates = candidateNumbers(profile, index);
  // Exact hits fill the buffer from the front, ended ones from the back; near misses count only while nothing fits exactly.
  const keys = new Float64Array(candidates.length);
  let partial: Float64Array | undefined;
  let exactCount = 0;
  let partialCount = 0;
  let endedCount = 0;
  for (const number of candidates) {
    const access = accessOf(number);
    if (access === 'intermediary' && index.viaIntermediary[number] === 0) continue;
    if (sizeBit !== 0 && ((index.sizeClasses[number] as number) & (access === 'viaKreis' ? KREIS_SIZE : sizeBit)) === 0) continue;

    const kind = index.deadlineKind[number];
    const daysLeft = daysLeftOf(number);
    const isEnded = kind === BEENDET || (daysLeft !== null && daysLeft < 0);
    const needsOffered = index.needs[number] as number;
    let sharedNeeds = 0;
    for (const bit of wantedNeeds) if ((needsOffered & bit) !== 0) sharedNeeds += 1;
    const fitsNeed = needsAsked === 0 || sharedNeeds > 0;
    const reachableGroups = wantedGroups & ~(index.excludedGroups[number] as number);
    const targetScore =
      ((index.targetGroups[number] as number) & reachableGroups) !== 0
        ? 2
        : (index.openToEveryGroup[number] === 1 && reachableGroups !== 0) || wantedGroups === 0
          ? 1
          : 0;
    const fitsGroup = targetScore > 0;
    // Closest means serving the need for another group: a programme for another need is not close.
    const closeEnough = !isEnded && fitsNeed && (needsAsked > 0 || fitsGroup);
    if (!(fitsNeed && fitsGroup) && (!closeEnough || exactCount > 0)) continue;

    const needScore = needsAsked === 0 ? 0 : sharedNeeds / needsAsked;
    const openToEvery = index.openToEveryGroup[number] === 1;
    const served =
      bitCount((index.targetGroups[number] as number) & reachableGroups) +
      (wantsEveryone && openToEvery && index.ageLimited[number] === 0 ? 1 : 0);
    const score = rankScore(
      access,
      !(small && index.largeFormat[number] === 1),
      needScore,
      groupFit(groupsAsked, served, openToEvery && (reachableGroups !== 0 || wantsEveryone)),
      deadlineRank(isEnded ? null : daysLeft, kind === NAECHSTE_RUNDE),
      index.breadth[number] as number,
    );
    const key = rankKey(score, number);
    if (!(fitsNeed && fitsGroup)) (partial ??= new Float64Array(candidates.length))[partialCount++] = key;
    else if (isEnded) keys[keys.length - ++endedCount] = key;
    else keys[exactCount++] = key;
  }

  const hitFor = (key: number): Hit => {
    const number = key % NUMBER_SPACE;
    const programme = index.byNumber[number] as Programme;
    const kind = index.deadlineKind[number];
    const daysLeft = daysLeftOf(number);
    const status = kind === BEENDET || (daysLeft !== null && daysLeft < 0) ? 'ended' : 'open';
    const access = accessOf(number);
    const score = (HIGHEST_SCORE - Math.floor(key / NUMBER_SPACE)) / 100;
    return new RankedHit(programme, status, access, score, daysLeft, profile, todayDay);
  };
  const ranking = (part: Float64Array) => new KeyRanking(part, hitFor);
  return {
    exact: ranking(keys.subarray(0, exactCount)),
    closest: ranking(exactCount > 0 || partial === undefined ? new Float64Array(0) : partial.subarray(0, partialCount)),
    ended: ranking(keys.subarray(keys.length - endedCount)),
  };
}

/** The matcher the plain way, every programme assessed in full: the reference that `match` must agree with. */
export function rankAmong(profile: Profile, candidates: readonly Programme[], today: string): MatchResult {
  const todayDay = dayNumber(today);
  const hits: Hit[] = [];
  for (const programme of candidates) {
    const hit = assess(profile, programme, todayDay);
    if (hit !== null) hits.push(hit);
  }
  hits.sort(byRank);
  const open = hits.filter((hit) => hit.status === 'open');
  const exact = open.filter(fitsExactly);
  // Closest means serving the need for another group: a programme for another need is not close.
  const closest =
    exact.length > 0 ? [] : open.filter((hit) => !fitsExactly(hit) && fitsNeed(hit) && (profile.needs.length > 0 || fitsTargetGroup(hit)));
  const ended = hits.filter((hit) => hit.status === 'ended' && fitsExactly(hit));
  return { exact, closest, ended };
}

/**
 * A programme on its own, as a card shows it outside a search (watchlist, notifications): with the
 * profile of a saved search when there is one, and never excluded, as the user chose it already.
 */
export function hitOf(programme: Programme, today: string, profile: Profile = { needs: [], targetGroups: [], size: null }): Hit {
  const todayDay = dayNumber(today);
  const assessed = assess(profile, programme, todayDay) ?? assess({ needs: [], targetGroups: [], size: null }, programme, todayDay);
  if (assessed !== null) return assessed;
  const daysLeft = daysUntilDue(programme.deadline, todayDay);
  const ended = programme.deadline.kind === 'beendet' || (daysLeft !== null && daysLeft < 0);
  return { programme, status: ended ? 'ended' : 'open', access: 'intermediary', score: 0, reasons: [], mismatches: [], daysLeft };
}

/** Alphabetical by title (German collation), then by id: the order of a plain list. */
export const byTitle = (a: Hit, b: Hit): number =>
  a.programme.title.localeCompare(b.programme.title, 'de') ||
  (a.programme.id < b.programme.id ? -1 : a.programme.id > b.programme.id ? 1 : 0);

/** The nearest deadline ahead first, programmes without one after them, each group by title. */
export const byNearestDeadline = (a: Hit, b: Hit): number => daysAhead(a) - daysAhead(b) || byTitle(a, b);
const daysAhead = (hit: Hit) => (hit.daysLeft !== null && hit.daysLeft >= 0 ? hit.daysLeft : Infinity);

/** The list the bot shows, in order: what fits, or else the closest. */
export const rankedHits = (result: MatchResult): Ranking<Hit> => (result.exact.length > 0 ? result.exact : result.closest);
