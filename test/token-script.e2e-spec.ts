import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, TEST_ENV } from './helpers/test-app';
import { bearer, newCompany } from './helpers/tokens';

const run = promisify(execFile);

/** Sends raw bytes to the listening app and answers what comes back on the socket. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => done(answer));
    socket.on('error', fail);
  });
}

describe('newcomer paths around tokens (README "Getting a token")', () => {
  let app: NestFastifyApplication;
  let port: number;
  beforeAll(async () => {
    app = await startTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => app.close());

  it('`npm run -s token` prints the token alone with one newline, usable inside $(…)', async () => {
    const company = newCompany();
    const { stdout } = await run('npm', ['run', '-s', 'token', '--', '--sub', 'alice', '--company', company, '--role', 'admin'], {
      env: { ...process.env, ...TEST_ENV },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const me = await app.inject({ method: 'GET', url: '/auth/me', headers: bearer(stdout.trim()) });
    expect(me.statusCode).toBe(200);
  }, 60_000);

  it('refuses a company that is not a uuid, naming the option', async () => {
    const refused = run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/token.ts', '--sub', 'a', '--company', 'acme', '--role', 'admin'], {
      env: { ...process.env, ...TEST_ENV },
    });
    await expect(refused).rejects.toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('--company must be a uuid') });
  }, 60_000);

  it('answers a header that npm banner lines broke with a 400 problem, not a bare JSON error', async () => {
    const polluted = 'Bearer \n> customer-update-api@0.1.0 token\n> ts-node --transpile-only scripts/token.ts\n\neyJ.x.y';
    const answer = await rawRequest(port, `GET /auth/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${polluted}\r\n\r\n`);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body)).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, detail: expect.stringContaining('token') });
  });
});
