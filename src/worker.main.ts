import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../config/load-config';
import { limitHeapGrowth } from './limit-heap-growth';
import { nestLogger } from './nest-logger';
import { stopOnSignals } from './stop-on-signals';
import { WorkerModule } from './worker.module';

/**
 * `npm run worker`: only the webhook delivery worker, in a process of its own, so that signing
 * and sending deliveries does not take CPU from the API's requests. Run the API with
 * WEBHOOK_DELIVERY=off and as many workers as you like (they share the outbox safely), with the
 * same DATABASE_URL and WEBHOOK_* settings. On SIGINT/SIGTERM it finishes and records the batch
 * in flight, then exits.
 */
async function main(): Promise<void> {
  const logger = new Logger('Worker');
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  limitHeapGrowth(config.heapGrowingPercent);
  // The embedded server belongs to the app process that started it; a worker joins a shared one.
  if (!config.database.url) throw new Error('DATABASE_URL is required: the worker sends the outbox of a database the app also uses');
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, config.database.url), {
    logger: nestLogger(config),
    abortOnError: false,
  });
  await worker.init();
  logger.log('delivering webhooks');
  // A supervisor that started it with an IPC channel (the bench, pm2's wait_ready) learns it runs.
  process.send?.('ready');

  stopOnSignals(logger, 'finishing the batch in flight', () => worker.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
