import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import pg from 'pg';

export default async function globalTeardown() {
  const testDatabase = globalThis.__testDatabase;
  if (!testDatabase) return;
  if (testDatabase.server) {
    await testDatabase.server.stop();
    await rm(dirname(testDatabase.dataDir), { recursive: true, force: true });
    return;
  }
  const client = new pg.Client({ connectionString: testDatabase.adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${testDatabase.name} WITH (FORCE)`);
  await client.end();
}
