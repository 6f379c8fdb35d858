import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { ALL_MIGRATIONS } from '../migrations';
import { OwnDatabase } from './helpers/own-database';
import { startTestApp } from './helpers/test-app';

/*
 * README "Running several instances": instances share nothing but PostgreSQL and each runs the
 * migrations at start. Started at the same moment on an empty database, they must all come up
 * and the migrations must run once (src/database/migrate-under-lock.ts).
 */
describe('instances starting together on an empty database', () => {
  const fresh = new OwnDatabase('fresh');
  const freshUrl = fresh.url;
  const apps: NestFastifyApplication[] = [];

  beforeAll(() => fresh.create());
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await fresh.drop();
  });

  it('all start, and every migration ran once', async () => {
    apps.push(...(await Promise.all([1, 2, 3, 4, 5, 6].map(() => startTestApp({}, { databaseUrl: freshUrl })))));
    const client = new Client({ connectionString: freshUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(ALL_MIGRATIONS.map((migration) => migration.name));
    } finally {
      await client.end();
    }
    for (const app of apps) expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  }, 60_000);
});
