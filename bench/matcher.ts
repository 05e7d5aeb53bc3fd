import { type MatchResult, match, rankAmong, rankedHits } from '../src/domain/matcher.js';
import type { Programme } from '../src/domain/programme.js';
import { candidateNumbers, indexFor, indexProgrammes } from '../src/domain/programmeIndex.js';
import type { NeedId, Profile, SizeClassId, TargetGroupId } from '../src/domain/taxonomy.js';
import { collectGarbage, heapUsed } from './gc.js';
import { BENCH_TODAY, generateProgrammes } from './programmeGenerator.js';
import { Deadline, type TimingSummary, median, summarize } from './stats.js';

/**
 * Section 1: the matcher on generated stores of 1,000, 10,000 and 100,000 programmes. Each
 * `match()` (index) runs next to `rankAmong()` over every programme (the scan without index) for
 * the same queries, alternating round by round, in this process. A query counts until the first page
 * of hits (five, with their reasons) and the ended ones the bot names are read.
 */

const INHABITANTS: Record<SizeClassId, number | undefined> = {
  klein: 8000,
  mittel: 45_000,
  gross: 75_000,
  grossstadt: 250_000,
  kreis: undefined,
};

/** What is asked: no, one or two needs; with or without target group; each size class and none. */
const ASKS: readonly { kind: QueryKind; needs: NeedId[]; targetGroups: TargetGroupId[] }[] = [
  { kind: 'ohne Angaben', needs: [], targetGroups: [] },
  { kind: 'nur Zielgruppe', needs: [], targetGroups: ['frauen_familien'] },
  { kind: '1 Handlungsfeld', needs: ['sprache'], targetGroups: [] },
  { kind: '1 Handlungsfeld', needs: ['sprache'], targetGroups: ['frauen_familien'] },
  { kind: '1 Handlungsfeld', needs: ['wohnen'], targetGroups: ['gefluechtete'] },
  { kind: '1 Handlungsfeld', needs: ['rueckkehr'], targetGroups: ['alle'] },
  { kind: '2 Handlungsfelder', needs: ['arbeit', 'bildung'], targetGroups: [] },
  { kind: '2 Handlungsfelder', needs: ['beratung', 'personal'], targetGroups: ['neuzugewanderte', 'gefluechtete'] },
];
const SIZES: readonly (SizeClassId | null)[] = [null, 'klein', 'mittel', 'gross', 'grossstadt', 'kreis'];

export type QueryKind = 'ohne Angaben' | 'nur Zielgruppe' | '1 Handlungsfeld' | '2 Handlungsfelder';
export const QUERY_KINDS: readonly QueryKind[] = ['ohne Angaben', 'nur Zielgruppe', '1 Handlungsfeld', '2 Handlungsfelder'];

export const QUERIES: readonly { kind: QueryKind; profile: Profile }[] = ASKS.flatMap((ask) =>
  SIZES.map((size) => {
    const inhabitants = size === null ? undefined : INHABITANTS[size];
    return {
      kind: ask.kind,
      profile: {
        needs: ask.needs,
        targetGroups: ask.targetGroups,
        size: size === null ? null : { class: size, ...(inhabitants === undefined ? {} : { inhabitants }) },
      },
    };
  }),
);

/** p99 targets per store size (ms). */
const TARGETS: Record<number, number> = { 1000: 0.2, 10_000: 1, 100_000: 10 };

interface SizePlan {
  programmes: number;
  maxRounds: number;
  /** Rounds of the scan, the first ones alternating with match() (at 100,000 one scan round takes seconds). */
  scanRounds: number;
  /** Rounds of match() even when the time budget has passed. */
  minRounds: number;
  /**
   * A full collection when the variant changes: at 100,000 programmes one scan round leaves hundreds
   * of megabytes of garbage, whose collection would otherwise be timed in the match() round after it.
   */
  collectBetweenRounds: boolean;
  /** Time for the alternating rounds of both variants together. */
  budgetMs: number;
  warmUpMs: number;
  /** Fresh builds timed, besides the one match() keeps. */
  buildRuns: number;
}

const PLANS: readonly SizePlan[] = [
  {
    programmes: 1000,
    maxRounds: 200,
    scanRounds: 200,
    minRounds: 1,
    collectBetweenRounds: false,
    budgetMs: 4000,
    warmUpMs: 1500,
    buildRuns: 9,
  },
  {
    programmes: 10_000,
    maxRounds: 60,
    scanRounds: 60,
    minRounds: 1,
    collectBetweenRounds: false,
    budgetMs: 8000,
    warmUpMs: 1500,
    buildRuns: 5,
  },
  // At 100,000 one index build takes tens of seconds (see the report): only the one match() needs is timed.
  {
    programmes: 100_000,
    maxRounds: 30,
    scanRounds: 2,
    minRounds: 20,
    collectBetweenRounds: true,
    budgetMs: 10_000,
    warmUpMs: 0,
    buildRuns: 0,
  },
];

export interface MatcherSizeResult {
  programmes: number;
  queries: number;
  rounds: number;
  scanRounds: number;
  generateMs: number;
  indexBuild: { medianMs: number; runs: number };
  heap: { beforeStoreBytes: number; afterStoreBytes: number; afterIndexBytes: number; storeBytes: number; indexBytes: number };
  match: TimingSummary;
  scan: TimingSummary;
  p50Ratio: number;
  p99Ratio: number;
  matchByKind: Record<QueryKind, TimingSummary>;
  scanByKind: Record<QueryKind, TimingSummary>;
  averageCandidates: number;
  averageHits: number;
  targetP99Ms: number;
  targetMet: boolean;
}

/** What the bot reads of a result: the first page of hits with their reasons, and the ended ones it names. */
function readFirstPage(result: MatchResult): number {
  let reasons = 0;
  for (const hit of rankedHits(result).slice(0, 5)) reasons += hit.reasons.length;
  return reasons + result.ended.slice(0, 3).length;
}

function timeRound(run: (profile: Profile) => unknown, byKind: Map<QueryKind, number[]>, deadline?: Deadline): void {
  for (const query of QUERIES) {
    if (deadline?.passed) return;
    const started = performance.now();
    run(query.profile);
    const elapsed = performance.now() - started;
    byKind.get(query.kind)?.push(elapsed);
  }
}

const emptyByKind = () => new Map<QueryKind, number[]>(QUERY_KINDS.map((kind) => [kind, []]));
const allOf = (byKind: Map<QueryKind, number[]>) => [...byKind.values()].flat();
const summaryByKind = (byKind: Map<QueryKind, number[]>) =>
  Object.fromEntries(QUERY_KINDS.map((kind) => [kind, summarize(byKind.get(kind) ?? [])])) as Record<QueryKind, TimingSummary>;

function benchSize(plan: SizePlan): MatcherSizeResult {
  const beforeStore = heapUsed();
  const generatedAt = performance.now();
  let programmes: readonly Programme[] = generateProgrammes(plan.programmes);
  const generateMs = performance.now() - generatedAt;
  const afterStore = heapUsed();

  // Index build time: a fresh index each run (the cached one is built below, once, like the bot does on load).
  const buildTimes: number[] = [];
  const buildDeadline = new Deadline(15_000);
  for (let run = 0; run < plan.buildRuns && (run === 0 || !buildDeadline.passed); run += 1) {
    const started = performance.now();
    indexProgrammes(programmes);
    buildTimes.push(performance.now() - started);
  }
  // The index match() uses, cached with the list as on load: one more build, timed as well.
  const beforeIndex = heapUsed();
  const cachedAt = performance.now();
  indexFor(programmes);
  buildTimes.push(performance.now() - cachedAt);
  const afterIndex = heapUsed();

  const today = BENCH_TODAY;
  const indexed = (profile: Profile) => readFirstPage(match(profile, programmes, today));
  const scanned = (profile: Profile) => readFirstPage(rankAmong(profile, programmes, today));

  let candidates = 0;
  let hits = 0;
  for (const query of QUERIES) {
    candidates += candidateNumbers(query.profile, indexFor(programmes)).length;
    const result = match(query.profile, programmes, today);
    hits += result.exact.length + result.closest.length + result.ended.length;
  }

  // Warm-up of both variants, bounded in time (the compiled code is shared between store sizes).
  const warmUp = new Deadline(plan.warmUpMs);
  for (let round = 0; round < 3 && plan.warmUpMs > 0 && !warmUp.passed; round += 1) {
    timeRound(indexed, emptyByKind(), warmUp);
    timeRound(scanned, emptyByKind(), warmUp);
  }

  const matchTimes = emptyByKind();
  const scanTimes = emptyByKind();
  const deadline = new Deadline(plan.budgetMs);
  let rounds = 0;
  let scanRounds = 0;
  let last: 'match' | 'scan' | null = null;
  const timeMatch = () => {
    if (plan.collectBetweenRounds && last === 'scan') collectGarbage();
    timeRound(indexed, matchTimes);
    last = 'match';
  };
  const timeScan = () => {
    if (scanRounds >= plan.scanRounds) return;
    if (plan.collectBetweenRounds && last === 'match') collectGarbage();
    timeRound(scanned, scanTimes);
    scanRounds += 1;
    last = 'scan';
  };
  // Whole rounds, alternating which variant goes first; at least one round of each.
  while (rounds < plan.maxRounds && (rounds < plan.minRounds || !deadline.passed)) {
    if (rounds % 2 === 0) {
      timeMatch();
      timeScan();
    } else {
      timeScan();
      timeMatch();
    }
    rounds += 1;
  }

  const matchSummary = summarize(allOf(matchTimes));
  const scanSummary = summarize(allOf(scanTimes));
  const targetP99Ms = TARGETS[plan.programmes] ?? Number.POSITIVE_INFINITY;
  const result: MatcherSizeResult = {
    programmes: plan.programmes,
    queries: QUERIES.length,
    rounds,
    scanRounds,
    generateMs,
    indexBuild: { medianMs: median(buildTimes), runs: buildTimes.length },
    heap: {
      beforeStoreBytes: beforeStore,
      afterStoreBytes: afterStore,
      afterIndexBytes: afterIndex,
      storeBytes: afterStore - beforeStore,
      indexBytes: afterIndex - beforeIndex,
    },
    match: matchSummary,
    scan: scanSummary,
    p50Ratio: matchSummary.medianMs / scanSummary.medianMs,
    p99Ratio: matchSummary.p99Ms / scanSummary.p99Ms,
    matchByKind: summaryByKind(matchTimes),
    scanByKind: summaryByKind(scanTimes),
    averageCandidates: candidates / QUERIES.length,
    averageHits: hits / QUERIES.length,
    targetP99Ms,
    targetMet: matchSummary.p99Ms <= targetP99Ms,
  };
  programmes = [];
  return result;
}

export function benchMatcher(sizes: readonly number[] = PLANS.map((plan) => plan.programmes)): MatcherSizeResult[] {
  return PLANS.filter((plan) => sizes.includes(plan.programmes)).map(benchSize);
}
