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
 * (bench/targets/fullBot, by default with the `file` storage as in production) under the load of
 * `npm run bench` (32 users, whole conversations) with `node --cpu-prof`, then prints its CPU time by
 * area (our code, each package, Node's internals, garbage collection) and the functions that take
 * the most of it themselves.
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
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
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

function selfTimes(profile: CpuProfile): { byFunction: Map<string, number>; byArea: Map<string, number>; totalUs: number } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (node === undefined || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonym)'} ${url === '' ? '' : `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + delta);
    totalUs += delta;
  });
  return { byFunction, byArea, totalUs };
}

const share = (part: number, total: number) => `${((100 * part) / total).toFixed(1).replace('.', ',')} %`.padStart(7);
const top = (times: Map<string, number>, count: number) => [...times.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);

const storage = process.argv.find((argument) => argument.startsWith('--storage='))?.slice('--storage='.length) ?? 'file';
ensureBuild();
buildTargets();
const profileDir = mkdtempSync(join(tmpdir(), 'foerderlotse-profile-'));
const stateDir = mkdtempSync(join(tmpdir(), 'foerderlotse-state-'));
const connector = await BenchConnector.start();
const bot = await startNode(
  ['--cpu-prof', '--cpu-prof-dir', profileDir, target('fullBot')],
  storage === 'file' ? { STATE_DIR: stateDir } : {},
  { ipc: true },
);
try {
  await waitForHealthy(bot);
  const client = new BotClient(bot.url, connector, USERS);
  const users = Array.from({ length: USERS }, (_, index) => new SimulatedUser(`p${index}`, MIXED_SCRIPTS, index));
  await runPhase(client, users, WARM_UP_TURNS, true, 60_000);
  const measured = await runPhase(client, users, TURNS, true, 120_000);
  client.close();
  const exited = once(bot.child, 'exit');
  bot.child.send('exit');
  await exited;
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('no CPU profile written');
  const { byFunction, byArea, totalUs } = selfTimes(JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile);
  const turns = WARM_UP_TURNS * USERS + measured.turns;
  console.log(
    `CPU-Profil des Förderlotsen (Speicher: ${storage}), ${turns} Turns von ${USERS} Nutzern: ${(totalUs / 1000 / turns).toFixed(2).replace('.', ',')} ms CPU je Turn (ohne Leerlauf), Fehler: ${measured.failed}\n`,
  );
  console.log('Nach Bereich (Eigenzeit):');
  for (const [area, us] of top(byArea, 15)) console.log(`  ${share(us, totalUs)}  ${area}`);
  console.log(`\nDie ${TOP} Funktionen mit der meisten Eigenzeit:`);
  for (const [name, us] of top(byFunction, TOP)) console.log(`  ${share(us, totalUs)}  ${name}`);
} finally {
  if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  await connector.close();
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}
