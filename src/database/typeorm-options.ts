import { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { types } from 'pg';
import { AppConfig } from '../../config/app-config';
import { ALL_MIGRATIONS } from '../../migrations';
import { ALL_ENTITIES } from './entities';
import { SnakeCaseNamingStrategy } from './snake-case-naming.strategy';

// Calendar dates stay 'YYYY-MM-DD' strings: pg's default turns them into local-midnight Dates,
// which shifts the day in zones west of UTC.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * TypeORM settings shared by the app and the migration CLI. The schema is owned by the
 * migrations in `migrations/`, run at start-up; `synchronize` stays off.
 */
export function typeOrmOptions(config: AppConfig, url: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url,
    entities: ALL_ENTITIES,
    namingStrategy: new SnakeCaseNamingStrategy(),
    migrations: ALL_MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // Fail fast at start-up instead of retrying for minutes; /health reports later outages.
    retryAttempts: 2,
    retryDelay: 500,
    extra: {
      max: config.database.poolSize,
      connectionTimeoutMillis: 5000,
      application_name: 'customer-update-api',
    },
  };
}
