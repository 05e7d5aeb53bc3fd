import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { sleep } from './stats.js';

/** Child processes of the measurements: started on loopback ports, waited for, stopped, measured. */

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Started {
  child: ChildProcess;
  port: number;
  url: string;
  /** performance.now() just before the spawn. */
  spawnedAt: number;
  /** The last lines the process wrote to stderr, for error messages. */
  stderr: () => string;
}

/** Starts `node ...args` with the environment plus PORT/HOST on loopback; stdout is dropped. */
export async function startNode(args: readonly string[], env: Record<string, string>, options: { ipc?: boolean } = {}): Promise<Started> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  return { child, port, url: `http://127.0.0.1:${port}`, spawnedAt, stderr: () => stderr };
}

function healthStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = get(`${url}/healthz`, { timeout: 1000, agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** Polls /healthz every `intervalMs` until it answers 200; returns when that was, or throws after `timeoutMs`. */
export async function waitForHealthy(started: Started, timeoutMs = 30_000, intervalMs = 2): Promise<number> {
  const end = performance.now() + timeoutMs;
  let exited = false;
  started.child.once('exit', () => void (exited = true));
  while (performance.now() < end) {
    if ((await healthStatus(started.url)) === 200) return performance.now();
    if (exited) break;
    await sleep(intervalMs);
  }
  throw new Error(`process did not become healthy (${exited ? 'exited' : 'timeout'}): ${started.stderr().trim()}`);
}

export async function stop(started: Started, timeoutMs = 5000): Promise<void> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Resident set size of a process in bytes, from /proc/PID/status (VmRSS). */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Sends a message to a child with an IPC channel and waits (bounded) for its next answer. */
export async function ask<T>(child: ChildProcess, message: string, timeoutMs = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no answer to "${message}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (answer: unknown) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(answer as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/PID/stat (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks * 10;
}
