import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

export interface ServerProcess {
  name: string;
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

/** PATH and friends only: the servers' settings must not leak in from the caller's shell. */
export function baseEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];
  return Object.fromEntries(keep.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
}

/**
 * A Node server as a child process. It gets its own process group, so a Ctrl-C in the
 * terminal reaches only the harness, which then stops it in order (SIGTERM, then SIGKILL).
 * Its stdout goes to the harness's stderr: stdout is kept for the summary.
 */
export function spawnNode(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { ipc?: boolean; cwd?: string } = {},
): ChildProcess {
  const child = spawn(process.execPath, args, {
    env,
    cwd: options.cwd,
    detached: true,
    stdio: options.ipc ? ['ignore', 2, 2, 'ipc'] : ['ignore', 2, 2],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return child;
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Rejects as soon as the child exits: raced against a wait for readiness. Marked handled, so
 * a later exit (the normal stop) is not an unhandled rejection.
 */
export function exitAsError(child: ChildProcess, name: string): Promise<never> {
  const failed = once(child, 'exit').then(([code, signal]): never => {
    throw new Error(`${name} exited during start-up (code ${String(code)}, signal ${String(signal)})`);
  });
  failed.catch(() => undefined);
  return failed;
}

/** SIGTERM, then SIGKILL if it is still running after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const outcome = await Promise.race([exited.then(() => 'exited'), delay(graceMs).then(() => 'timeout')]);
  if (outcome === 'timeout' && !hasExited(child)) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
export async function waitForOk(url: string, child: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const failed = exitAsError(child, name);
  while (Date.now() < deadline) {
    if (hasExited(child)) await failed;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new Error(`${name} did not answer 200 on ${url} within ${timeoutMs / 1000} s`);
}
