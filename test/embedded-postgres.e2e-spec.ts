import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '../src/database/free-port';
import { TEST_JWT_SECRET } from './helpers/tokens';

/**
 * `npm start` without DATABASE_URL, for real: the service in a child process with its own
 * embedded PostgreSQL, stopped by SIGTERM, started again on the same data directory.
 */
describe('embedded PostgreSQL start, stop and restart (API.md §1.10)', () => {
  let runDir: string;
  let dataDir: string;
  const children: ChildProcess[] = [];

  const env = (port: number, logLevel = 'warn') => ({
    ...process.env,
    DATABASE_URL: '',
    EMBEDDED_PG_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: logLevel,
  });

  function startService(port: number, logLevel?: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], { env: env(port, logLevel) });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    return { child, output: () => output, exited };
  }

  async function waitForHealth(port: number): Promise<void> {
    for (let attempt = 0; attempt < 240; attempt++) {
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
      if (ok) return;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`service on ${port} never became healthy`);
  }

  beforeAll(async () => {
    await mkdir(resolve('.data'), { recursive: true });
    runDir = await mkdtemp(join(resolve('.data'), 'lifecycle-'));
    await chmod(runDir, 0o755);
    dataDir = join(runDir, 'pg');
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(runDir, { recursive: true, force: true });
  });

  it('serves on an embedded server, refuses a second start on the same data, and keeps data across a restart', async () => {
    const port = await findFreePort();
    const first = startService(port);
    await waitForHealth(port);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    // A second instance on the same data directory says so clearly and exits.
    const second = startService(await findFreePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/data directory .* is in use/);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);

    // Write something: an API client, through the CLI attached to the running server.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/client-create.ts', '--company', '0b7a3c52-4d3a-4d7e-9b1e-6f2b0c7a9d11'],
      { env: env(port), timeout: 60_000 },
    );
    const client = JSON.parse(stdout.trim()) as { clientId: string; clientSecret: string };

    // SIGTERM: drains, closes the pool, stops PostgreSQL, exits 0.
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);

    // Restart on the same directory (logging every request): the client is still there.
    const restarted = startService(port, 'info');
    await waitForHealth(port);
    // SIGTERM while the token request is in flight (hashing the secret takes a while): the
    // request still completes, then the service exits cleanly.
    const pending = fetch(`http://127.0.0.1:${port}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    });
    await new Promise((done) => setTimeout(done, 15));
    restarted.child.kill('SIGTERM');
    const token = await pending;
    expect(token.status).toBe(200);
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    expect(await restarted.exited).toBe(0);

    // One JSON line per request with its id; never the secret, the token or the body.
    const logs = restarted.output();
    expect(logs).toMatch(/"reqId":"[^"]+".*"path":"\/auth\/token".*"statusCode":200/);
    expect(logs).not.toContain(client.clientSecret);
    expect(logs).not.toContain(accessToken);
    expect(logs).not.toContain('grant_type');
  }, 180_000);
});
