import { Agent, request } from 'node:http';
import { target } from './build.js';
import { BenchConnector } from './connector.js';
import { BotClient } from './load.js';
import { startNode, stop, waitForHealthy } from './processes.js';
import { type TimingSummary, summarize } from './stats.js';

/**
 * Section "suche": the search from anywhere in Teams over HTTP. Teams gives a message extension 5 s
 * to answer a `composeExtension/query`; the Förderlotse (the real app, fixture programmes) answers
 * searches from 4 users at once, alternating with the echo bot's turns on the same stack as baseline.
 */

const CONCURRENT = 4;
const ROUNDS = 5;
const PER_ROUND = 300;
/** Well within Teams' 5 s: a search should feel instant while typing. */
export const COMPOSE_P99_TARGET_MS = 250;

const QUERIES = [
  'Wohnraum für Geflüchtete in Gütersloh',
  'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern',
  'Ehrenamt Kreis Lippe',
  'Beratung für junge Zugewanderte',
  '',
  'Quartier und Nachbarschaft, Stadt Bielefeld',
  `${'Wir suchen Förderung für unsere Arbeit vor Ort. '.repeat(40)}Wohnraum für Geflüchtete`.slice(-2000),
];

export interface ComposeSearchResult {
  searches: number;
  failed: number;
  search: TimingSummary;
  echo: TimingSummary;
  p50Ratio: number;
  p99Ratio: number;
  targetP99Ms: number;
  targetMet: boolean;
}

function invoke(agent: Agent, baseUrl: string, body: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const outgoing = request(
      new URL('/api/messages', baseUrl),
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ ms: performance.now() - started, ok: response.statusCode === 200 && text.includes('"composeExtension"') });
        });
      },
    );
    outgoing.on('error', () => resolve({ ms: performance.now() - started, ok: false }));
    outgoing.end(body);
  });
}

const searchActivity = (serviceUrl: string, index: number) =>
  JSON.stringify({
    type: 'invoke',
    name: 'composeExtension/query',
    id: `search-${index}`,
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `search-conversation-${index % 50}`, conversationType: 'personal' },
    from: { id: `search-user-${index % 50}` },
    recipient: { id: 'bot', name: 'Förderlotse NRW' },
    value: { commandId: 'programmeSuchen', parameters: [{ name: 'suche', value: QUERIES[index % QUERIES.length] }] },
  });

/** Runs `count` calls of `one`, `CONCURRENT` at a time, and returns their times. */
async function concurrently(count: number, one: (index: number) => Promise<{ ms: number; ok: boolean }>) {
  const samples: number[] = [];
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (next < count) {
        const outcome = await one(next++);
        samples.push(outcome.ms);
        if (!outcome.ok) failed += 1;
      }
    }),
  );
  return { samples, failed };
}

export async function benchComposeSearch(): Promise<ComposeSearchResult> {
  const connector = await BenchConnector.start();
  const echo = await startNode([target('echoBot')], {});
  const full = await startNode([target('fullBot')], {}, { ipc: true });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT });
  try {
    await Promise.all([waitForHealthy(echo), waitForHealthy(full)]);
    const echoClient = new BotClient(echo.url, connector, CONCURRENT);
    const searchSamples: number[] = [];
    const echoSamples: number[] = [];
    let failed = 0;
    let counter = 0;
    for (let round = 0; round <= ROUNDS; round += 1) {
      const searches = await concurrently(PER_ROUND, () => invoke(agent, full.url, searchActivity(connector.url, counter++)));
      const turns = await concurrently(PER_ROUND, async (index) => {
        const id = `echo-${round}-${index}`;
        const outcome = await echoClient.say(`echo-conversation-${index % 50}`, `echo-user-${index % 50}`, id, 'Hallo', false);
        return { ms: outcome.ms, ok: outcome.ok };
      });
      // The first round warms both up and is not counted.
      if (round === 0) continue;
      searchSamples.push(...searches.samples);
      echoSamples.push(...turns.samples);
      failed += searches.failed;
    }
    echoClient.close();
    const search = summarize(searchSamples);
    const echoSummary = summarize(echoSamples);
    return {
      searches: searchSamples.length,
      failed,
      search,
      echo: echoSummary,
      p50Ratio: search.medianMs / echoSummary.medianMs,
      p99Ratio: search.p99Ms / echoSummary.p99Ms,
      targetP99Ms: COMPOSE_P99_TARGET_MS,
      targetMet: search.p99Ms <= COMPOSE_P99_TARGET_MS && failed === 0,
    };
  } finally {
    agent.destroy();
    await Promise.all([stop(echo), stop(full)]);
    await connector.close();
  }
}
