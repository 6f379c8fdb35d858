import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TEST_JWT_SECRET } from './helpers/tokens';

const runsAsRoot = process.getuid?.() === 0;

/**
 * As root the embedded server runs as the user `postgres`; a data directory under a parent that
 * user cannot enter must stop `npm start` with one line saying what to do, not a stack trace.
 * Only meaningful as root (a normal user owns its directories), so skipped otherwise.
 */
(runsAsRoot ? describe : describe.skip)('embedded PostgreSQL that cannot reach its data (run as root)', () => {
  let lockedDir: string;

  beforeAll(async () => {
    await mkdir(resolve('.data'), { recursive: true });
    lockedDir = await mkdtemp(join(resolve('.data'), 'locked-'));
    await chmod(lockedDir, 0o700); // root only: the postgres user cannot enter it
  });
  afterAll(() => rm(lockedDir, { recursive: true, force: true }));

  it('exits 1 with one line naming the directory and the fix', async () => {
    const dataDir = join(lockedDir, 'pg');
    const result = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      env: { ...process.env, DATABASE_URL: '', EMBEDDED_PG_DATA_DIR: dataDir, PORT: '4399', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent' },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Embedded PostgreSQL cannot reach ${dataDir}`);
    expect(lines[0]).toMatch(/chmod o\+x .*DATABASE_URL/);
  }, 60_000);
});
