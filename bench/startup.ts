import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOT_ENTRY, target } from './build.js';
import { generateProgrammeEntries } from './programmeGenerator.js';
import { type Started, startNode, stop, waitForHealthy } from './processes.js';
import { Deadline, median } from './stats.js';

/**
 * Section 3: start-up time, from spawning the process to the first 200 from /healthz. The bot is
 * started as `npm start` does it (node dist/src/index.js) with 2,500 generated programmes; the
 * baseline is the echo bot (restify + CloudAdapter, built the same way); for orientation the dialog
 * echo bot (the same plus botbuilder-dialogs and state: the least a bot on this stack loads) and a bare
 * node http server. Each is started several times, alternating, after one unmeasured start each.
 */

const PROGRAMMES = 2500;
const REPEATS = 7;
const SECTION_BUDGET_MS = 120_000;
const NODE_FLAGS = ['--disable-warning=DEP0111'];
const BARE_SERVER =
  'require(\'node:http\').createServer((q, s) => s.end(\'{"status":"ok"}\')).listen(Number(process.env.PORT), process.env.HOST)';

type Kind = 'bot' | 'echo' | 'dialogs' | 'bare';

export interface StartupResult {
  programmes: number;
  repeats: number;
  medianMs: Record<Kind, number>;
  samplesMs: Record<Kind, number[]>;
  ratio: number;
  /** The bot against the dialog echo bot. */
  ratioToDialogs: number;
  target: { factor: number; met: boolean };
}

export async function benchStartup(): Promise<StartupResult> {
  const section = new Deadline(SECTION_BUDGET_MS);
  const directory = mkdtempSync(join(tmpdir(), 'foerderlotse-bench-start-'));
  const file = join(directory, 'programmes.json');
  writeFileSync(file, JSON.stringify({ programmes: generateProgrammeEntries(PROGRAMMES) }));
  const commands: Record<Kind, { args: string[]; env: Record<string, string> }> = {
    bot: { args: [...NODE_FLAGS, BOT_ENTRY], env: { PROGRAMMES_FILE: file, STATE_STORAGE: 'file', STATE_DIR: join(directory, 'state') } },
    echo: { args: [...NODE_FLAGS, target('echoBot')], env: {} },
    dialogs: { args: [...NODE_FLAGS, target('dialogEchoBot')], env: {} },
    bare: { args: [...NODE_FLAGS, '-e', BARE_SERVER], env: {} },
  };

  const startOnce = async (kind: Kind): Promise<number> => {
    const { args, env } = commands[kind];
    let started: Started | undefined;
    try {
      started = await startNode(args, env);
      const healthyAt = await waitForHealthy(started, 30_000, 1);
      return healthyAt - started.spawnedAt;
    } finally {
      if (started !== undefined) await stop(started);
    }
  };

  const samples: Record<Kind, number[]> = { bot: [], echo: [], dialogs: [], bare: [] };
  try {
    // One unmeasured start each fills the file system cache.
    for (const kind of ['bare', 'echo', 'dialogs', 'bot'] as const) await startOnce(kind);
    for (let repeat = 0; repeat < REPEATS && (repeat === 0 || !section.passed); repeat += 1) {
      const order: Kind[] = repeat % 2 === 0 ? ['echo', 'bot', 'dialogs', 'bare'] : ['bot', 'echo', 'dialogs', 'bare'];
      for (const kind of order) samples[kind].push(await startOnce(kind));
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }

  const medianMs = { bot: median(samples.bot), echo: median(samples.echo), dialogs: median(samples.dialogs), bare: median(samples.bare) };
  const ratio = medianMs.bot / medianMs.echo;
  return {
    programmes: PROGRAMMES,
    repeats: samples.bot.length,
    medianMs,
    samplesMs: samples,
    ratio,
    ratioToDialogs: medianMs.bot / medianMs.dialogs,
    target: { factor: 1.5, met: ratio <= 1.5 },
  };
}
