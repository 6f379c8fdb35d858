import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/load-config';
import { createApp } from './app.factory';
import { resolveDatabase } from './database/resolve-database';
import { limitHeapGrowth } from './limit-heap-growth';
import { stopOnSignals } from './stop-on-signals';

/**
 * Starts the service: configuration, database (embedded or DATABASE_URL, migrations run by
 * TypeORM at start), HTTP. On SIGINT/SIGTERM it stops accepting connections, lets in-flight
 * requests finish, closes the pool and then stops the embedded server.
 */
async function main(): Promise<void> {
  const logger = new Logger('Main');
  // A local .env is optional; real environment variables win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  limitHeapGrowth(config.heapGrowingPercent);
  if (config.jwt.usingDevelopmentSecret) {
    logger.warn('JWT_SECRET is not set: using the development default. Never do this in production.');
  }
  const database = await resolveDatabase(config, (message) => logger.log(message));

  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, database.url);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await database.stop();
    throw error;
  }
  logger.log(`Listening on http://${config.host}:${config.port} (docs at /docs)`);

  stopOnSignals(logger, 'draining requests and shutting down', async () => {
    await app.close();
    await database.stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
