import { Agent, request } from 'node:http';
import type { BenchConnector } from './connector.js';
import { Deadline } from './stats.js';

/**
 * Users who talk to a bot over HTTP the way the Emulator does (a POST per activity, no token, the
 * replies go to the connector at serviceUrl), each in a conversation of its own, one turn after
 * the other; a new conversation starts when a script ends.
 */

export interface ScriptTurn {
  text: string;
  /** The full bot answers this turn with programme cards (checked for the Förderlotse, not for the echo bot). */
  results?: boolean;
}
export type Script = readonly ScriptTurn[];

/** The HTTP mix: one-sentence conversations and step-by-step ones, as the README describes them. */
export const MIXED_SCRIPTS: readonly Script[] = [
  [{ text: 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', results: true }],
  [{ text: 'Hallo' }, { text: 'Sprache' }, { text: 'Frauen & Familien' }, { text: '8.000', results: true }],
  [{ text: 'Wohnraum für Geflüchtete' }, { text: 'ca. 45 Tsd.', results: true }],
  [
    { text: 'Hallo' },
    { text: 'Beratung' },
    { text: 'Kinder und Jugendliche' },
    { text: 'Kreis', results: true },
    { text: 'Zielgruppe ändern' },
    { text: 'Neuzugewanderte', results: true },
  ],
];

/** Ten turns each, for the long run with file storage (5,000 conversations make 50,000 turns). */
export const TEN_TURN_SCRIPTS: readonly Script[] = [
  [
    { text: 'Hallo' },
    { text: 'Sprache' },
    { text: 'Frauen & Familien' },
    { text: '8.000', results: true },
    { text: 'Weitere Ergebnisse' },
    { text: 'Zielgruppe ändern' },
    { text: 'Geflüchtete', results: true },
    { text: 'neue Suche' },
    { text: 'Wohnraum für Familien, Kreis Lippe', results: true },
    { text: 'hilfe' },
  ],
  [
    { text: 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', results: true },
    { text: 'eher Wohnen', results: true },
    { text: 'Größe ändern' },
    { text: '250.000 Einwohner', results: true },
    { text: 'zurück' },
    { text: 'Kreis', results: true },
    { text: 'neu' },
    { text: 'Beratung' },
    { text: 'Kinder und Jugendliche' },
    { text: 'ca. 45 Tsd.', results: true },
  ],
];

export interface TurnOutcome {
  ms: number;
  ok: boolean;
  /** Why not ok, for the report. */
  problem?: string;
}

const BOT_ACCOUNT = { id: 'bot-1', name: 'Förderlotse NRW', role: 'bot' };

/** POSTs activities to one bot over a keep-alive agent, like a channel with open connections. */
export class BotClient {
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    private readonly connector: BenchConnector,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  async say(conversationId: string, userId: string, activityId: string, text: string, expectResults: boolean): Promise<TurnOutcome> {
    const activity = {
      type: 'message',
      id: activityId,
      channelId: 'emulator',
      serviceUrl: this.connector.url,
      conversation: { id: conversationId },
      from: { id: userId, name: `Sachbearbeitung ${userId}`, role: 'user' },
      recipient: BOT_ACCOUNT,
      locale: 'de-DE',
      timestamp: new Date().toISOString(),
      text,
    };
    const started = performance.now();
    const status = await this.post(JSON.stringify(activity));
    const ms = performance.now() - started;
    const replies = this.connector.take(activityId);
    if (status !== 200) return { ms, ok: false, problem: `HTTP ${status}` };
    if (replies.replies === 0) return { ms, ok: false, problem: 'keine Antwort' };
    if (expectResults && !replies.carousel) return { ms, ok: false, problem: 'keine Programmkarten' };
    return { ms, ok: true };
  }

  private post(payload: string): Promise<number> {
    const url = new URL('/api/messages', this.baseUrl);
    return new Promise((resolve) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: 30_000,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(0));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => resolve(0));
      outgoing.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One user: a conversation of its own, turn after turn through the scripts, then a new conversation. */
export class SimulatedUser {
  private scriptIndex: number;
  private turnIndex = 0;
  private conversation = 0;
  private activity = 0;

  constructor(
    private readonly name: string,
    private readonly scripts: readonly Script[],
    offset: number,
  ) {
    this.scriptIndex = offset % scripts.length;
  }

  /** Sends the next turn and moves on; `checkResults` for the Förderlotse, not for the echo bot. */
  async next(client: BotClient, checkResults: boolean): Promise<TurnOutcome> {
    const script = this.scripts[this.scriptIndex] ?? [];
    const turn = script[this.turnIndex] ?? { text: 'Hallo' };
    this.activity += 1;
    const conversationId = `${this.name}-c${this.conversation}`;
    const outcome = await client.say(
      conversationId,
      `${this.name}-user`,
      `${conversationId}-a${this.activity}`,
      turn.text,
      checkResults && turn.results === true,
    );
    this.turnIndex += 1;
    if (this.turnIndex >= script.length) {
      this.turnIndex = 0;
      this.scriptIndex = (this.scriptIndex + 1) % this.scripts.length;
      this.conversation += 1;
    }
    return outcome;
  }

  get conversationsFinished(): number {
    return this.conversation;
  }
}

export interface PhaseResult {
  turns: number;
  failed: number;
  problems: Record<string, number>;
  wallMs: number;
  latencies: number[];
  timedOut: boolean;
}

/** Every user sends `turnsPerUser` turns, all users at once; stops early when the deadline passes. */
export async function runPhase(
  client: BotClient,
  users: readonly SimulatedUser[],
  turnsPerUser: number,
  checkResults: boolean,
  budgetMs: number,
): Promise<PhaseResult> {
  const deadline = new Deadline(budgetMs);
  const latencies: number[] = [];
  const problems: Record<string, number> = {};
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    users.map(async (user) => {
      for (let turn = 0; turn < turnsPerUser && !deadline.passed; turn += 1) {
        const outcome = await user.next(client, checkResults);
        latencies.push(outcome.ms);
        if (!outcome.ok) {
          failed += 1;
          const problem = outcome.problem ?? 'Fehler';
          problems[problem] = (problems[problem] ?? 0) + 1;
        }
      }
    }),
  );
  return { turns: latencies.length, failed, problems, wallMs: performance.now() - started, latencies, timedOut: deadline.passed };
}
