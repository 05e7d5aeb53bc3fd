import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BOT_ENTRY, target } from './build.js';
import { BenchConnector } from './connector.js';
import { BotClient, SimulatedUser, TEN_TURN_SCRIPTS } from './load.js';
import { ask, residentBytes, startNode, stop, waitForHealthy } from './processes.js';
import { Deadline, type TimingSummary, sleep, summarize } from './stats.js';

/**
 * Section 4: memory of the bot with file storage over 50,000 turns in 5,000 conversations of ten
 * turns. The bot runs as `npm start` runs it (node dist/src/index.js, STATE_STORAGE=file in a temp
 * folder, the real data/programmes.json); 64 conversations at a time. After every 10,000 turns the
 * load pauses and the bot's RSS is read from /proc/PID/status – once as it is, once after a full
 * garbage collection, for which a small probe is preloaded (bench/targets/memoryProbe.ts). The
 * target is judged on the figures after the collection.
 */

const CONVERSATIONS = 5000;
const CHECKPOINT_CONVERSATIONS = 1000;
const CONCURRENCY = 64;
const SECTION_BUDGET_MS = 420_000;

export interface MemoryCheckpoint {
  turns: number;
  conversations: number;
  rssBytes: number;
  rssAfterGcBytes: number;
  heapUsedAfterGcBytes: number;
  externalAfterGcBytes: number;
  batchSeconds: number;
}

export interface MemoryResult {
  conversations: number;
  turns: number;
  concurrency: number;
  failed: number;
  problems: Record<string, number>;
  durationSeconds: number;
  turnsPerSecond: number;
  latency: TimingSummary;
  checkpoints: MemoryCheckpoint[];
  growth20kTo50k: {
    rssBytes: number;
    rssShare: number;
    heapUsedAfterGcBytes: number;
    heapShare: number;
    rssAfterGcBytes: number;
    rssAfterGcShare: number;
  };
  stateFiles: { count: number; bytes: number };
  target: { maxGrowthShare: number; met: boolean };
  timedOut: boolean;
}

interface ProbeAnswer {
  memory: NodeJS.MemoryUsage;
  gc: boolean;
}

/** The files in the state folder and its key folders, and their bytes together. */
function folderSize(directory: string): { count: number; bytes: number } {
  const files = readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return { count: files.length, bytes: files.reduce((sum, file) => sum + statSync(join(file.parentPath, file.name)).size, 0) };
}

/** `conversations` only to try the measurement on fewer; `npm run bench` uses 5,000. */
export async function benchMemory(conversations = CONVERSATIONS): Promise<MemoryResult> {
  const section = new Deadline(SECTION_BUDGET_MS);
  const directory = mkdtempSync(join(tmpdir(), 'foerderlotse-bench-memory-'));
  const stateDir = join(directory, 'state');
  const connector = await BenchConnector.start();
  const bot = await startNode(
    ['--expose-gc', '--import', pathToFileURL(target('memoryProbe')).href, '--disable-warning=DEP0111', BOT_ENTRY],
    { STATE_STORAGE: 'file', STATE_DIR: stateDir, PROGRAMMES_FILE: 'data/programmes.json' },
    { ipc: true },
  );
  const client = new BotClient(bot.url, connector, CONCURRENCY);
  try {
    await waitForHealthy(bot);
    const pid = bot.child.pid ?? 0;
    const checkpoints: MemoryCheckpoint[] = [];
    const checkpoint = async (turns: number, conversations: number, batchSeconds: number) => {
      const rssBytes = residentBytes(pid);
      const probe = await ask<ProbeAnswer>(bot.child, 'measure');
      if (!probe.gc) throw new Error('memory probe: gc() not available in the bot process');
      // V8 hands freed pages back shortly after the collection.
      await sleep(200);
      checkpoints.push({
        turns,
        conversations,
        rssBytes,
        rssAfterGcBytes: residentBytes(pid),
        heapUsedAfterGcBytes: probe.memory.heapUsed,
        externalAfterGcBytes: probe.memory.external,
        batchSeconds,
      });
    };
    await checkpoint(0, 0, 0);

    const latencies: number[] = [];
    const problems: Record<string, number> = {};
    let failed = 0;
    let turns = 0;
    let conversationsDone = 0;
    const started = performance.now();
    // Each conversation is one user talking through one ten-turn script; 64 run at a time.
    for (let batchStart = 0; batchStart < conversations && !section.passed; batchStart += CHECKPOINT_CONVERSATIONS) {
      const batchStarted = performance.now();
      let next = batchStart;
      const batchEnd = Math.min(conversations, batchStart + CHECKPOINT_CONVERSATIONS);
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < batchEnd && !section.passed) {
            const number = next;
            next += 1;
            const script = TEN_TURN_SCRIPTS[number % TEN_TURN_SCRIPTS.length] ?? [];
            const user = new SimulatedUser(`mem-${number}`, [script], 0);
            for (let turn = 0; turn < script.length && !section.passed; turn += 1) {
              const outcome = await user.next(client, true);
              latencies.push(outcome.ms);
              turns += 1;
              if (!outcome.ok) {
                failed += 1;
                const problem = outcome.problem ?? 'Fehler';
                problems[problem] = (problems[problem] ?? 0) + 1;
              }
            }
            conversationsDone += 1;
          }
        }),
      );
      await checkpoint(turns, conversationsDone, (performance.now() - batchStarted) / 1000);
    }
    const durationSeconds = (performance.now() - started) / 1000;

    const at = (count: number) => checkpoints.find((point) => point.turns === count);
    const from = at(20_000);
    const to = at(50_000);
    const change = (read: (point: MemoryCheckpoint) => number) =>
      from && to ? { bytes: read(to) - read(from), share: (read(to) - read(from)) / read(from) } : { bytes: Number.NaN, share: Number.NaN };
    const rss = change((point) => point.rssBytes);
    const heap = change((point) => point.heapUsedAfterGcBytes);
    const rssAfterGc = change((point) => point.rssAfterGcBytes);
    const growth = {
      rssBytes: rss.bytes,
      rssShare: rss.share,
      heapUsedAfterGcBytes: heap.bytes,
      heapShare: heap.share,
      rssAfterGcBytes: rssAfterGc.bytes,
      rssAfterGcShare: rssAfterGc.share,
    };
    // Flat: from 20,000 to 50,000 turns neither the process's RSS nor the JavaScript heap grows by more
    // than 5 %, both read after a full collection. RSS as it happens to be at a checkpoint depends on
    // when V8 last collected (it moved by ±60 MB between checkpoints of equal load) and is shown, not judged.
    const maxGrowthShare = 0.05;
    return {
      conversations: conversationsDone,
      turns,
      concurrency: CONCURRENCY,
      failed,
      problems,
      durationSeconds,
      turnsPerSecond: turns / durationSeconds,
      latency: summarize(latencies),
      checkpoints,
      growth20kTo50k: growth,
      stateFiles: folderSize(stateDir),
      target: { maxGrowthShare, met: growth.rssAfterGcShare <= maxGrowthShare && growth.heapShare <= maxGrowthShare },
      timedOut: section.passed,
    };
  } finally {
    client.close();
    await stop(bot);
    await connector.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
