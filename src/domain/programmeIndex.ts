import type { Programme } from './programme.js';
import type { NeedId, Profile, TargetGroupId } from './taxonomy.js';

/**
 * The programmes by need and by target group, so that a search looks only at programmes that can
 * fit instead of scanning the whole store. Built once per loaded list of programmes.
 */
export interface ProgrammeIndex {
  byNeed: ReadonlyMap<NeedId, readonly Programme[]>;
  byTargetGroup: ReadonlyMap<TargetGroupId, readonly Programme[]>;
  /** Programmes not aimed at a group, or at everyone: they fit any target group. */
  forEveryGroup: readonly Programme[];
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
  return {
    byNeed: group(programmes, (programme) => programme.needs),
    byTargetGroup: group(programmes, (programme) => programme.targetGroups),
    forEveryGroup: programmes.filter((programme) => programme.targetGroups.length === 0 || programme.targetGroups.includes('alle')),
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
