import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { types } from 'pg';
import { AppConfig } from '../../config/app-config';
import { ALL_MIGRATIONS } from '../../migrations';
import { BoundedClient, BoundedClientConfig } from './bounded-client';
import { ALL_ENTITIES } from './entities';
import { buildRowTemplatesByAssignment } from './pg-row-template';
import { SnakeCaseNamingStrategy } from './snake-case-naming.strategy';
import { registerTimestamptzParser } from './timestamps';

// Calendar dates stay 'YYYY-MM-DD' strings: pg's default turns them into local-midnight Dates,
// which shifts the day in zones west of UTC.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// Instants as pg reads them, in a third of its time (see timestamps.ts).
registerTimestamptzParser();
// Each statement's row template in a few µs instead of twenty (see pg-row-template.ts).
buildRowTemplatesByAssignment();

/**
 * The app's TypeORM settings (the migration CLI has its own, config/data-source.ts). The schema
 * is owned by the migrations in `migrations/`, run at start-up under a lock (openMigrated);
 * `synchronize` stays off.
 */
export function typeOrmOptions(config: AppConfig, url: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    namingStrategy: new SnakeCaseNamingStrategy(),
    migrations: ALL_MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // Fail fast at start-up instead of retrying for minutes; /health reports later outages.
    retryAttempts: 2,
    retryDelay: 500,
    extra: { ...boundedPool(config.database.timeoutMs), max: config.database.poolSize, application_name: 'customer-update-api' },
  };
}

/**
 * Pool settings that bound every wait for the database by DATABASE_TIMEOUT_MS (API.md §1.10):
 * opening a connection and waiting for a pooled one (pg-pool uses `connectionTimeoutMillis` for
 * both), and each statement. The server cancels a slow statement itself (`statement_timeout`,
 * 57014), which keeps the connection usable; it is set a little below the bound so that it wins
 * whenever the server is alive. The client-side bound only fires when the server does not answer
 * at all (frozen, or the network stalls). A session left idle inside a transaction (a request
 * stuck between its statements) is ended by the server too, so it cannot hold row locks.
 * Migrations run at start under the same bounds: one that needs longer runs with the TypeORM CLI
 * (config/data-source.ts), which has none.
 */
function boundedPool(timeoutMs: number): BoundedClientConfig & { Client: typeof BoundedClient } {
  const serverMargin = Math.min(250, Math.floor(timeoutMs / 4));
  return {
    Client: BoundedClient,
    connectionTimeoutMillis: timeoutMs,
    readTimeoutMs: timeoutMs,
    statement_timeout: timeoutMs - serverMargin,
    idle_in_transaction_session_timeout: timeoutMs,
    // Lets the kernel notice a peer that vanished (host down, connection dropped by a firewall).
    keepAlive: true,
  };
}
