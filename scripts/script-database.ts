import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ALL_MIGRATIONS } from '../migrations';
import { runningEmbeddedPostgresUrl, startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher';

/**
 * A migrated DataSource for the CLI scripts: DATABASE_URL, else the embedded server that
 * `npm start` is running, else a short-lived embedded server on the same data directory.
 */
export async function openScriptDatabase(
  config: AppConfig,
  entities: NonNullable<ConstructorParameters<typeof DataSource>[0]['entities']>,
): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  let stopServer = async () => undefined as void;
  let url = config.database.url ?? (await runningEmbeddedPostgresUrl(config.database.embeddedDataDir));
  if (!url) {
    const embedded = await startEmbeddedPostgres({ dataDir: config.database.embeddedDataDir });
    url = embedded.url;
    stopServer = () => embedded.stop();
  }
  const dataSource = new DataSource({ type: 'postgres', url, entities, migrations: ALL_MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await stopServer();
    },
  };
}
