import { target } from './build.js';
import { BenchConnector } from './connector.js';
import { BotClient, MIXED_SCRIPTS, type PhaseResult, SimulatedUser, runPhase } from './load.js';
import { ask, cpuMs, startNode, stop, waitForHealthy } from './processes.js';
import { Deadline, type TimingSummary, summarize } from './stats.js';

/**
 * Section 2: turns over HTTP. The Förderlotse (createApp with MemoryStorage and the fixture
 * programmes) and an echo bot on the same stack (restify + CloudAdapter) run as two processes on
 * 127.0.0.1; this process is the local connector both reply to and the users who talk to them.
 * Both get the same load – 32 users, each in its own conversations from the mixed scripts – in
 * alternating phases (echo, bot, bot, echo, …) after a warm-up of each.
 */

const USERS = 32;
const WARM_UP_PHASES = 3;
const WARM_UP_TURNS_PER_USER = 25;
const ROUNDS = 6;
const TURNS_PER_USER = 25;
const PHASE_BUDGET_MS = 45_000;
const SECTION_BUDGET_MS = 200_000;

type BotKind = 'echo' | 'full';

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
  full: TurnsBotResult;
  loggedErrors: number;
  p50Ratio: number;
  p99Ratio: number;
  throughputRatio: number;
  cpuPerTurnRatio: number;
  targets: { p50WithinFactor: number; throughputAtLeast: number; p50Met: boolean; throughputMet: boolean };
  timedOut: boolean;
}

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
  for (const phase of tally.phases) for (const [problem, count] of Object.entries(phase.problems)) problems[problem] = (problems[problem] ?? 0) + count;
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
  const full = await startNode([target('fullBot')], {}, { ipc: true });
  try {
    await Promise.all([waitForHealthy(echo), waitForHealthy(full)]);
    const clients: Record<BotKind, BotClient> = { echo: new BotClient(echo.url, connector, USERS), full: new BotClient(full.url, connector, USERS) };
    const users: Record<BotKind, SimulatedUser[]> = {
      echo: Array.from({ length: USERS }, (_, index) => new SimulatedUser(`echo-u${index}`, MIXED_SCRIPTS, index)),
      full: Array.from({ length: USERS }, (_, index) => new SimulatedUser(`bot-u${index}`, MIXED_SCRIPTS, index)),
    };
    const tallies: Record<BotKind, Tally> = { echo: { phases: [], requests: 0, connections: 0, cpuMs: 0 }, full: { phases: [], requests: 0, connections: 0, cpuMs: 0 } };

    const pids: Record<BotKind, number> = { echo: echo.child.pid ?? 0, full: full.child.pid ?? 0 };
    const phase = async (kind: BotKind, turnsPerUser: number, record: boolean) => {
      const cpu = cpuMs(pids[kind]);
      const requests = connector.requests;
      const connections = connector.connections;
      const result = await runPhase(clients[kind], users[kind], turnsPerUser, kind === 'full', PHASE_BUDGET_MS);
      if (!record) return result;
      tallies[kind].phases.push(result);
      tallies[kind].requests += connector.requests - requests;
      tallies[kind].connections += connector.connections - connections;
      tallies[kind].cpuMs += cpuMs(pids[kind]) - cpu;
      return result;
    };

    for (let warmUp = 0; warmUp < WARM_UP_PHASES && !section.passed; warmUp += 1) {
      await phase('echo', WARM_UP_TURNS_PER_USER, false);
      await phase('full', WARM_UP_TURNS_PER_USER, false);
    }
    let rounds = 0;
    let timedOut = false;
    for (; rounds < ROUNDS && !section.passed; rounds += 1) {
      const order: BotKind[] = rounds % 2 === 0 ? ['echo', 'full'] : ['full', 'echo'];
      for (const kind of order) timedOut = (await phase(kind, TURNS_PER_USER, true)).timedOut || timedOut;
    }
    timedOut ||= section.passed;

    const loggedErrors = (await ask<{ errors: number }>(full.child, 'errors')).errors;
    clients.echo.close();
    clients.full.close();
    const echoResult = summarizeBot(tallies.echo, users.echo);
    const fullResult = summarizeBot(tallies.full, users.full);
    const p50Ratio = fullResult.latency.medianMs / echoResult.latency.medianMs;
    const throughputRatio = fullResult.turnsPerSecond / echoResult.turnsPerSecond;
    return {
      users: USERS,
      rounds,
      turnsPerUserPerPhase: TURNS_PER_USER,
      echo: echoResult,
      full: fullResult,
      loggedErrors,
      p50Ratio,
      p99Ratio: fullResult.latency.p99Ms / echoResult.latency.p99Ms,
      throughputRatio,
      cpuPerTurnRatio: fullResult.cpuMsPerTurn / echoResult.cpuMsPerTurn,
      targets: { p50WithinFactor: 1.5, throughputAtLeast: 2 / 3, p50Met: p50Ratio <= 1.5, throughputMet: throughputRatio >= 2 / 3 },
      timedOut,
    };
  } finally {
    await Promise.all([stop(echo), stop(full)]);
    await connector.close();
  }
}
