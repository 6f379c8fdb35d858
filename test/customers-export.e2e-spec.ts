/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked field by field */
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CUSTOMERS, customerHistory, newCustomer, newCustomFieldConfig, patch, putCustomer } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/** GET /customers/:id/export (API.md §6, GDPR Art. 15/20). */

const WITHOUT_GDPR = 'customers:read customers:write';

describe('Customer export (API.md §6)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const exportOf = (token: string, id: string, query = '') =>
    app.inject({ method: 'GET', url: `${CUSTOMERS}/${id}/export${query}`, headers: bearer(token) });

  /** A secret (level 2) customer with custom field values, access keys and a change in its history. */
  async function setup() {
    const company = newCompany();
    const admin = actorToken('admin', company);
    const sub = `user-${randomUUID()}`;
    const config = await newCustomFieldConfig(app, admin, { name: 'Floor' });
    const customer = await newCustomer(app, admin, { email: 'anna@example.com', restrictedTypeId: 2, notes: 'Prefers mornings', userId: sub });
    const put = await putCustomer(app, admin, customer.id, {
      customFields: [{ id: config.id, value: '3' }],
      accessKeys: [{ accessKeyTypeId: 1, value: 'DOOR-1234', description: 'Front door' }],
    });
    expect(put.statusCode).toBe(200);
    return { company, admin, sub, config, customer };
  }

  it('gives a gdpr admin everything stored, unmasked, with custom field values, access keys and history', async () => {
    const { admin, config, customer } = await setup();
    const response = await exportOf(admin, customer.id);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.customer).toMatchObject({ id: customer.id, email: 'anna@example.com', lastName: 'Virtanen', notes: 'Prefers mornings' });
    expect(body.customer.customFieldValues).toEqual([expect.objectContaining({ id: config.id, value: '3' })]);
    expect(body.customer.accessKeys).toEqual([expect.objectContaining({ value: 'DOOR-1234', description: 'Front door' })]);
    expect(body.history.filter((entry: any) => entry.kind === 'change')).toHaveLength(2);
    expect(Date.parse(body.exportedAt)).not.toBeNaN();
  });

  it('carries every comment on the customer, newest first', async () => {
    const { admin, customer } = await setup();
    for (const text of ['first', 'second']) {
      const posted = await app.inject({ method: 'POST', url: `${CUSTOMERS}/${customer.id}/comments`, headers: bearer(admin), payload: { comments: text } });
      expect(posted.statusCode).toBe(201);
    }
    const exported = (await exportOf(admin, customer.id)).json();
    expect(exported.comments.map((comment: { comments: string }) => comment.comments)).toEqual(['second', 'first']);
  });

  it('is audited as a read (a level-2 record)', async () => {
    const { admin, customer } = await setup();
    const reads = async () => (await customerHistory(app, admin, customer.id)).filter((entry) => entry.kind === 'read').length;
    const before = await reads();
    const exporter = actorToken('admin', customer.companyId);
    expect((await exportOf(exporter, customer.id)).statusCode).toBe(200);
    const entries = (await customerHistory(app, admin, customer.id)).filter((entry) => entry.kind === 'read');
    // customerHistory itself reads no record; only the export added a row.
    expect(entries.length).toBe(before + 1);
    expect(entries[0].actor.role).toBe('admin');
  });

  it('is allowed to the customer itself without gdpr, unmasked', async () => {
    const { company, sub, customer } = await setup();
    const response = await exportOf(actorToken('user', company, WITHOUT_GDPR, sub), customer.id);
    expect(response.statusCode).toBe(200);
    expect(response.json().customer.email).toBe('anna@example.com');
  });

  it('is 403 for an admin without gdpr and for a superadmin without gdpr', async () => {
    const { company, customer } = await setup();
    for (const token of [actorToken('admin', company, WITHOUT_GDPR), actorToken('superadmin', newCompany(), WITHOUT_GDPR)]) {
      const response = await exportOf(token, customer.id, `?companyId=${company}`);
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('is 404 for another company, another user and an unknown id (never 403)', async () => {
    const { company, customer } = await setup();
    for (const [token, id] of [
      [actorToken('admin', newCompany()), customer.id],
      [actorToken('admin', newCompany(), WITHOUT_GDPR), customer.id],
      [actorToken('user', company, WITHOUT_GDPR), customer.id],
      [actorToken('admin', company), randomUUID()],
    ]) {
      expect((await exportOf(token, id)).statusCode).toBe(404);
    }
  });

  it('lets a superadmin with gdpr export from the company it names', async () => {
    const { company, customer } = await setup();
    const response = await exportOf(actorToken('superadmin', newCompany()), customer.id, `?companyId=${company}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().customer.id).toBe(customer.id);
  });

  it('includes later changes in the history', async () => {
    const { admin, customer } = await setup();
    expect((await patch(app, `${CUSTOMERS}/${customer.id}`, admin, { notes: 'Evenings now' })).statusCode).toBe(200);
    const body = (await exportOf(admin, customer.id)).json();
    expect(body.customer.notes).toBe('Evenings now');
    // The PATCH's answer showed a secret record, so a read row follows its change row.
    expect(body.history.filter((entry: any) => entry.kind === 'change').at(-1).ops).toEqual([{ op: 'replace', path: '/notes', value: 'Evenings now' }]);
  });
});
