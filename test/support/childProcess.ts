import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** How a child process ended: its code or signal, and whether SIGTERM was not enough. */
export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the process ignored SIGTERM for the grace period and had to be killed. */
  killed: boolean;
  /** Milliseconds from SIGTERM to exit (0 when it had already ended). */
  stopMs: number;
}

/** A child process of the test run whose output is kept and which is never left behind. */
export class ManagedProcess {
  private readonly chunks: string[] = [];
  private result: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  // If the test worker itself goes away, the child goes with it.
  private readonly killOnExit = () => this.child.kill('SIGKILL');

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => this.chunks.push(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.chunks.push(chunk));
    this.exited = new Promise((resolve) => {
      const end = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.result !== undefined) return;
        this.result = { code, signal };
        process.off('exit', this.killOnExit);
        resolve(this.result);
      };
      child.once('exit', end);
      // A command that cannot be started at all ends here, without an 'exit'.
      child.once('error', (error) => {
        this.chunks.push(`\n[child process error: ${error.message}]\n`);
        if (child.pid === undefined) end(null, null);
      });
    });
    process.once('exit', this.killOnExit);
  }

  static spawn(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ManagedProcess {
    return new ManagedProcess(spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process has ended. */
  get done(): boolean {
    return this.result !== undefined;
  }

  /** Everything the process wrote to stdout and stderr so far. */
  output(): string {
    return this.chunks.join('');
  }

  /** Resolves with what `read` finds for the output so far; rejects when the process ends first or time is up. */
  async waitForOutput<T>(read: (output: string) => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = read(this.output());
      if (found !== undefined) return found;
      if (this.result !== undefined)
        throw new Error(
          `${what}: the process ended (code ${this.result.code}, signal ${this.result.signal}) first. Output:\n${this.output()}`,
        );
      if (Date.now() > deadline) throw new Error(`${what}: nothing after ${timeoutMs} ms. Output:\n${this.output()}`);
      await sleep(25);
    }
  }

  /** SIGTERM, and SIGKILL if the process is still there after `graceMs`. */
  async stop(graceMs = 3000): Promise<Ended> {
    if (this.result !== undefined) return { ...this.result, killed: false, stopMs: 0 };
    const started = Date.now();
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      this.exited,
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), graceMs))),
    ]);
    clearTimeout(timer);
    if (ended !== undefined) return { ...ended, killed: false, stopMs: Date.now() - started };
    this.child.kill('SIGKILL');
    return { ...(await this.exited), killed: true, stopMs: Date.now() - started };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port on 127.0.0.1 that was free a moment ago (the caller must cope with losing a race for it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port from the operating system');
  return address.port;
}

/** Resolves once `url` answers 200; rejects when `process` ends first or time is up. */
export async function waitForHttp(url: string, child: ManagedProcess, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.done) throw new Error(`${what}: the process ended before ${url} answered. Output:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: ${url} did not answer 200 within ${timeoutMs} ms. Output:\n${child.output()}`);
    await sleep(50);
  }
}
