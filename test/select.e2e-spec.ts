/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { adminWithObject, expectUnchanged, getObject, OBJECTS, patch, SEED_000_WRITABLE, snapshot } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { bearer } from './helpers/tokens';

/** `$select` projection (API.md §1.5) on GET, PATCH and list responses. */

/** The record with every field null except those `keep` names (a projection computed by hand). */
function onlyThese(record: Record<string, any>, keep: Record<string, unknown>): Record<string, any> {
  return { ...Object.fromEntries(Object.keys(record).map((key) => [key, null])), ...keep };
}

describe('$select (API.md §1.5)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const fixture = () => adminWithObject(app, SEED_000_WRITABLE);
  const contactWithOnlyEmail = { phone: null, email: SEED_000_WRITABLE.contact.email, fax: null };

  describe('shape', () => {
    it('$select=name,contact/email keeps the full shape: others null, contact with only email filled', async () => {
      const { token, id, object } = await fixture();
      const response = await getObject(app, token, id, '?$select=name,contact/email');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(onlyThese(object, { name: object.name, contact: contactWithOnlyEmail }));
      expect(Object.keys(response.json())).toEqual(Object.keys(object));
    });

    it('select= is an alias of $select', async () => {
      const { token, id, object } = await fixture();
      const response = await getObject(app, token, id, '?select=name,contact/email');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(onlyThese(object, { name: object.name, contact: contactWithOnlyEmail }));
    });

    it('matches names case-insensitively and tolerates spaces and a leading slash', async () => {
      const { token, id, object } = await fixture();
      const response = await getObject(app, token, id, `?$select=${encodeURIComponent('NAME, /Contact/EMAIL')}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(onlyThese(object, { name: object.name, contact: contactWithOnlyEmail }));
    });

    it('selecting a parent keeps it whole; selecting inside an array projects every item', async () => {
      const { token, id, object } = await fixture();
      const response = await getObject(app, token, id, '?$select=address,material/budget');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(
        onlyThese(object, {
          address: object.address,
          material: object.material.map((item: any) => ({ articleId: null, budget: item.budget })),
        }),
      );
    });

    it('selects keys inside free-form securityCode exactly as written (case-sensitive)', async () => {
      const { token, id, object } = await fixture();
      const response = await getObject(app, token, id, '?$select=securityCode/Doors,securityCode/doors');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(onlyThese(object, { securityCode: { Doors: ['A', 'B'], doors: null } }));
    });

    it('leaves a selected nested field null when its parent is null', async () => {
      const { token, id, object } = await adminWithObject(app);
      const response = await getObject(app, token, id, '?$select=name,contact/email');
      expect(response.json()).toEqual(onlyThese(object, { name: object.name, contact: null }));
    });
  });

  describe('unknown names', () => {
    it('are 400 listing every one of them', async () => {
      const { token, id } = await fixture();
      const response = await getObject(app, token, id, '?$select=name,colour,contact/mobile');
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body.detail).toContain('colour');
      expect(body.detail).toContain('contact/mobile');
      expect(body.errors).toEqual([
        { pointer: '/$select', detail: expect.stringContaining('colour') },
        { pointer: '/$select', detail: expect.stringContaining('contact/mobile') },
      ]);
    });

    it('a path below a scalar field is unknown too', async () => {
      const { token, id } = await fixture();
      const response = await getObject(app, token, id, '?select=name/first');
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toContain('name/first');
    });

    it('refuses a PATCH with a bad $select with 400 and stores nothing', async () => {
      const { token, id } = await fixture();
      const before = await snapshot(app, token, id);
      const response = await patch(app, `${OBJECTS}/${id}?$select=name,nope`, token, { name: 'Should not land' });
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toContain('nope');
      await expectUnchanged(app, token, before);
    });

    it('refuses a list with a bad $select with 400', async () => {
      const { token } = await fixture();
      const response = await app.inject({ method: 'GET', url: `${OBJECTS}?$select=nope`, headers: bearer(token) });
      expect(response.statusCode).toBe(400);
    });
  });

  describe('applies to every record response', () => {
    it('PATCH answers with the projected new record, and the change is stored whole', async () => {
      const { token, id, object } = await fixture();
      const response = await patch(app, `${OBJECTS}/${id}?$select=name`, token, { name: 'Projected', rating: 1 });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(onlyThese(object, { name: 'Projected' }));
      expect(response.headers.etag).toEqual(expect.any(String));
      expect((await getObject(app, token, id)).json()).toMatchObject({ name: 'Projected', rating: 1 });
    });

    it('a JSON Patch response is projected too', async () => {
      const { token, id, object } = await fixture();
      const response = await patch(
        app,
        `${OBJECTS}/${id}?select=tags`,
        token,
        [{ op: 'add', path: '/tags/-', value: 'new' }],
        'application/json-patch+json',
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(onlyThese(object, { tags: [...SEED_000_WRITABLE.tags, 'new'] }));
    });

    it('list items are projected, the page shape is kept', async () => {
      const { token, object } = await fixture();
      const response = await app.inject({ method: 'GET', url: `${OBJECTS}?$select=name,contact/email`, headers: bearer(token) });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        items: [onlyThese(object, { name: object.name, contact: contactWithOnlyEmail })],
        nextCursor: null,
      });
    });

    it('a dry run response is projected', async () => {
      const { token, id, object } = await fixture();
      const response = await patch(app, `${OBJECTS}/${id}?dryRun=true&$select=name`, token, { name: 'Dry' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual(onlyThese(object, { name: 'Dry' }));
    });
  });
});
