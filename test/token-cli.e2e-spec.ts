import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, TEST_ENV } from './helpers/test-app';
import { bearer, newCompany } from './helpers/tokens';

const run = promisify(execFile);
const tokenCli = (args: string[]) =>
  run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/token.ts', ...args], {
    env: { ...process.env, ...TEST_ENV },
    timeout: 60_000,
  });

describe('npm run token (local tokens)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('prints a token the API accepts, with all scopes by default or the ones asked for', async () => {
    const company = newCompany();
    const all = (await tokenCli(['--sub', 'alice', '--company', company, '--role', 'admin'])).stdout.trim();
    const me = await app.inject({ method: 'GET', url: '/auth/me', headers: bearer(all) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ sub: 'alice', companyId: company, role: 'admin' });
    expect(me.json().scopes).toEqual(expect.arrayContaining(['objects:write', 'customers:write', 'gdpr']));

    const narrow = (await tokenCli(['--sub', 'bob', '--company', company, '--role', 'user', '--scope', 'customers:read'])).stdout.trim();
    expect((await app.inject({ method: 'GET', url: '/auth/me', headers: bearer(narrow) })).json().scopes).toEqual(['customers:read']);
  }, 60_000);

  it('refuses a call without the required arguments and prints the usage', async () => {
    await expect(tokenCli(['--sub', 'alice'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('usage') });
  }, 60_000);
});
