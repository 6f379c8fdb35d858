import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { ALL_MIGRATIONS } from '../migrations';
import { startTestApp } from './helpers/test-app';

/*
 * README "Running several instances": instances share nothing but PostgreSQL and each runs the
 * migrations at start. Started at the same moment on an empty database, they must all come up
 * and the migrations must run once (src/database/migrate-under-lock.ts).
 */
describe('instances starting together on an empty database', () => {
  const name = `cua_fresh_${randomBytes(4).toString('hex')}`;
  const serverUrl = new URL(process.env.TEST_DATABASE_URL!);
  const freshUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const admin = new Client({ connectionString: serverUrl.toString() });
  const apps: NestFastifyApplication[] = [];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('all start, and every migration ran once', async () => {
    apps.push(...(await Promise.all([1, 2, 3, 4, 5, 6].map(() => startTestApp({}, { databaseUrl: freshUrl })))));
    const fresh = new Client({ connectionString: freshUrl });
    await fresh.connect();
    try {
      const { rows } = await fresh.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(ALL_MIGRATIONS.map((migration) => migration.name));
    } finally {
      await fresh.end();
    }
    for (const app of apps) expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  }, 60_000);
});
