import { dayNumber } from './dates.js';
import { ApplicantSchema, type Applicant, type Programme } from './programme.js';
import { NEEDS, type NeedId, type Profile, SIZE_CLASSES, type SizeClassId, TARGET_GROUPS, type TargetGroupId } from './taxonomy.js';

/**
 * The programmes by need and by target group, so that a search looks only at programmes that can
 * fit, and each programme's facts as bit masks and numbers, so that scoring one is a few integer
 * operations. Built once per loaded list of programmes.
 */
export interface ProgrammeIndex {
  byNeed: ReadonlyMap<NeedId, readonly Programme[]>;
  byTargetGroup: ReadonlyMap<TargetGroupId, readonly Programme[]>;
  /** Programmes not aimed at a group, or at everyone: they fit any target group. */
  forEveryGroup: readonly Programme[];
  facts: ReadonlyMap<Programme, ProgrammeFacts>;
}

export interface ProgrammeFacts {
  needs: number;
  targetGroups: number;
  openToEveryGroup: boolean;
  /** Size classes it is open to (all when the programme names none). */
  sizeClasses: number;
  applicants: number;
  viaIntermediary: boolean;
  /** Day number of a stichtag or beendet date. */
  deadlineDay: number | null;
  deadlineKind: Programme['deadline']['kind'];
  /** 1/needs + 1/target groups: a programme made for one thing ranks above one made for everything. */
  breadth: number;
  /** Position of the id in sorted order: ties in ranking are broken by id without comparing strings. */
  idRank: number;
}

const bitsOf = <T extends string>(order: readonly T[]) => {
  const bits = new Map(order.map((id, position) => [id, 1 << position]));
  return (ids: readonly T[]) => ids.reduce((mask, id) => mask | (bits.get(id) ?? 0), 0);
};
export const needBits = bitsOf(NEEDS.map((need) => need.id));
export const targetGroupBits = bitsOf(TARGET_GROUPS.map((group) => group.id));
export const sizeClassBits = bitsOf<SizeClassId>(SIZE_CLASSES.map((size) => size.id));
export const applicantBits = bitsOf<Applicant>(ApplicantSchema.options);
const ALL_SIZES = sizeClassBits(SIZE_CLASSES.map((size) => size.id));

function factsOf(programme: Programme, idRank: number): ProgrammeFacts {
  return {
    needs: needBits(programme.needs),
    targetGroups: targetGroupBits(programme.targetGroups),
    openToEveryGroup: programme.targetGroups.length === 0 || programme.targetGroups.includes('alle'),
    sizeClasses: programme.sizeClasses === undefined ? ALL_SIZES : sizeClassBits(programme.sizeClasses),
    applicants: applicantBits(programme.applicants),
    viaIntermediary: programme.viaIntermediary !== undefined,
    deadlineDay: programme.deadline.kind === 'laufend' ? null : dayNumber(programme.deadline.date),
    deadlineKind: programme.deadline.kind,
    breadth: 1 / programme.needs.length + 1 / Math.max(1, programme.targetGroups.length),
    idRank,
  };
}

function group<K>(programmes: readonly Programme[], keysOf: (programme: Programme) => readonly K[]): Map<K, Programme[]> {
  const groups = new Map<K, Programme[]>();
  for (const programme of programmes) {
    for (const key of keysOf(programme)) {
      const members = groups.get(key);
      if (members === undefined) groups.set(key, [programme]);
      else members.push(programme);
    }
  }
  return groups;
}

export function indexProgrammes(programmes: readonly Programme[]): ProgrammeIndex {
  const byId = [...programmes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    byNeed: group(programmes, (programme) => programme.needs),
    byTargetGroup: group(programmes, (programme) => programme.targetGroups),
    forEveryGroup: programmes.filter((programme) => programme.targetGroups.length === 0 || programme.targetGroups.includes('alle')),
    facts: new Map(byId.map((programme, position) => [programme, factsOf(programme, position)])),
  };
}

// A loaded list never changes (a reload brings a new one), so its index is remembered with it and goes when it goes.
const indexes = new WeakMap<readonly Programme[], ProgrammeIndex>();

export function indexFor(programmes: readonly Programme[]): ProgrammeIndex {
  let index = indexes.get(programmes);
  if (index === undefined) {
    index = indexProgrammes(programmes);
    indexes.set(programmes, index);
  }
  return index;
}

/**
 * The programmes that can fit the profile. Every result of the matcher fits the need when one is
 * known, else the target group when one is known; so no other programme can be a result.
 */
export function candidatesFor(profile: Profile, programmes: readonly Programme[]): readonly Programme[] {
  const index = indexFor(programmes);
  const union = (lists: (readonly Programme[] | undefined)[]) => {
    const present = lists.filter((list) => list !== undefined);
    return present.length === 1 ? (present[0] ?? []) : [...new Set(present.flat())];
  };
  if (profile.needs.length > 0) return union(profile.needs.map((need) => index.byNeed.get(need)));
  const groups = profile.targetGroups.filter((targetGroup) => targetGroup !== 'alle');
  if (groups.length > 0) return union([...groups.map((targetGroup) => index.byTargetGroup.get(targetGroup)), index.forEveryGroup]);
  return programmes;
}
