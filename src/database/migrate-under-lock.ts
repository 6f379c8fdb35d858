import { DataSource, DataSourceOptions } from 'typeorm';
import { PreparedStatement } from './prepared-statement';

/** The advisory lock key migrations run under: any constant the app's other locks do not use. */
const MIGRATION_LOCK_KEY = 0x6375_6d69; // "cumi"

const LOCK = new PreparedStatement('migrations.lock', 'SELECT pg_advisory_lock(:key)');
const UNLOCK = new PreparedStatement('migrations.unlock', 'SELECT pg_advisory_unlock(:key)');

/**
 * Opens the data source and runs the pending migrations while holding a PostgreSQL advisory
 * lock, so that N instances starting at once on one database (README "Running several
 * instances") migrate it once: the first runs them, the others wait for the lock and then
 * find nothing pending. TypeORM's own `migrationsRun` has no such lock, and two instances
 * creating the same table at once would stop one of them.
 *
 * The wait for the lock has no statement timeout (another instance may be mid-migration for
 * longer than DATABASE_TIMEOUT_MS); the migrations themselves keep the pool's bounds.
 */
export async function openMigrated(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.connect();
    await lockHolder.query('SET statement_timeout = 0');
    await LOCK.run(lockHolder.manager, { key: MIGRATION_LOCK_KEY });
    await dataSource.runMigrations({ transaction: 'each' });
    await UNLOCK.run(lockHolder.manager, { key: MIGRATION_LOCK_KEY });
    await lockHolder.query('RESET statement_timeout');
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  } finally {
    await lockHolder.release().catch(() => undefined);
  }
  return dataSource;
}
