import { once } from 'node:events';
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import { benchAppEnv } from './app-server';
import { exitAsError, spawnNode, stopChild } from './server-process';

export interface WorkerProcess {
  pid: number;
  stop(): Promise<void>;
}

/**
 * The built delivery worker (`npm run worker`'s entry, dist/src/worker.main.js) as its own
 * process, with the app's settings and a lower CPU priority, for BENCH_WEBHOOK_WORKER=process. Start it after the app:
 * the app runs the migrations. It says 'ready' over IPC once it polls.
 */
export async function startWorkerProcess(databaseUrl: string): Promise<WorkerProcess> {
  const entry = resolve(__dirname, '..', 'dist/src/worker.main.js');
  const child = spawnNode('worker', [entry], benchAppEnv(databaseUrl, true), { ipc: true });
  const worker = { pid: child.pid!, stop: () => stopChild(child) };
  // As `nice -n 10 npm run worker` would: when the cores are contended, the API's requests go
  // first and deliveries wait (they are asynchronous anyway); on idle cores it changes nothing.
  setPriority(child.pid!, 10);
  try {
    await Promise.race([once(child, 'message'), exitAsError(child, 'webhook worker')]);
    child.disconnect(); // the IPC channel is only for the start-up message
    return worker;
  } catch (error) {
    await worker.stop();
    throw error;
  }
}
