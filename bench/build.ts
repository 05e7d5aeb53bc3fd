import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The processes the measurements start run built JavaScript, so that no TypeScript compilation
 * counts: the bot as `npm start` runs it (dist/src/index.js, built here when missing or older than
 * a source) and the bench's own targets in bench/targets/, transpiled to dist/bench/targets/ next to it.
 */

const SOURCE_FOLDERS = ['src', 'dialogs'];
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];
export const BOT_ENTRY = 'dist/src/index.js';
export const TARGETS_DIR = 'dist/bench/targets';
/** Written after each build of dist/ from here: tsc's incremental build leaves unchanged outputs untouched. */
const BUILD_STAMP = 'dist/bench/.built';

function newestSource(folder: string): number {
  let newest = 0;
  const stack = [folder];
  // Bounded walk: the source tree has a few hundred files.
  for (let visited = 0; stack.length > 0 && visited < 10_000; visited += 1) {
    const current = stack.pop() ?? '';
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

const mtime = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/** Builds dist/ with `tsc -p tsconfig.build.json` (what `npm run build` does) when it is missing or stale. */
export function ensureBuild(): { built: boolean; ms: number } {
  const newest = Math.max(...SOURCE_FOLDERS.map(newestSource), ...BUILD_INPUTS.map(mtime));
  if (mtime(BOT_ENTRY) > 0 && mtime(BUILD_STAMP) >= newest) return { built: false, ms: 0 };
  const started = performance.now();
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error('npm run build (tsc -p tsconfig.build.json) failed');
  mkdirSync('dist/bench', { recursive: true });
  writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
  return { built: true, ms: performance.now() - started };
}

/** Transpiles bench/targets/*.ts to dist/bench/targets/*.js (type-checked with the rest by `tsc --noEmit`). */
export function buildTargets(): void {
  mkdirSync(TARGETS_DIR, { recursive: true });
  for (const name of readdirSync('bench/targets').filter((file) => file.endsWith('.ts'))) {
    const output = ts.transpileModule(readFileSync(join('bench/targets', name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: name,
    });
    writeFileSync(join(TARGETS_DIR, name.replace(/\.ts$/, '.js')), output.outputText);
  }
}

export const target = (name: 'echoBot' | 'dialogEchoBot' | 'fullBot' | 'memoryProbe') => join(TARGETS_DIR, `${name}.js`);
