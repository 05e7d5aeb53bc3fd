import { target } from './build.js';
import { BenchConnector } from './connector.js';
import { BotClient } from './load.js';
import { startNode, stop, waitForHealthy } from './processes.js';
import { median } from './stats.js';

/**
 * Section "gespraech": one long conversation, 200 turns, one message after the other – searches,
 * changes, side steps, „zurück“, restarts. Whether a turn late in the conversation costs what an
 * early one did: the median of the last 50 turns against the first 50, for the Förderlotse and, as
 * the baseline of the same run, for the dialog echo bot (whose turns do not depend on the past).
 */

const TURNS = 200;
const WINDOW = 50;
const REPEATS = 3;

/** The turns of test/e2e/longConversation.test.ts, as text (buttons on cards need replies this client does not keep). */
const CYCLE = [
  'neue Suche',
  'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern',
  'Merkliste',
  'Weitere Ergebnisse',
  'zurück',
  '8.000',
  'Merkliste',
  'Zielgruppe ändern',
  'hilfe',
  'Jugendliche',
  'eher Wohnen',
  'Danke!',
  'Kommune ändern',
  'Kreis',
  'zurück',
  'Suche speichern',
  'Gibt es Einwanderung gestalten NRW noch?',
  'Hallo',
  'Integrationsmanagement für Neuzugewanderte',
  'ca. 45 Tsd.',
];

export interface LongConversationBot {
  /** Median turn of the first and of the last 50 turns, in ms (median over the repeats). */
  earlyMs: number;
  lateMs: number;
  lateToEarly: number;
  failed: number;
}

export interface LongConversationResult {
  turns: number;
  repeats: number;
  full: LongConversationBot;
  dialogs: LongConversationBot;
  /** The Förderlotse's drift over the conversation against the baseline's. */
  driftRatio: number;
  /** A late turn may cost at most this much more than an early one, relative to the baseline. */
  targetDrift: number;
  targetMet: boolean;
}

async function converse(client: BotClient, name: string, repeat: number): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  for (let turn = 0; turn < TURNS; turn += 1) {
    const outcome = await client.say(
      `${name}-lang-${repeat}`,
      `${name}-nutzer`,
      `${name}-${repeat}-a${turn}`,
      CYCLE[turn % CYCLE.length] ?? '',
      false,
    );
    ms.push(outcome.ms);
    if (!outcome.ok) failed += 1;
  }
  return { ms, failed };
}

export async function benchLongConversation(): Promise<LongConversationResult> {
  const connector = await BenchConnector.start();
  const full = await startNode([target('fullBot')], {}, { ipc: true });
  const dialogs = await startNode([target('dialogEchoBot')], {});
  try {
    await Promise.all([waitForHealthy(full), waitForHealthy(dialogs)]);
    const bots = { full: new BotClient(full.url, connector, 1), dialogs: new BotClient(dialogs.url, connector, 1) };
    const runs = { full: [] as { ms: number[]; failed: number }[], dialogs: [] as { ms: number[]; failed: number }[] };
    // A first conversation each warms the code up; then they take turns.
    await converse(bots.full, 'full', -1);
    await converse(bots.dialogs, 'dialogs', -1);
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      runs.full.push(await converse(bots.full, 'full', repeat));
      runs.dialogs.push(await converse(bots.dialogs, 'dialogs', repeat));
    }
    bots.full.close();
    bots.dialogs.close();
    const summary = (of: { ms: number[]; failed: number }[]): LongConversationBot => {
      const earlyMs = median(of.map((run) => median(run.ms.slice(0, WINDOW))));
      const lateMs = median(of.map((run) => median(run.ms.slice(-WINDOW))));
      return { earlyMs, lateMs, lateToEarly: lateMs / earlyMs, failed: of.reduce((sum, run) => sum + run.failed, 0) };
    };
    const fullResult = summary(runs.full);
    const dialogsResult = summary(runs.dialogs);
    const driftRatio = fullResult.lateToEarly / dialogsResult.lateToEarly;
    const targetDrift = 1.2;
    return {
      turns: TURNS,
      repeats: REPEATS,
      full: fullResult,
      dialogs: dialogsResult,
      driftRatio,
      targetDrift,
      targetMet: driftRatio <= targetDrift && fullResult.failed === 0,
    };
  } finally {
    await Promise.all([stop(full), stop(dialogs)]);
    await connector.close();
  }
}
