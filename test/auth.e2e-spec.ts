import { generateKeyPairSync } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sign } from 'jsonwebtoken';
import { ProbeModule } from './helpers/probe.module';
import { startTestApp } from './helpers/test-app';
import { ALL_SCOPES, bearer, newCompany, TEST_JWT_SECRET, tokenFor } from './helpers/tokens';

const company = newCompany();
const valid = { sub: 'alice', companyId: company, role: 'admin' };
const now = () => Math.floor(Date.now() / 1000);

/** A token with `alg: none` (no signature), which no configuration may accept. */
function unsignedToken(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

describe('authentication (HS256)', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp({}, { extraModules: [ProbeModule] });
  });
  afterAll(() => app.close());

  const me = (headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/auth/me', headers });

  it('says credentials were not provided when there is no Authorization header', async () => {
    const response = await me();
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 401, detail: 'Authentication credentials were not provided' });
  });

  it.each([
    ['a malformed header', { authorization: 'Bearer' }],
    ['another scheme', { authorization: 'Basic YWxpY2U6c2VjcmV0' }],
    ['garbage instead of a JWT', { authorization: 'Bearer not.a.jwt' }],
    ['a bad signature', bearer(tokenFor(valid, {}, 'another-secret-that-is-long-enough-123'))],
    ['alg none', bearer(unsignedToken({ ...valid, exp: now() + 300 }))],
    ['an expired token', bearer(tokenFor({ ...valid, exp: now() - 31 }, { expiresIn: undefined }))],
    ['nbf in the future beyond the leeway', bearer(tokenFor(valid, { notBefore: 120 }))],
    ['no exp', bearer(tokenFor(valid, { expiresIn: undefined }))],
    ['no sub', bearer(tokenFor({ companyId: company, role: 'admin' }))],
    ['no companyId', bearer(tokenFor({ sub: 'alice', role: 'admin' }))],
    ['a companyId that is not a uuid', bearer(tokenFor({ ...valid, companyId: 'acme' }))],
    ['no role', bearer(tokenFor({ sub: 'alice', companyId: company }))],
    ['an unknown role', bearer(tokenFor({ ...valid, role: 'root' }))],
  ])('refuses %s with 401 "Invalid token"', async (_case, headers) => {
    const response = await me(headers);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toMatchObject({ status: 401, detail: 'Invalid token' });
  });

  it('accepts a token expired by less than the 30 s leeway', async () => {
    const response = await me(bearer(tokenFor({ ...valid, exp: now() - 10 }, { expiresIn: undefined })));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ sub: 'alice', companyId: company, role: 'admin' });
  });

  it('accepts a token whose nbf is within the leeway', async () => {
    expect((await me(bearer(tokenFor(valid, { notBefore: 10 })))).statusCode).toBe(200);
  });

  it('refuses a token once it has expired, although it was accepted (and remembered) before', async () => {
    const headers = bearer(tokenFor({ ...valid, exp: now() + 60 }, { expiresIn: undefined }));
    expect((await me(headers)).statusCode).toBe(200);
    expect((await me(headers)).statusCode).toBe(200);
    // 60 s of validity and the 30 s leeway later:
    const later = Date.now() + 91_000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => later);
    try {
      const response = await me(headers);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ detail: 'Invalid token' });
    } finally {
      clock.mockRestore();
    }
  });

  it('answers 403 when the token lacks the scope the route needs', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/probe/scoped',
      headers: bearer(tokenFor({ ...valid, scope: 'objects:read' })),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ status: 403, detail: expect.stringContaining('customers:read') });
  });

  it('lets :write imply :read', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/probe/scoped',
      headers: bearer(tokenFor({ ...valid, scope: 'customers:write' })),
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers 403 to a role the route does not allow', async () => {
    const asUser = await app.inject({
      method: 'GET',
      url: '/probe/admins',
      headers: bearer(tokenFor({ ...valid, role: 'user', scope: ALL_SCOPES })),
    });
    expect(asUser.statusCode).toBe(403);
    const asAdmin = await app.inject({ method: 'GET', url: '/probe/admins', headers: bearer(tokenFor(valid)) });
    expect(asAdmin.statusCode).toBe(200);
  });
});

describe('authentication (RS256 with issuer and audience)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const rsToken = (claims: object, options: { issuer?: string; audience?: string } = {}) =>
    sign({ scope: ALL_SCOPES, ...claims }, privatePem, {
      algorithm: 'RS256',
      expiresIn: 300,
      issuer: 'https://issuer.test',
      audience: 'customer-api',
      ...options,
    });
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp({
      JWT_SECRET: '',
      JWT_PUBLIC_KEY: publicPem,
      JWT_ISSUER: 'https://issuer.test',
      JWT_AUDIENCE: 'customer-api',
    });
  });
  afterAll(() => app.close());

  const me = (token: string) => app.inject({ method: 'GET', url: '/auth/me', headers: bearer(token) });

  it('accepts an RS256 token from the configured issuer for the configured audience', async () => {
    expect((await me(rsToken(valid))).statusCode).toBe(200);
  });

  it('refuses an HS256 token, even one signed with the public key as secret', async () => {
    expect((await me(tokenFor(valid, { issuer: 'https://issuer.test', audience: 'customer-api' }))).statusCode).toBe(401);
    const confused = sign({ ...valid }, publicPem, {
      algorithm: 'HS256',
      expiresIn: 300,
      issuer: 'https://issuer.test',
      audience: 'customer-api',
    });
    expect((await me(confused)).statusCode).toBe(401);
  });

  it('refuses a wrong issuer and a wrong audience', async () => {
    expect((await me(rsToken(valid, { issuer: 'https://evil.test' }))).statusCode).toBe(401);
    expect((await me(rsToken(valid, { audience: 'someone-else' }))).statusCode).toBe(401);
  });

  it('does not accept the HS256 development secret either', async () => {
    expect((await me(tokenFor(valid, {}, TEST_JWT_SECRET))).statusCode).toBe(401);
  });
});
