import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first healthy answer. */
  bootMs: number;
  /** Resolves once the process has exited. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
/** Whatever happens to the benchmark, its server does not outlive it. */
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Starts `server/src/main.ts` as one node process (`node --import tsx`, no tsx wrapper, so the pid
 * is the server's own for /proc sampling), logging to `logPath`, and waits for /api/health.
 */
export async function startServer(opts: { cwd: string; env: NodeJS.ProcessEnv; logPath: string; timeoutMs?: number }): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = openSync(opts.logPath, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: opts.cwd,
    env: { ...opts.env, HOST: '127.0.0.1', PORT: String(port), DEMO_SEED: 'false' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  live.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code ?? -1));

  const stop = async () => {
    if (exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with code ${exitCode} before it was ready:\n${tail(opts.logPath)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not healthy after ${opts.timeoutMs ?? 120_000} ms:\n${tail(opts.logPath)}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid: child.pid!, baseUrl, bootMs: performance.now() - started, exited, stop };
}

function tail(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Samples a process's resident memory and CPU time from /proc (Linux) while a run lasts. */
export class ProcessSampler {
  private timer: NodeJS.Timeout | undefined;
  private peakKb = 0;
  private cpuStart = 0;
  private wallStart = 0;

  constructor(private readonly pid: number) {}

  rssKb(): number {
    try {
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  }

  /** utime + stime in clock ticks (100 per second on Linux). */
  cpuTicks(): number {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  }

  start(intervalMs = 100): void {
    this.peakKb = this.rssKb();
    this.cpuStart = this.cpuTicks();
    this.wallStart = performance.now();
    this.timer = setInterval(() => {
      this.peakKb = Math.max(this.peakKb, this.rssKb());
    }, intervalMs);
  }

  /** Peak RSS in MiB and the CPU the process used, in % of one core. */
  stop(): { peakRssMb: number; cpuPercent: number } {
    clearInterval(this.timer);
    this.peakKb = Math.max(this.peakKb, this.rssKb());
    const seconds = (performance.now() - this.wallStart) / 1000;
    const cpuSeconds = (this.cpuTicks() - this.cpuStart) / 100;
    return { peakRssMb: this.peakKb / 1024, cpuPercent: seconds > 0 ? (100 * cpuSeconds) / seconds : 0 };
  }
}
