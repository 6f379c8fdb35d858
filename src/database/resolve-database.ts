import { AppConfig } from '../../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres.launcher';

export interface DatabaseTarget {
  url: string;
  /** Stops the embedded server; a no-op for an external DATABASE_URL. */
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise a persistent embedded PostgreSQL under `.data/`. */
export async function resolveDatabase(
  config: AppConfig,
  log: (message: string) => void,
): Promise<DatabaseTarget> {
  if (config.database.url) return { url: config.database.url, stop: async () => undefined };
  log(`DATABASE_URL is not set: starting embedded PostgreSQL in ${config.database.embeddedDataDir}`);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.database.embeddedDataDir,
    port: config.database.embeddedPort,
  });
  return { url: embedded.url, stop: () => embedded.stop() };
}
