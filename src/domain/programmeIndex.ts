import { dayNumber } from './dates.js';
import { ApplicantSchema, type Applicant, type Programme, excludesYoungPeople, isInformationOnly, isLargeFormat } from './programme.js';
import { NEEDS, type NeedId, type Profile, SIZE_CLASSES, type SizeClassId, TARGET_GROUPS, type TargetGroupId } from './taxonomy.js';

/**
 * The programmes of one loaded list, numbered in id order, with their facts as bit masks and numbers
 * in flat arrays (one slot per programme) and lists of programme numbers by need and by target group.
 * A search then looks only at programmes that can fit, and scoring one is a few integer operations.
 * Built once per loaded list.
 */
export interface ProgrammeIndex {
  /** The programmes in id order: a programme's number is its position here, and ties in ranking go by it. */
  byNumber: readonly Programme[];
  byNeed: ReadonlyMap<NeedId, Int32Array>;
  byTargetGroup: ReadonlyMap<TargetGroupId, Int32Array>;
  /** Programmes not aimed at a group, or at everyone: they fit any target group. */
  forEveryGroup: Int32Array;
  all: Int32Array;
  needs: Int32Array;
  targetGroups: Int32Array;
  openToEveryGroup: Uint8Array;
  /** Target groups an age limit rules out (children and young people for a programme for adults). */
  excludedGroups: Int32Array;
  /** Size classes a programme is open to (all when it names none). */
  sizeClasses: Int32Array;
  applicants: Int32Array;
  viaIntermediary: Uint8Array;
  /** 1: a municipality can only point people to it (see `isInformationOnly`). */
  informationOnly: Uint8Array;
  /** 1: a kreisangehörige Gemeinde applies itself only with an office of its own. */
  onlyWithOwn: Uint8Array;
  /** 1: only for people of some ages (`ages`). */
  ageLimited: Uint8Array;
  /** 1: a project format too large for a small Gemeinde (see `isLargeFormat`). */
  largeFormat: Uint8Array;
  deadlineKind: Uint8Array;
  /** Day number of a stichtag or beendet date. */
  deadlineDay: Int32Array;
  /** 1/needs + 1/target groups: a programme made for one thing ranks above one made for everything. */
  breadth: Float64Array;
}

export const DEADLINE_KINDS = ['laufend', 'stichtag', 'jaehrlich', 'beendet', 'naechste_runde'] as const;

const bitsOf = <T extends string>(order: readonly T[]) => {
  const bits = new Map(order.map((id, position) => [id, 1 << position]));
  return (ids: readonly T[]) => ids.reduce((mask, id) => mask | (bits.get(id) ?? 0), 0);
};
export const needBits = bitsOf(NEEDS.map((need) => need.id));
export const targetGroupBits = bitsOf(TARGET_GROUPS.map((group) => group.id));
export const sizeClassBits = bitsOf<SizeClassId>(SIZE_CLASSES.map((size) => size.id));
export const applicantBits = bitsOf<Applicant>(ApplicantSchema.options);
const ALL_SIZES = sizeClassBits(SIZE_CLASSES.map((size) => size.id));

const openToEveryGroup = (programme: Programme) => programme.targetGroups.length === 0 || programme.targetGroups.includes('alle');

function numbersBy<K>(programmes: readonly Programme[], keysOf: (programme: Programme) => readonly K[]): Map<K, Int32Array> {
  const groups = new Map<K, number[]>();
  programmes.forEach((programme, number) => {
    for (const key of keysOf(programme)) {
      const members = groups.get(key);
      if (members === undefined) groups.set(key, [number]);
      else members.push(number);
    }
  });
  return new Map([...groups].map(([key, numbers]) => [key, Int32Array.from(numbers)]));
}

export function indexProgrammes(programmes: readonly Programme[]): ProgrammeIndex {
  const byNumber = [...programmes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const column = <T extends Int32Array | Uint8Array | Float64Array>(
    make: new (length: number) => T,
    value: (programme: Programme) => number,
  ): T => {
    const values = new make(byNumber.length);
    byNumber.forEach((programme, number) => (values[number] = value(programme)));
    return values;
  };
  return {
    byNumber,
    byNeed: numbersBy(byNumber, (programme) => programme.needs),
    byTargetGroup: numbersBy(byNumber, (programme) => programme.targetGroups),
    forEveryGroup: Int32Array.from(byNumber.flatMap((programme, number) => (openToEveryGroup(programme) ? [number] : []))),
    all: Int32Array.from(byNumber.keys()),
    needs: column(Int32Array, (programme) => needBits(programme.needs)),
    targetGroups: column(Int32Array, (programme) => targetGroupBits(programme.targetGroups)),
    openToEveryGroup: column(Uint8Array, (programme) => (openToEveryGroup(programme) ? 1 : 0)),
    sizeClasses: column(Int32Array, (programme) =>
      programme.sizeClasses === undefined ? ALL_SIZES : sizeClassBits(programme.sizeClasses),
    ),
    applicants: column(Int32Array, (programme) => applicantBits(programme.applicants)),
    viaIntermediary: column(Uint8Array, (programme) => (programme.viaIntermediary === undefined ? 0 : 1)),
    informationOnly: column(Uint8Array, (programme) => (isInformationOnly(programme) ? 1 : 0)),
    onlyWithOwn: column(Uint8Array, (programme) => (programme.onlyWithOwn === undefined ? 0 : 1)),
    ageLimited: column(Uint8Array, (programme) => (programme.ages === undefined ? 0 : 1)),
    largeFormat: column(Uint8Array, (programme) => (isLargeFormat(programme) ? 1 : 0)),
    excludedGroups: column(Int32Array, (programme) => (excludesYoungPeople(programme) ? targetGroupBits(['kinder_jugendliche']) : 0)),
    deadlineKind: column(Uint8Array, (programme) => DEADLINE_KINDS.indexOf(programme.deadline.kind)),
    deadlineDay: column(Int32Array, (programme) =>
      programme.deadline.kind === 'stichtag' || programme.deadline.kind === 'beendet' ? dayNumber(programme.deadline.date) : 0,
    ),
    breadth: column(Float64Array, (programme) => 1 / programme.needs.length + 1 / Math.max(1, programme.targetGroups.length)),
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
 * The numbers of the programmes that can fit the profile, each once. Every result of the matcher
 * fits the need when one is known, else the target group when one is known; so no other programme
 * can be a result.
 */
export function candidateNumbers(profile: Profile, index: ProgrammeIndex): Int32Array {
  // Marks each list's members, then reads the marks in number order: each number once, no growing arrays.
  const union = (lists: (Int32Array | undefined)[]) => {
    const present = lists.filter((list) => list !== undefined);
    if (present.length === 1) return present[0] ?? new Int32Array(0);
    const marked = new Uint8Array(index.byNumber.length);
    let count = 0;
    for (const list of present) {
      for (const number of list) {
        count += 1 - (marked[number] as number);
        marked[number] = 1;
      }
    }
    const numbers = new Int32Array(count);
    for (let number = 0, next = 0; next < count; number += 1) if (marked[number] === 1) numbers[next++] = number;
    return numbers;
  };
  if (profile.needs.length > 0) return union(profile.needs.map((need) => index.byNeed.get(need)));
  const groups = profile.targetGroups.filter((targetGroup) => targetGroup !== 'alle');
  if (groups.length > 0) return union([...groups.map((targetGroup) => index.byTargetGroup.get(targetGroup)), index.forEveryGroup]);
  return index.all;
}
