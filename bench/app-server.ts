import { resolve } from 'node:path';
import { findFreePort } from '../src/database/free-port';
import { baseEnv, ServerProcess, spawnNode, stopChild, waitForOk } from './server-process';

export const BENCH_JWT_SECRET = 'bench-only-jwt-secret-0123456789abcdefghijklmnop';

/** The app's WEBHOOK_DELIVERY: `off` when a worker process sends its webhooks (BENCH_WEBHOOK_WORKER=process). */
export type AppDelivery = 'in-process' | 'off';

/** The settings the app and the delivery worker share (the worker reads the same variables). */
export function benchAppEnv(databaseUrl: string, webhooks: boolean): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    // Required in production; the bench's own fixed value (it encrypts only bench subscriptions).
    WEBHOOK_SECRET_KEY: 'bench-only-webhook-secret-key-0123456789abcdef',
    LOG_LEVEL: 'warn',
    // The bench's receiver listens on loopback over plain HTTP.
    ...(webhooks ? { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' } : {}),
  };
}

/**
 * The built app (`npm run build` first), as in production; migrations run while it starts.
 * `nodeArgs` go before the entry point (BENCH_APP_NODE_ARGS, e.g. `--cpu-prof`); `webhooks`
 * lets it deliver to the bench's loopback receiver, itself or (`delivery: 'off'`) through a
 * worker process (worker-server.ts).
 */
export async function startAppServer(
  databaseUrl: string,
  nodeArgs: string[] = [],
  webhooks = false,
  delivery: AppDelivery = 'in-process',
): Promise<ServerProcess> {
  const entry = resolve(__dirname, '..', 'dist/src/main.js');
  const port = await findFreePort();
  const child = spawnNode('app', [...nodeArgs, entry], {
    ...benchAppEnv(databaseUrl, webhooks),
    HOST: '127.0.0.1',
    PORT: String(port),
    RATE_LIMIT_PER_IP: '100000000',
    RATE_LIMIT_PER_TOKEN: '100000000',
    WEBHOOK_DELIVERY: delivery,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ServerProcess = { name: 'app', pid: child.pid!, baseUrl, stop: () => stopChild(child) };
  try {
    await waitForOk(`${baseUrl}/health`, child, 'app');
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
