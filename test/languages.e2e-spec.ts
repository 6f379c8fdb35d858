/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { XMLParser } from 'fast-xml-parser';
import { patch } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

const CONTACTS = '/api/v1/Contact';
const SWEDEN = 752;
const FINLAND = 246;

describe('Reference names in the caller\'s language (seed 002, API.md §3)', () => {
  let app: NestFastifyApplication;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());
  beforeEach(() => {
    admin = actorToken('admin', newCompany());
  });

  const items = (list: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/api/v1/List/${list}/Items`, headers: { ...bearer(admin), ...headers } });
  const nameOf = (body: Array<{ id: number; name: string }>, id: number) => body.find((item) => item.id === id)?.name;

  async function newContact(): Promise<Record<string, any>> {
    const response = await app.inject({
      method: 'POST',
      url: CONTACTS,
      headers: bearer(admin),
      payload: {
        name: 'Nordic Trading AB',
        category: { id: 1 },
        business: { id: 3 },
        country: { id: SWEDEN },
        interests: [{ id: 1, selected: true }, { id: 5, selected: false }],
      },
    });
    if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
    return response.json();
  }
  const getContact = (id: number, headers: Record<string, string>, query = '') =>
    app.inject({ method: 'GET', url: `${CONTACTS}/${id}${query}`, headers: { ...bearer(admin), ...headers } });

  describe('list items', () => {
    it.each([
      ['category', 1, 'Customer', 'sv', 'Kund', 'de', 'Kunde'],
      ['business', 4, 'Manufacturing', 'fi', 'Teollisuus', 'da', 'Fremstilling'],
      ['interest', 1, 'Newsletter', 'nb', 'Nyhetsbrev', 'fi', 'Uutiskirje'],
      ['country', FINLAND, 'Finland', 'sv', 'Finland', 'de', 'Finnland'],
      ['country', SWEDEN, 'Sweden', 'sv', 'Sverige', 'fi', 'Ruotsi'],
    ])('names the %s list in two languages (item %i)', async (list, id, english, first, inFirst, second, inSecond) => {
      const plain = await items(list);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-language']).toBe('en');
      expect(nameOf(plain.json(), id)).toBe(english);

      const one = await items(list, { 'accept-language': first });
      expect(one.headers['content-language']).toBe(first);
      expect(nameOf(one.json(), id)).toBe(inFirst);

      const other = await items(list, { 'so-language': second });
      expect(other.headers['content-language']).toBe(second);
      expect(nameOf(other.json(), id)).toBe(inSecond);
      // Every item keeps its id (and a country its code): only names change.
      expect(other.json().map((item: any) => [item.id, item.code])).toEqual(plain.json().map((item: any) => [item.id, item.code]));
    });

    it('honours quality values: "fi;q=0.5, sv" is Swedish', async () => {
      const response = await items('category', { 'accept-language': 'fi;q=0.5, sv' });
      expect(response.headers['content-language']).toBe('sv');
      expect(nameOf(response.json(), 4)).toBe('Leverantör');
    });

    it('lets SO-Language override Accept-Language', async () => {
      const response = await items('category', { 'accept-language': 'sv', 'so-language': 'fi' });
      expect(response.headers['content-language']).toBe('fi');
      expect(nameOf(response.json(), 1)).toBe('Asiakas');
    });

    it('answers English for a language it does not cover', async () => {
      const response = await items('category', { 'accept-language': 'fr-CA, ja;q=0.8', 'so-language': 'xx' });
      expect(response.headers['content-language']).toBe('en');
      expect(nameOf(response.json(), 1)).toBe('Customer');
    });

    it('says it varies by both language headers, keeping the other Vary fields', async () => {
      const response = await items('category', { 'accept-language': 'sv' });
      const vary = String(response.headers.vary).split(',').map((field) => field.trim().toLowerCase());
      expect(vary).toEqual(expect.arrayContaining(['accept-language', 'so-language']));
    });
  });

  describe('contacts', () => {
    it('resolves every reference of a contact in the asked language, ids unchanged', async () => {
      const { contactId } = await newContact();
      const response = await getContact(contactId, { 'accept-language': 'sv' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-language']).toBe('sv');
      expect(response.headers.vary).toMatch(/Accept-Language, SO-Language/);
      expect(response.json()).toMatchObject({
        category: { id: 1, name: 'Kund' },
        business: { id: 3, name: 'Detaljhandel' },
        country: { id: SWEDEN, name: 'Sverige' },
        interests: [
          { id: 1, name: 'Nyhetsbrev', selected: true },
          { id: 5, name: 'Utbildning', selected: false },
        ],
      });
      const english = await getContact(contactId, {});
      expect(english.headers['content-language']).toBe('en');
      expect(english.json().category).toEqual({ id: 1, name: 'Customer' });
    });

    it('localizes list pages and PATCH answers, and keeps $select working', async () => {
      const { contactId } = await newContact();
      const page = await app.inject({ method: 'GET', url: `${CONTACTS}?limit=5`, headers: { ...bearer(admin), 'so-language': 'de' } });
      expect(page.headers['content-language']).toBe('de');
      expect(page.json().items[0].category).toEqual({ id: 1, name: 'Kunde' });

      const patched = await patch(app, `${CONTACTS}/${contactId}?$select=category`, admin, { category: { id: 4 } }, 'application/merge-patch+json', {
        'so-language': 'fi',
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.headers['content-language']).toBe('fi');
      expect(patched.json().category).toEqual({ id: 4, name: 'Toimittaja' });
      expect(patched.json().name).toBeNull();
    });

    it('answers an Idempotency-Key replay in the replaying request\'s language; history keeps the stored English', async () => {
      const { contactId } = await newContact();
      const send = (language: string) =>
        patch(app, `${CONTACTS}/${contactId}`, admin, { category: { id: 4 } }, 'application/merge-patch+json', {
          'idempotency-key': `language-${contactId}`,
          'accept-language': language,
        });
      const first = await send('fi');
      expect(first.statusCode).toBe(200);
      expect(first.json().category).toEqual({ id: 4, name: 'Toimittaja' });
      const replay = await send('sv');
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers['content-language']).toBe('sv');
      expect(replay.json().category).toEqual({ id: 4, name: 'Leverantör' });

      const history = await app.inject({ method: 'GET', url: `${CONTACTS}/${contactId}/history`, headers: { ...bearer(admin), 'accept-language': 'fi' } });
      expect(history.statusCode).toBe(200);
      expect(history.headers['content-language']).toBeUndefined();
    });

    it('renders the translated names as XML text', async () => {
      const { contactId } = await newContact();
      const response = await getContact(contactId, { accept: 'application/xml', 'accept-language': 'da' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.headers['content-language']).toBe('da');
      const xml = new XMLParser().parse(response.body);
      expect(xml.Contact.category.name).toBe('Kunde');
      expect(xml.Contact.country.name).toBe('Sverige');
      expect(xml.Contact.business.name).toBe('Detailhandel');
    });

    it('takes back a record read in Swedish unchanged: 200, same ETag, no history entry', async () => {
      const { contactId } = await newContact();
      const swedish = await getContact(contactId, { 'accept-language': 'sv' });
      const body = swedish.json();
      delete body._links; // absolute URLs are per request; read-only either way
      const sentBack = await patch(app, `${CONTACTS}/${contactId}`, admin, body, 'application/json', { 'accept-language': 'sv' });
      expect(sentBack.statusCode).toBe(200);
      expect(sentBack.headers.etag).toBe(swedish.headers.etag);
      expect(sentBack.json().category).toEqual({ id: 1, name: 'Kund' });

      const history = await app.inject({ method: 'GET', url: `${CONTACTS}/${contactId}/history`, headers: bearer(admin) });
      expect(history.json().items).toHaveLength(1); // the create only
    });

    it('accepts a name in another supported language for a new id, and stores only the id', async () => {
      const { contactId } = await newContact();
      const response = await patch(app, `${CONTACTS}/${contactId}`, admin, { category: { id: 2, name: 'Interessent' } });
      expect(response.statusCode).toBe(200);
      expect(response.json().category).toEqual({ id: 2, name: 'Prospect' });
      const history = await app.inject({ method: 'GET', url: `${CONTACTS}/${contactId}/history`, headers: { ...bearer(admin), 'accept-language': 'de' } });
      // History is language-free: it shows the stored (English) names whatever the caller asks.
      expect(JSON.stringify(history.json().items[0].ops)).toContain('Prospect');
      expect(JSON.stringify(history.json().items[0].ops)).not.toContain('Interessent');
    });

    it('still refuses a name that is no name of the item, or of the current one, in any language (400)', async () => {
      const { contactId } = await newContact();
      // 'Lieferant' is German for item 4: neither the new item 2 nor the current item 1.
      const response = await patch(app, `${CONTACTS}/${contactId}`, admin, { category: { id: 2, name: 'Lieferant' } });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([{ pointer: '/category/name', detail: 'is read-only' }]);
    });
  });

  it('documents both language headers, SO-Culture as not applied, and Content-Language in OpenAPI', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    const operations: Array<[any, string]> = [
      [document.paths['/api/v1/Contact'].post, '201'],
      [document.paths['/api/v1/Contact'].get, '200'],
      [document.paths['/api/v1/Contact/{id}'].get, '200'],
      [document.paths['/api/v1/Contact/{id}'].patch, '200'],
      [document.paths['/api/v1/List/{name}/Items'].get, '200'],
    ];
    for (const [operation, status] of operations) {
      const names = operation.parameters.filter((p: any) => p.in === 'header').map((p: any) => p.name);
      expect(names).toEqual(expect.arrayContaining(['Accept-Language', 'SO-Language', 'SO-Culture']));
      expect(new Set(names).size).toBe(names.length);
      expect(operation.parameters.find((p: any) => p.name === 'SO-Culture').description).toMatch(/Not applied/);
      expect(Object.keys(operation.responses[status].headers)).toEqual(expect.arrayContaining(['Content-Language', 'Vary']));
    }
    expect(document.paths['/v2/objects/{id}'].get.parameters.map((p: any) => p.name)).not.toContain('SO-Language');
    expect(document.paths['/api/v1/Contact/{id}/history'].get.parameters.map((p: any) => p.name)).not.toContain('SO-Language');
  });
});
