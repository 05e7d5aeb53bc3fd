import type { Applicant, Programme } from './programme.js';
import { dayNumber } from './dates.js';
import { candidatesFor } from './programmeIndex.js';
import type { NeedId, Profile, SizeClassId, TargetGroupId } from './taxonomy.js';

/** Why a programme fits (or does not): data here, words in the texts module. */
export type Reason =
  | { kind: 'need'; needs: NeedId[] }
  | { kind: 'targetGroup'; targetGroups: TargetGroupId[] }
  | { kind: 'openToAllGroups' }
  | { kind: 'sizeClasses'; sizeClasses: SizeClassId[] }
  | { kind: 'viaIntermediary' }
  | { kind: 'deadlineSoon'; days: number }
  | { kind: 'rolling' };

export type Mismatch = { kind: 'needNotCovered'; needs: NeedId[] } | { kind: 'targetGroupNotCovered'; targetGroups: TargetGroupId[] };

export interface Hit {
  programme: Programme;
  /** `ended`: beendet, or its application deadline has passed. */
  status: 'open' | 'ended';
  access: 'direct' | 'intermediary';
  score: number;
  reasons: Reason[];
  mismatches: Mismatch[];
  /** Days until a stichtag deadline, when there is one ahead. */
  daysLeft: number | null;
}

export interface MatchResult {
  /** Open programmes that fit every known answer, best first. */
  exact: Hit[];
  /** Only when nothing fits exactly: open programmes that fit part of it, each saying what does not fit. */
  closest: Hit[];
  /** Ended programmes that would have fitted, so the user learns of them and of their successors. */
  ended: Hit[];
}

const MUNICIPAL_APPLICANTS: readonly Applicant[] = ['gemeinde', 'kreis', 'kreisfreie_stadt'];

/** What a municipality of this size is when it applies (every city, kreisfrei or not, is a Gemeinde). */
function applicantTypesFor(size: SizeClassId | undefined): readonly Applicant[] {
  switch (size) {
    case undefined:
      return MUNICIPAL_APPLICANTS;
    case 'kreis':
      return ['kreis'];
    case 'grossstadt':
      return ['gemeinde', 'kreisfreie_stadt'];
    default:
      return ['gemeinde'];
  }
}

const SOON_DAYS = 60;
const URGENCY_WINDOW_DAYS = 90;

const overlap = <T>(wanted: readonly T[], offered: readonly T[]) => wanted.filter((item) => offered.includes(item));

// A programme's deadline as a day number, worked out once per programme rather than once per search.
const deadlineDays = new WeakMap<Programme, number | null>();
function deadlineDay(programme: Programme): number | null {
  let day = deadlineDays.get(programme);
  if (day === undefined) {
    day = programme.deadline.kind === 'laufend' ? null : dayNumber(programme.deadline.date);
    deadlineDays.set(programme, day);
  }
  return day;
}

/** Returns null when a hard rule excludes the programme for this municipality. */
function assess(profile: Profile, programme: Programme, today: number): Hit | null {
  const sizeClass = profile.size?.class;
  if (sizeClass !== undefined && programme.sizeClasses !== undefined && !programme.sizeClasses.includes(sizeClass)) return null;

  const direct = programme.applicants.some((applicant) => applicantTypesFor(sizeClass).includes(applicant));
  if (!direct && programme.viaIntermediary === undefined) return null;

  const { deadline } = programme;
  const daysLeft = deadline.kind === 'stichtag' ? (deadlineDay(programme) ?? today) - today : null;
  const status = deadline.kind === 'beendet' || (daysLeft !== null && daysLeft < 0) ? 'ended' : 'open';

  const reasons: Reason[] = [];
  const mismatches: Mismatch[] = [];

  const sharedNeeds = overlap(profile.needs, programme.needs);
  const needScore = profile.needs.length === 0 ? 0 : sharedNeeds.length / profile.needs.length;
  if (sharedNeeds.length > 0) reasons.push({ kind: 'need', needs: sharedNeeds });
  else if (profile.needs.length > 0) mismatches.push({ kind: 'needNotCovered', needs: profile.needs });

  const wantedGroups = profile.targetGroups.filter((group) => group !== 'alle');
  const sharedGroups = overlap(wantedGroups, programme.targetGroups);
  const openToAll = programme.targetGroups.length === 0 || programme.targetGroups.includes('alle');
  let targetScore = 0;
  if (sharedGroups.length > 0) {
    targetScore = 2;
    reasons.push({ kind: 'targetGroup', targetGroups: sharedGroups });
  } else if (openToAll || wantedGroups.length === 0) {
    targetScore = 1;
    if (openToAll) reasons.push({ kind: 'openToAllGroups' });
  } else {
    mismatches.push({ kind: 'targetGroupNotCovered', targetGroups: wantedGroups });
  }

  if (programme.sizeClasses !== undefined) reasons.push({ kind: 'sizeClasses', sizeClasses: programme.sizeClasses });
  if (!direct) reasons.push({ kind: 'viaIntermediary' });
  if (status === 'open') {
    if (daysLeft !== null && daysLeft <= SOON_DAYS) reasons.push({ kind: 'deadlineSoon', days: daysLeft });
    if (deadline.kind === 'laufend') reasons.push({ kind: 'rolling' });
  }

  // Specificity: a programme made for this need and group beats one that funds everything for everyone.
  const specificity = 1 / programme.needs.length + 1 / Math.max(1, programme.targetGroups.length) + (direct ? 0.5 : 0);
  const urgency = status === 'open' && daysLeft !== null ? Math.max(0, URGENCY_WINDOW_DAYS - daysLeft) / URGENCY_WINDOW_DAYS : 0;
  const score = Math.round((needScore * 1000 + targetScore * 100 + specificity * 10 + urgency * 10) * 100) / 100;

  return { programme, status, access: direct ? 'direct' : 'intermediary', score, reasons, mismatches, daysLeft };
}

const byRank = (a: Hit, b: Hit) => b.score - a.score || (a.programme.id < b.programme.id ? -1 : a.programme.id > b.programme.id ? 1 : 0);

const fits = (kind: Mismatch['kind']) => (hit: Hit) => !hit.mismatches.some((mismatch) => mismatch.kind === kind);
const fitsNeed = fits('needNotCovered');
const fitsTargetGroup = fits('targetGroupNotCovered');
const fitsExactly = (hit: Hit) => hit.mismatches.length === 0;

/**
 * Ranks the programmes a municipality can use for its profile. Unknown answers do not filter.
 * `today` is an ISO date, passed in so that deadline results do not depend on the clock.
 */
export function match(profile: Profile, programmes: readonly Programme[], today: string): MatchResult {
  return rankAmong(profile, candidatesFor(profile, programmes), today);
}

/** The matcher on a given list of candidates, all of them looked at; `match` narrows the list first. */
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
  const closest = exact.length > 0 ? [] : open.filter((hit) => !fitsExactly(hit) && fitsNeed(hit) && (profile.needs.length > 0 || fitsTargetGroup(hit)));
  const ended = hits.filter((hit) => hit.status === 'ended' && fitsExactly(hit));
  return { exact, closest, ended };
}

/** The list the bot shows, in order: what fits, or else the closest. */
export const rankedHits = (result: MatchResult): Hit[] => (result.exact.length > 0 ? result.exact : result.closest);
