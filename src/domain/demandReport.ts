import type { DemandEvent, FeedbackEvent, SearchEvent } from './demand.js';
import { NEEDS, type NeedId, SIZE_CLASSES, type SizeClassId, TARGET_GROUPS, type TargetGroupId } from './taxonomy.js';

/** Searches for one need × target group × size class; null where the search left the question open. */
export interface DemandRow {
  need: NeedId | null;
  targetGroup: TargetGroupId | null;
  sizeClass: SizeClassId | null;
  searches: number;
  /** Searches that found no open programme. */
  unmet: number;
}

export interface WatchedProgramme {
  programmeId: string;
  /** null: the programme is no longer in the catalogue. */
  title: string | null;
  count: number;
}

export interface FeedbackComment {
  date: string;
  helpful: boolean;
  comment: string;
  needs: NeedId[];
  targetGroups: TargetGroupId[];
  sizeClass: SizeClassId | null;
}

export interface DemandReport {
  period: { from: string; to: string };
  searches: number;
  unmetSearches: number;
  /** Most searched first. A search with two needs (or target groups) counts in each row it fits. */
  demand: DemandRow[];
  /** The rows with unmet searches, most unmet first. */
  unmet: DemandRow[];
  /** Most watched first. */
  watched: WatchedProgramme[];
  feedback: {
    helpful: number;
    notHelpful: number;
    /** helpful / all feedback; null without feedback. */
    helpfulShare: number | null;
    /** In date order. */
    comments: FeedbackComment[];
  };
}

// Rows in the order of the taxonomy, "ohne Angabe" last, when their counts are equal.
const rank = (ids: readonly { id: string }[]) => (id: string | null) =>
  id === null ? ids.length : ids.findIndex((entry) => entry.id === id);
const needRank = rank(NEEDS);
const targetGroupRank = rank(TARGET_GROUPS);
const sizeRank = rank(SIZE_CLASSES);
const byTaxonomy = (a: DemandRow, b: DemandRow) =>
  needRank(a.need) - needRank(b.need) ||
  targetGroupRank(a.targetGroup) - targetGroupRank(b.targetGroup) ||
  sizeRank(a.sizeClass) - sizeRank(b.sizeClass);

const orNone = <T>(items: readonly T[]): (T | null)[] => (items.length === 0 ? [null] : [...items]);

function demandRows(searches: readonly SearchEvent[]): DemandRow[] {
  const rows = new Map<string, DemandRow>();
  for (const search of searches) {
    // The same need listed twice is still one search for it.
    for (const need of new Set(orNone(search.needs))) {
      for (const targetGroup of new Set(orNone(search.targetGroups))) {
        const key = JSON.stringify([need, targetGroup, search.sizeClass]);
        const row = rows.get(key) ?? { need, targetGroup, sizeClass: search.sizeClass, searches: 0, unmet: 0 };
        row.searches += 1;
        if (search.openHits === 0) row.unmet += 1;
        rows.set(key, row);
      }
    }
  }
  return [...rows.values()].sort((a, b) => b.searches - a.searches || byTaxonomy(a, b));
}

/** What the bot was asked for in the period, for the municipal association. Events outside the period are left out. */
export function demandReport(
  events: readonly DemandEvent[],
  period: { from: string; to: string },
  programmeTitles: ReadonlyMap<string, string>,
): DemandReport {
  const inPeriod = events.filter((event) => event.date >= period.from && event.date <= period.to);
  const searches = inPeriod.filter((event): event is SearchEvent => event.kind === 'search');
  const feedback = inPeriod.filter((event): event is FeedbackEvent => event.kind === 'feedback');

  const demand = demandRows(searches);
  const unmet = demand.filter((row) => row.unmet > 0).sort((a, b) => b.unmet - a.unmet || b.searches - a.searches || byTaxonomy(a, b));

  const watchCounts = new Map<string, number>();
  for (const event of inPeriod)
    if (event.kind === 'watch') watchCounts.set(event.programmeId, (watchCounts.get(event.programmeId) ?? 0) + 1);
  const watched = [...watchCounts]
    .map(([programmeId, count]) => ({ programmeId, title: programmeTitles.get(programmeId) ?? null, count }))
    .sort((a, b) => b.count - a.count || a.programmeId.localeCompare(b.programmeId));

  const helpful = feedback.filter((event) => event.helpful).length;
  const comments = feedback
    .filter((event) => (event.comment ?? '').trim() !== '')
    .map((event) => ({
      date: event.date,
      helpful: event.helpful,
      comment: (event.comment ?? '').trim(),
      needs: event.needs,
      targetGroups: event.targetGroups,
      sizeClass: event.sizeClass,
    }))
    .sort((a, b) => a.date.localeCompare(b.date));

  return {
    period: { from: period.from, to: period.to },
    searches: searches.length,
    unmetSearches: searches.filter((search) => search.openHits === 0).length,
    demand,
    unmet,
    watched,
    feedback: {
      helpful,
      notHelpful: feedback.length - helpful,
      helpfulShare: feedback.length === 0 ? null : helpful / feedback.length,
      comments,
    },
  };
}
