import { Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../../config/load-config';
import { createApp } from '../../src/app.factory';
import { TEST_JWT_SECRET } from './tokens';

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  JWT_SECRET: TEST_JWT_SECRET,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_IP: '1000000',
  RATE_LIMIT_PER_TOKEN: '1000000',
};

/**
 * The real application (same factory as main.ts) on the test database, ready for
 * `app.inject()`, which drives the full Fastify request lifecycle.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { extraModules?: Type[]; databaseUrl?: string } = {},
): Promise<NestFastifyApplication> {
  const config = loadConfig({ ...TEST_ENV, ...env });
  const app = await createApp(config, options.databaseUrl ?? process.env.TEST_DATABASE_URL!, {
    extraModules: options.extraModules,
    silent: true,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
