import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { target } from './build.js';
import { BenchConnector } from './connector.js';
import { BotClient, MIXED_SCRIPTS, type PhaseResult, SimulatedUser, runPhase } from './load.js';
import { ask, cpuMs, startNode, stop, waitForHealthy } from './processes.js';
import { Deadline, type TimingSummary, summarize } from './stats.js';

/**
 * Section 2: turns over HTTP. The Förderlotse (createApp with the fixture programmes; once with
 * MemoryStorage, once with the default `file` storage in a fresh folder), an echo bot on the same stack (restify + CloudAdapter: the baseline of the target) and
 * a dialog echo bot (the same plus ConversationState and one waterfall with a prompt: what any bot on
 * botbuilder-dialogs costs at least) run as processes on 127.0.0.1; this process is the local
 * connector they reply to and the users who talk to them. All get the same load – 32 users, each in
 * its own conversations from the mixed scripts – in phases whose order rotates, after a warm-up of each.
 */

const USERS = 32;
const WARM_UP_PHASES = 3;
const WARM_UP_TURNS_PER_USER = 25;
const ROUNDS = 6;
const TURNS_PER_USER = 25;
const PHASE_BUDGET_MS = 45_000;
const SECTION_BUDGET_MS = 260_000;

type BotKind = 'echo' | 'dialogs' | 'full' | 'fullFile';
const KINDS: readonly BotKind[] = ['echo', 'dialogs', 'full', 'fullFile'];
const perKind = <T>(make: (kind: BotKind) => T): Record<BotKind, T> => ({
  echo: make('echo'),
  dialogs: make('dialogs'),
  full: make('full'),
  fullFile: make('fullFile'),
});

export interface TurnsBotResult {
  turns: number;
  failed: number;
  problems: Record<string, number>;
  turnsPerSecond: number;
  /** Turns per second of each measured phase, to show the spread. */
  phaseTurnsPerSecond: number[];
  latency: TimingSummary;
  connectorRequestsPerTurn: number;
  connectorConnectionsPerTurn: number;
  /** CPU time of the bot process per turn (user + system), less sensitive to other load on the machine. */
  cpuMsPerTurn: number;
  conversationsFinished: number;
}

export interface TurnsResult {
  users: number;
  rounds: number;
  turnsPerUserPerPhase: number;
  echo: TurnsBotResult;
  dialogs: TurnsBotResult;
  full: TurnsBotResult;
  /** The Förderlotse with the default `file` storage, in a fresh folder. */
  fullFile: TurnsBotResult;
  loggedErrors: number;
  p50Ratio: number;
  p99Ratio: number;
  throughputRatio: number;
  cpuPerTurnRatio: number;
  /** The dialog echo bot against the echo bot, and the Förderlotse against the dialog echo bot. */
  floor: { dialogsToEcho: Ratios; fullToDialogs: Ratios; fullFileToDialogs: Ratios };
  targets: { p50WithinFactor: number; throughputAtLeast: number; p50Met: boolean; throughputMet: boolean };
  /** Against the floor of the design: the Förderlotse with `file` storage against the dialog echo bot. */
  floorTargets: { p50WithinFactor: number; throughputAtLeast: number; p50Met: boolean; throughputMet: boolean };
  timedOut: boolean;
}

interface Ratios {
  p50: number;
  throughput: number;
  cpuPerTurn: number;
}

const ratios = (bot: TurnsBotResult, baseline: TurnsBotResult): Ratios => ({
  p50: bot.latency.medianMs / baseline.latency.medianMs,
  throughput: bot.turnsPerSecond / baseline.turnsPerSecond,
  cpuPerTurn: bot.cpuMsPerTurn / baseline.cpuMsPerTurn,
});

interface Tally {
  phases: PhaseResult[];
  requests: number;
  connections: number;
  cpuMs: number;
}

function summarizeBot(tally: Tally, users: readonly SimulatedUser[]): TurnsBotResult {
  const turns = tally.phases.reduce((sum, phase) => sum + phase.turns, 0);
  const wallMs = tally.phases.reduce((sum, phase) => sum + phase.wallMs, 0);
  const problems: Record<string, number> = {};
  for (const phase of tally.phases)
    for (const [problem, count] of Object.entries(phase.problems)) problems[problem] = (problems[problem] ?? 0) + count;
  return {
    turns,
    failed: tally.phases.reduce((sum, phase) => sum + phase.failed, 0),
    problems,
    turnsPerSecond: turns / (wallMs / 1000),
    phaseTurnsPerSecond: tally.phases.map((phase) => phase.turns / (phase.wallMs / 1000)),
    latency: summarize(tally.phases.flatMap((phase) => phase.latencies)),
    connectorRequestsPerTurn: tally.requests / Math.max(1, turns),
    connectorConnectionsPerTurn: tally.connections / Math.max(1, turns),
    cpuMsPerTurn: tally.cpuMs / Math.max(1, turns),
    conversationsFinished: users.reduce((sum, user) => sum + user.conversationsFinished, 0),
  };
}

export async function benchTurns(): Promise<TurnsResult> {
  const section = new Deadline(SECTION_BUDGET_MS);
  const connector = await BenchConnector.start();
  const echo = await startNode([target('echoBot')], {});
  const dialogs = await startNode([target('dialogEchoBot')], {});
  const full = await startNode([target('fullBot')], {}, { ipc: true });
  const stateDir = mkdtempSync(join(tmpdir(), 'foerderlotse-bench-state-'));
  const fullFile = await startNode([target('fullBot')], { STATE_DIR: stateDir }, { ipc: true });
  const started: Record<BotKind, typeof full> = { echo, dialogs, full, fullFile };
  try {
    await Promise.all(KINDS.map((kind) => waitForHealthy(started[kind])));
    const clients = perKind((kind) => new BotClient(started[kind].url, connector, USERS));
    const users = perKind((kind) =>
      Array.from({ length: USERS }, (_, index) => new SimulatedUser(`${kind}-u${index}`, MIXED_SCRIPTS, index)),
    );
    const tallies = perKind((): Tally => ({ phases: [], requests: 0, connections: 0, cpuMs: 0 }));

    const phase = async (kind: BotKind, turnsPerUser: number, record: boolean) => {
      const pid = started[kind].child.pid ?? 0;
      const cpu = cpuMs(pid);
      const requests = connector.requests;
      const connections = connector.connections;
      const result = await runPhase(clients[kind], users[kind], turnsPerUser, kind === 'full', PHASE_BUDGET_MS);
      if (!record) return result;
      tallies[kind].phases.push(result);
      tallies[kind].requests += connector.requests - requests;
      tallies[kind].connections += connector.connections - connections;
      tallies[kind].cpuMs += cpuMs(pid) - cpu;
      return result;
    };

    for (let warmUp = 0; warmUp < WARM_UP_PHASES && !section.passed; warmUp += 1) {
      for (const kind of KINDS) await phase(kind, WARM_UP_TURNS_PER_USER, false);
    }
    let rounds = 0;
    let timedOut = false;
    for (; rounds < ROUNDS && !section.passed; rounds += 1) {
      // Each bot goes first, second and third equally often.
      const order = KINDS.map((_, position) => KINDS[(position + rounds) % KINDS.length] as BotKind);
      for (const kind of order) timedOut = (await phase(kind, TURNS_PER_USER, true)).timedOut || timedOut;
    }
    timedOut ||= section.passed;

    const loggedErrors =
      (await ask<{ errors: number }>(full.child, 'errors')).errors + (await ask<{ errors: number }>(fullFile.child, 'errors')).errors;
    for (const kind of KINDS) clients[kind].close();
    const results = perKind((kind) => summarizeBot(tallies[kind], users[kind]));
    const { echo: echoResult, dialogs: dialogsResult, full: fullResult, fullFile: fullFileResult } = results;
    const target = ratios(fullResult, echoResult);
    const floor = ratios(fullFileResult, dialogsResult);
    return {
      users: USERS,
      rounds,
      turnsPerUserPerPhase: TURNS_PER_USER,
      echo: echoResult,
      dialogs: dialogsResult,
      full: fullResult,
      fullFile: fullFileResult,
      loggedErrors,
      p50Ratio: target.p50,
      p99Ratio: fullResult.latency.p99Ms / echoResult.latency.p99Ms,
      throughputRatio: target.throughput,
      cpuPerTurnRatio: target.cpuPerTurn,
      floor: {
        dialogsToEcho: ratios(dialogsResult, echoResult),
        fullToDialogs: ratios(fullResult, dialogsResult),
        fullFileToDialogs: floor,
      },
      targets: { p50WithinFactor: 1.5, throughputAtLeast: 2 / 3, p50Met: target.p50 <= 1.5, throughputMet: target.throughput >= 2 / 3 },
      floorTargets: { p50WithinFactor: 1.25, throughputAtLeast: 0.8, p50Met: floor.p50 <= 1.25, throughputMet: floor.throughput >= 0.8 },
      timedOut,
    };
  } finally {
    await Promise.all(KINDS.map((kind) => stop(started[kind])));
    await connector.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
