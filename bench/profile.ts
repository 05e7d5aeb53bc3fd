import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTargets, ensureBuild, target } from './build.js';
import { BenchConnector } from './connector.js';
import { BotClient, MIXED_SCRIPTS, SimulatedUser, runPhase } from './load.js';
import { startNode, waitForHealthy } from './processes.js';

/**
 * `npm run bench:profile [-- --storage=memory]`: where a turn's time goes. Runs the Förderlotse
 * (bench/targets/fullBot, by default with the `file` storage as in production) and the dialog echo
 * bot, one after the other, under the load of `npm run bench` (32 users, whole conversations) with
 * `node --cpu-prof`. Counts only the samples of the measured turns (not start-up or warm-up) and
 * prints the CPU time per turn by area (our code, each package, Node's internals, garbage
 * collection) side by side, then the Förderlotse's functions that take the most time themselves.
 */

const USERS = 32;
const WARM_UP_TURNS = 25;
const TURNS = 100;
const TOP = 20;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface Measured {
  turns: number;
  failed: number;
  byFunction: Map<string, number>;
  byArea: Map<string, number>;
  totalUs: number;
}

/** The part of the program a function belongs to: a package, our folders, Node itself. */
function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'Node (nativ)';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage !== null) return inPackage[1] ?? url;
  if (url.startsWith('node:')) return `Node: ${url.slice('node:'.length).split('/')[0]}`;
  const ours = /\/dist\/((?:src\/[^/]+|dialogs|bench))/.exec(url);
  return ours !== null ? (ours[1] ?? url) : url;
}

/** Self time per function and per area of the samples taken between `fromUs` and `toUs` (the monotonic clock both V8 and process.hrtime read). */
function selfTimes(profile: CpuProfile, fromUs: number, toUs: number): Omit<Measured, 'turns' | 'failed'> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let totalUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    const node = nodes.get(id);
    if (at < fromUs || at > toUs || node === undefined || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonym)'} ${url === '' ? '' : `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + delta);
    totalUs += delta;
  });
  return { byFunction, byArea, totalUs };
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Runs one bot under load with the profiler on and returns the measured turns' CPU time. */
async function profile(script: string, env: Record<string, string>, checkResults: boolean, connector: BenchConnector): Promise<Measured> {
  const profileDir = mkdtempSync(join(tmpdir(), 'foerderlotse-profile-'));
  const bot = await startNode(['--cpu-prof', '--cpu-prof-dir', profileDir, script], env, { ipc: true });
  try {
    await waitForHealthy(bot);
    const client = new BotClient(bot.url, connector, USERS);
    const users = Array.from({ length: USERS }, (_, index) => new SimulatedUser(`p${index}`, MIXED_SCRIPTS, index));
    await runPhase(client, users, WARM_UP_TURNS, checkResults, 60_000);
    const from = nowUs();
    const measured = await runPhase(client, users, TURNS, checkResults, 120_000);
    const to = nowUs();
    client.close();
    const exited = once(bot.child, 'exit');
    bot.child.send('exit');
    await exited;
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error('no CPU profile written');
    const times = selfTimes(JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile, from, to);
    return { turns: measured.turns, failed: measured.failed, ...times };
  } finally {
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    rmSync(profileDir, { recursive: true, force: true });
  }
}

const decimal = (value: number, digits: number) => value.toFixed(digits).replace('.', ',');
const msPerTurn = (us: number, turns: number) => decimal(us / 1000 / turns, 3).padStart(7);
const share = (part: number, total: number) => `${decimal((100 * part) / total, 1)} %`.padStart(7);

const storage = process.argv.find((argument) => argument.startsWith('--storage='))?.slice('--storage='.length) ?? 'file';
ensureBuild();
buildTargets();
const stateDir = mkdtempSync(join(tmpdir(), 'foerderlotse-state-'));
const connector = await BenchConnector.start();
try {
  const full = await profile(target('fullBot'), storage === 'file' ? { STATE_DIR: stateDir } : {}, true, connector);
  const echo = await profile(target('dialogEchoBot'), {}, false, connector);
  console.log(
    `CPU-Profil unter Last (${USERS} Nutzer, ganze Gespräche), nur die gemessenen Turns, ohne Leerlauf:\n` +
      `  Förderlotse (Speicher: ${storage}): ${msPerTurn(full.totalUs, full.turns).trim()} ms je Turn (${full.turns} Turns, Fehler: ${full.failed})\n` +
      `  Dialog-Echo-Bot:                ${msPerTurn(echo.totalUs, echo.turns).trim()} ms je Turn (${echo.turns} Turns, Fehler: ${echo.failed})\n` +
      `  Verhältnis: ${decimal(full.totalUs / full.turns / (echo.totalUs / echo.turns), 2)}×\n`,
  );
  console.log('ms je Turn nach Bereich (Eigenzeit):  Förderlotse  Echo   Differenz');
  const areas = [...new Set([...full.byArea.keys(), ...echo.byArea.keys()])]
    .map((area) => ({ area, full: full.byArea.get(area) ?? 0, echo: echo.byArea.get(area) ?? 0 }))
    .sort((a, b) => b.full / full.turns - b.echo / echo.turns - (a.full / full.turns - a.echo / echo.turns))
    .slice(0, 18);
  for (const row of areas) {
    const difference = row.full / full.turns - row.echo / echo.turns;
    console.log(
      `  ${row.area.padEnd(32)} ${msPerTurn(row.full, full.turns)} ${msPerTurn(row.echo, echo.turns)} ${(difference >= 0 ? '+' : '') + decimal(difference / 1000, 3)}`,
    );
  }
  console.log(`\nDie ${TOP} Funktionen des Förderlotsen mit der meisten Eigenzeit:`);
  for (const [name, us] of [...full.byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`  ${share(us, full.totalUs)}  ${name}`);
  }
  console.log(`\nDie ${TOP} Funktionen unseres Codes (src/, dialogs/) mit der meisten Eigenzeit:`);
  for (const [name, us] of [...full.byFunction.entries()]
    .filter(([name]) => / dist\/(src|dialogs)\//.test(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)) {
    console.log(`  ${msPerTurn(us, full.turns)} ms  ${name}`);
  }
} finally {
  await connector.close();
  rmSync(stateDir, { recursive: true, force: true });
}
