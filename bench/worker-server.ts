import { once } from 'node:events';
import { resolve } from 'node:path';
import { benchAppEnv } from './app-server';
import { exitAsError, spawnNode, stopChild } from './server-process';

export interface WorkerProcess {
  pid: number;
  stop(): Promise<void>;
}

/**
 * The built delivery worker (`npm run worker`'s entry, dist/src/worker.main.js) as its own
 * process, with the app's settings, for BENCH_WEBHOOK_WORKER=process. Start it after the app:
 * the app runs the migrations. It says 'ready' over IPC once it polls.
 */
export async function startWorkerProcess(databaseUrl: string): Promise<WorkerProcess> {
  const entry = resolve(__dirname, '..', 'dist/src/worker.main.js');
  const child = spawnNode('worker', [entry], benchAppEnv(databaseUrl, true), { ipc: true });
  const worker = { pid: child.pid!, stop: () => stopChild(child) };
  try {
    await Promise.race([once(child, 'message'), exitAsError(child, 'webhook worker')]);
    child.disconnect(); // the IPC channel is only for the start-up message
    return worker;
  } catch (error) {
    await worker.stop();
    throw error;
  }
}
