/*
 * The raw baselines as a program of their own (started by ../raw-server.ts): bare Fastify and
 * a pg Pool running the app's SQL with named prepared statements, no auth, rules or framework.
 * It tells its parent the port over IPC when listening.
 */
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { Pool, types } from 'pg';
import { objectPatchRoutes } from './object-patch';
import { objectReadRoutes } from './object-reads';
import { recordRoutes } from './record-routes';

// Fastify is a dependency of @nestjs/platform-fastify: load the copy the app runs on.
const fastify = createRequire(require.resolve('@nestjs/platform-fastify'))('fastify') as (options: {
  logger: boolean;
}) => FastifyInstance;

// As the app (src/database/typeorm-options.ts): calendar dates stay 'YYYY-MM-DD', and go back so.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.RAW_DATABASE_URL, max: Number(process.env.RAW_POOL_SIZE ?? 10) });
  // A connection the server drops (e.g. at shutdown) fails its query; it must not crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const app = fastify({ logger: false });
  for (const type of ['application/merge-patch+json', 'application/json-patch+json']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  }
  objectPatchRoutes(app, pool);
  objectReadRoutes(app, pool);
  recordRoutes(app, pool);

  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());

  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  const address = app.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
