import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../config/load-config';
import { startTestApp, TEST_ENV } from './helpers/test-app';
import { bearer, newAdmin } from './helpers/tokens';

const CONTACTS = '/api/v1/Contact';

/** Creates a contact with `headers` and answers its Location and the `_links` a GET with the same headers shows. */
async function linksSeenWith(app: NestFastifyApplication, headers: Record<string, string>) {
  const { token } = newAdmin();
  const created = await app.inject({ method: 'POST', url: CONTACTS, headers: { ...bearer(token), ...headers }, payload: { name: 'Acme' } });
  expect(created.statusCode).toBe(201);
  const id = created.json().contactId;
  const read = await app.inject({ method: 'GET', url: `${CONTACTS}/${id}`, headers: { ...bearer(token), ...headers } });
  return { id, location: created.headers.location, createdLinks: created.json()._links, links: read.json()._links };
}

describe('_links and Location never reflect an untrusted Host (API.md §1.12)', () => {
  describe('default TRUSTED_HOSTS (localhost names)', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it.each(['localhost:8080', '127.0.0.1:3000', '[::1]:3000', 'LOCALHOST'])('builds absolute links from Host %s', async (host) => {
      const seen = await linksSeenWith(app, { host });
      const base = `http://${host}`;
      expect(seen.location).toBe(`${base}${CONTACTS}/${seen.id}`);
      expect(seen.links).toEqual({ self: `${base}${CONTACTS}/${seen.id}`, archive: `${base}${CONTACTS}` });
      expect(seen.createdLinks).toEqual(seen.links);
    });

    it('gives another Host relative links and a relative Location, never its name', async () => {
      const seen = await linksSeenWith(app, { host: 'evil.example' });
      expect(seen.location).toBe(`${CONTACTS}/${seen.id}`);
      expect(seen.links).toEqual({ self: `${CONTACTS}/${seen.id}`, archive: CONTACTS });
      expect(JSON.stringify(seen)).not.toContain('evil');
    });

    it('ignores X-Forwarded-Host and -Proto unless TRUST_PROXY is on', async () => {
      const seen = await linksSeenWith(app, { host: 'localhost', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
      expect(seen.links.self).toBe(`http://localhost${CONTACTS}/${seen.id}`);
    });

    it('builds the Location of every resource the same way', async () => {
      const { token } = newAdmin();
      for (const [url, payload] of [
        ['/v2/objects', { name: 'Office' }],
        ['/customers', { firstName: 'Anna' }],
      ] as const) {
        const trusted = await app.inject({ method: 'POST', url, headers: { ...bearer(token), host: 'localhost:3000' }, payload });
        expect(trusted.headers.location).toMatch(new RegExp(`^http://localhost:3000${url}/[0-9a-f-]{36}$`));
        const untrusted = await app.inject({ method: 'POST', url, headers: { ...bearer(token), host: 'evil.example' }, payload });
        expect(untrusted.headers.location).toMatch(new RegExp(`^${url}/[0-9a-f-]{36}$`));
      }
    });
  });

  describe('PUBLIC_BASE_URL', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp({ PUBLIC_BASE_URL: 'https://api.example.com/cua/' });
    });
    afterAll(() => app.close());

    it.each(['localhost:3000', 'evil.example'])('wins over Host %s', async (host) => {
      const seen = await linksSeenWith(app, { host });
      expect(seen.location).toBe(`https://api.example.com/cua${CONTACTS}/${seen.id}`);
      expect(seen.links).toEqual({ self: `https://api.example.com/cua${CONTACTS}/${seen.id}`, archive: `https://api.example.com/cua${CONTACTS}` });
    });
  });

  describe('TRUSTED_HOSTS and TRUST_PROXY', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp({ TRUSTED_HOSTS: 'crm.example.com', TRUST_PROXY: 'true' });
    });
    afterAll(() => app.close());

    it('uses a listed host with its port, and the forwarded scheme behind a trusted proxy', async () => {
      const seen = await linksSeenWith(app, { host: 'crm.example.com:8443', 'x-forwarded-proto': 'https' });
      expect(seen.links.self).toBe(`https://crm.example.com:8443${CONTACTS}/${seen.id}`);
    });

    it('checks a forwarded host against the list too', async () => {
      const seen = await linksSeenWith(app, { host: 'crm.example.com', 'x-forwarded-host': 'evil.example' });
      expect(seen.links.self).toBe(`${CONTACTS}/${seen.id}`);
    });

    it('no longer trusts localhost once the list is set', async () => {
      const seen = await linksSeenWith(app, { host: 'localhost' });
      expect(seen.links.self).toBe(`${CONTACTS}/${seen.id}`);
    });
  });

  describe('configuration', () => {
    it.each([
      ['PUBLIC_BASE_URL', 'api.example.com'],
      ['PUBLIC_BASE_URL', 'ftp://api.example.com'],
      ['PUBLIC_BASE_URL', 'https://api.example.com/?x=1'],
      ['PUBLIC_BASE_URL', 'https://user:pw@api.example.com'],
      ['TRUSTED_HOSTS', 'https://api.example.com'],
      ['TRUSTED_HOSTS', 'api.example.com:443'],
      ['TRUSTED_HOSTS', 'bad host'],
    ])('refuses %s=%s naming the variable', (name, value) => {
      expect(() => loadConfig({ ...TEST_ENV, [name]: value })).toThrow(new RegExp(`^${name}: `));
    });
  });
});
