import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../migrations';
import { runningEmbeddedPostgresUrl } from '../src/database/embedded-postgres.launcher';
import { loadConfig } from './load-config';
import { ALL_ENTITIES } from '../src/database/entities';
import { SnakeCaseNamingStrategy } from '../src/database/snake-case-naming.strategy';

/**
 * DataSource for the TypeORM CLI: `npm run migration:show|run|revert`, and
 * `npm run migration:generate -- migrations/<timestamp>-<what-it-does>` (then list the new
 * class in migrations/index.ts). It uses DATABASE_URL (from the environment or `.env`), else
 * the embedded server a running `npm start` uses. It does not start one itself: the CLI has no
 * moment to stop it again. The app runs pending migrations at start-up anyway.
 */
async function cliDataSource(): Promise<DataSource> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const url = config.database.url ?? (await runningEmbeddedPostgresUrl(config.database.embeddedDataDir));
  if (!url) {
    throw new Error(`No database: set DATABASE_URL, or start the service (npm start) so its embedded PostgreSQL in ${config.database.embeddedDataDir} runs.`);
  }
  return new DataSource({
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    namingStrategy: new SnakeCaseNamingStrategy(),
    migrations: ALL_MIGRATIONS,
    migrationsTransactionMode: 'each',
  });
}

export default cliDataSource();
