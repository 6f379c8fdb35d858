import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher';

export interface BenchDatabase {
  url: string;
  /** The postmaster's pid when the server is local (embedded), for CPU accounting. */
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
  return {
    url: url.toString(),
    postmasterPid: () => undefined,
    stop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
