import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ResourceResponse } from '../src/common/resource/resource-response';
import { IdempotencyService } from '../src/idempotency/idempotency.service';
import { CUSTOMERS, newCustomer, newObject, OBJECTS, patch, putCustomer } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newAdmin } from './helpers/tokens';

/** API.md §1.13: Idempotency-Key on every write door. */
describe('Idempotency-Key', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const post = (target: NestFastifyApplication, token: string, url: string, body: unknown, key?: string) =>
    target.inject({
      method: 'POST',
      url,
      headers: { ...bearer(token), 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: JSON.stringify(body),
    });

  async function objectCount(token: string): Promise<number> {
    const response = await app.inject({ method: 'GET', url: `${OBJECTS}?limit=200`, headers: bearer(token) });
    return response.json().items.length;
  }

  it('a repeated POST creates one record and replays the first answer with Idempotent-Replayed: true', async () => {
    const { token } = newAdmin();
    const key = randomUUID();
    const first = await post(app, token, OBJECTS, { name: 'Once' }, key);
    const second = await post(app, token, OBJECTS, { name: 'Once' }, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await objectCount(token)).toBe(1);
  });

  it('a repeated POST of a contact creates one contact', async () => {
    const { token } = newAdmin();
    const key = randomUUID();
    const first = await post(app, token, '/api/v1/Contact', { name: 'Acme' }, key);
    const second = await post(app, token, '/api/v1/Contact', { name: 'Acme' }, key);
    expect(first.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().contactId).toBe(first.json().contactId);
  });

  it('a repeated PATCH is applied once: the replay carries the first version, and no new version exists', async () => {
    const { token } = newAdmin();
    const object = await newObject(app, token);
    const headers = { 'idempotency-key': randomUUID() };
    const first = await patch(app, `${OBJECTS}/${object._id}`, token, { rating: 4 }, 'application/merge-patch+json', headers);
    const second = await patch(app, `${OBJECTS}/${object._id}`, token, { rating: 4 }, 'application/merge-patch+json', headers);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.json()).toEqual(first.json());
    const current = await app.inject({ method: 'GET', url: `${OBJECTS}/${object._id}`, headers: bearer(token) });
    expect(current.headers.etag).toBe(first.headers.etag);
  });

  it('PUT /customers/:id (seed 003) and PATCH /customers (seed 004) replay their first answer', async () => {
    const { token } = newAdmin();
    const customer = await newCustomer(app, token);
    const putHeaders = { 'idempotency-key': randomUUID() };
    const put1 = await putCustomer(app, token, customer.id, { Lastname: 'Korhonen' }, '', putHeaders);
    const put2 = await putCustomer(app, token, customer.id, { Lastname: 'Korhonen' }, '', putHeaders);
    expect(put1.statusCode).toBe(200);
    expect(put2.headers['idempotent-replayed']).toBe('true');
    expect(put2.headers.etag).toBe(put1.headers.etag);
    expect(put2.json()).toEqual(put1.json()); // with seed 003's customFields configs

    const patchHeaders = { 'idempotency-key': randomUUID() };
    const body = { CustomerId: customer.customerNumber, Notes: 'once' };
    const patch1 = await patch(app, CUSTOMERS, token, body, 'application/json', patchHeaders);
    const patch2 = await patch(app, CUSTOMERS, token, body, 'application/json', patchHeaders);
    expect(patch1.statusCode).toBe(200);
    expect(patch2.headers['idempotent-replayed']).toBe('true');
    expect(patch2.json()).toEqual(patch1.json());
    const current = await app.inject({ method: 'GET', url: `${CUSTOMERS}/${customer.id}`, headers: bearer(token) });
    expect(current.headers.etag).toBe(patch1.headers.etag);
  });

  it('the same key with another body, path or query is 422 and creates nothing more', async () => {
    const { token } = newAdmin();
    const key = randomUUID();
    expect((await post(app, token, OBJECTS, { name: 'A' }, key)).statusCode).toBe(201);
    for (const response of [
      await post(app, token, OBJECTS, { name: 'B' }, key),
      await post(app, token, `${OBJECTS}?dryRun=false`, { name: 'A' }, key),
      await post(app, token, '/api/v1/Contact', { name: 'A' }, key),
    ]) {
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().detail).toMatch(/Idempotency-Key/);
    }
    expect(await objectCount(token)).toBe(1);
  });

  it('concurrent requests with one key apply once; the others are 409 or replays', async () => {
    const { token } = newAdmin();
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(app, token, OBJECTS, { name: 'Race' }, key)));
    const fresh = responses.filter((r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined);
    expect(fresh).toHaveLength(1);
    for (const other of responses.filter((r) => !fresh.includes(r))) {
      expect(other.statusCode === 409 || other.headers['idempotent-replayed'] === 'true').toBe(true);
    }
    expect(await objectCount(token)).toBe(1);
  });

  it('a failed request (412, 422) and a dry run store nothing: the same key then succeeds', async () => {
    const { token } = newAdmin();
    const object = await newObject(app, token);
    const key = randomUUID();
    const url = `${OBJECTS}/${object._id}`;
    const failed = await patch(app, url, token, { rating: 3 }, 'application/merge-patch+json', { 'idempotency-key': key, 'if-match': '"999"' });
    expect(failed.statusCode).toBe(412);
    const retried = await patch(app, url, token, { rating: 3 }, 'application/merge-patch+json', { 'idempotency-key': key });
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();

    const createKey = randomUUID();
    expect((await post(app, token, OBJECTS, { name: '' }, createKey)).statusCode).toBe(422);
    const dry = await post(app, token, `${OBJECTS}?dryRun=true`, { name: 'Dry' }, createKey);
    expect(dry.headers.location).toBeUndefined();
    expect(await objectCount(token)).toBe(1); // the record of the PATCH above only
    const created = await post(app, token, OBJECTS, { name: 'Real' }, createKey);
    expect(created.statusCode).toBe(201);
    expect(created.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keys are the caller’s: another sub or another company with the same key writes its own record', async () => {
    const { company, token } = newAdmin();
    const colleague = actorToken('admin', company);
    const stranger = newAdmin().token;
    const key = randomUUID();
    const mine = await post(app, token, OBJECTS, { name: 'Mine' }, key);
    const theirs = await post(app, colleague, OBJECTS, { name: 'Mine' }, key);
    const other = await post(app, stranger, OBJECTS, { name: 'Mine' }, key);
    for (const response of [theirs, other]) {
      expect(response.statusCode).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(theirs.json()._id).not.toBe(mine.json()._id);
    expect(await objectCount(token)).toBe(2);
  });

  it('an invalid key is 400 naming the header, and nothing is written', async () => {
    const { token } = newAdmin();
    for (const key of ['', 'x'.repeat(256), 'caf\u00e9']) {
      const response = await post(app, token, OBJECTS, { name: 'Nope' }, key);
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toMatch(/Idempotency-Key/);
    }
    expect(await objectCount(token)).toBe(0);
  });

  it('an expired key may be reused, and the cleanup removes expired rows', async () => {
    const shortLived = await startTestApp({ IDEMPOTENCY_TTL_SECONDS: '1' });
    try {
      const { token } = newAdmin();
      const key = randomUUID();
      const first = await post(shortLived, token, OBJECTS, { name: 'Again' }, key);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const second = await post(shortLived, token, OBJECTS, { name: 'Again' }, key);
      expect(second.statusCode).toBe(201);
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.json()._id).not.toBe(first.json()._id);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await shortLived.get(IdempotencyService).removeExpired()).toBeGreaterThanOrEqual(1);
    } finally {
      await shortLived.close();
    }
  });

  it('a second instance on the same database replays the first instance’s answer', async () => {
    const other = await startTestApp();
    try {
      const { token } = newAdmin();
      const key = randomUUID();
      const first = await post(app, token, OBJECTS, { name: 'Shared' }, key);
      const second = await post(other, token, OBJECTS, { name: 'Shared' }, key);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json()).toEqual(first.json());
    } finally {
      await other.close();
    }
  });

  it('a claim taken over after its lease ran out cannot complete: its transaction rolls back', async () => {
    const service = app.get(IdempotencyService);
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const scope = { companyId: randomUUID(), sub: 'sub-1', key: randomUUID() };
    const stale = await service.claim(scope, 'f');
    if (stale.kind !== 'claimed') throw new Error('expected a claim');
    await dataSource.query(`UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = $1`, [scope.key]);
    expect((await service.claim(scope, 'f')).kind).toBe('claimed');

    const marker = { ...scope, key: randomUUID() };
    await expect(
      dataSource.transaction(async (manager) => {
        // Stands for the record write that precedes the completion in the same transaction.
        await manager.query(
          `INSERT INTO idempotency_keys (company_id, caller_sub, key, fingerprint, state, owner, locked_until, expires_at)
           VALUES ($1, $2, $3, 'm', 'in_flight', $4, now(), now())`,
          [marker.companyId, marker.sub, marker.key, randomUUID()],
        );
        await stale.claim.complete(manager, new ResourceResponse({}));
      }),
    ).rejects.toThrow(/taken over/);
    const left = await dataSource.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [marker.key]);
    expect(left).toHaveLength(0);
  });
});
