import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher';
import { commandName, parentPid } from './proc';

export interface BenchDatabase {
  url: string;
  /** The postmaster's pid when the server runs on this machine (embedded, or a local BENCH_DATABASE_URL), for CPU accounting. */
  postmasterPid(): number | undefined;
  stop(): Promise<void>;
}

/** A fresh database: a throwaway embedded server, or a throwaway database on `externalUrl`. */
export function startBenchDatabase(externalUrl?: string): Promise<BenchDatabase> {
  return externalUrl ? createExternalDatabase(externalUrl) : startEmbedded();
}

async function startEmbedded(): Promise<BenchDatabase> {
  const root = resolve('.data');
  await mkdir(root, { recursive: true });
  const runDir = await mkdtemp(join(root, 'bench-'));
  await chmod(runDir, 0o755); // the server runs as the postgres OS user and must reach its directory
  const dataDir = join(runDir, 'pg'); // its password file lands beside it, inside runDir
  let handle: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    handle = await startEmbeddedPostgres({ dataDir, persistent: false });
  } catch (error) {
    await rm(runDir, { recursive: true, force: true });
    throw error;
  }
  const pidFile = join(dataDir, 'postmaster.pid');
  return {
    url: handle.url,
    postmasterPid: () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) || undefined : undefined),
    stop: async () => {
      // On Ctrl-C the server gets SIGINT from the terminal too and may already be gone, and
      // then the library would wait forever for an exit that has happened: stop waiting once
      // postmaster.pid is gone (the server removes it last) or after 20 s.
      await Promise.race([handle.stop(), serverGone(pidFile), delay(20_000)]);
      await rm(runDir, { recursive: true, force: true });
    },
  };
}

async function serverGone(pidFile: string): Promise<void> {
  while (existsSync(pidFile)) await delay(200);
  await delay(500); // let a normal stop() finish its own clean-up first
}

async function createExternalDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `cua_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const postmaster = await localPostmaster(url.toString());
  return {
    url: url.toString(),
    postmasterPid: () => (postmaster !== undefined && commandName(postmaster) === 'postgres' ? postmaster : undefined),
    stop: () => dropDatabase(admin, name),
  };
}

/** SQLSTATE insufficient_privilege: FORCE met a backend of another role it may not end. */
const INSUFFICIENT_PRIVILEGE = '42501';
/** How long the drop waits for such a worker to leave: tries, one second apart. */
const DROP_TRIES = 30;

/**
 * `WITH (FORCE)` ends the bench's own connections; an autovacuum worker still in the database
 * (after the seed's VACUUM ANALYZE) runs as the superuser, and ending it needs
 * `pg_signal_backend`, which a CREATEDB role may lack. Such a worker soon finishes, so the
 * drop is retried (DROP_TRIES) instead of leaving the database behind.
 */
async function dropDatabase(admin: (sql: string) => Promise<void>, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (error) {
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE || attempt === DROP_TRIES) throw error;
      await delay(1_000);
    }
  }
}

/**
 * The postmaster of the server behind `url` when it runs on this machine: the parent of this
 * connection's backend (pg_backend_pid), if /proc shows that pid as a `postgres` process whose
 * parent is one too. A remote server's backend pid names nothing here, or another program.
 * Its CPU then counts every backend of the server, other databases' too.
 */
async function localPostmaster(url: string): Promise<number | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = rows[0].pid;
    const parent = commandName(backend) === 'postgres' ? parentPid(backend) : undefined;
    return parent !== undefined && commandName(parent) === 'postgres' ? parent : undefined;
  } finally {
    await client.end();
  }
}
