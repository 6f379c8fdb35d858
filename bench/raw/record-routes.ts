/*
 * Raw counterparts of the app's Customers and Contacts scenarios: the app's own statements
 * (app-statements.ts) through the app's read-then-versioned-write (versioned-write.ts), with
 * only what the statements need of the body, no rules, validation or framework.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Pool, PoolClient } from 'pg';
import { bind, CONTACT_SELECT, CONTACT_UPDATE, CUSTOM_FIELD_CONFIGS, CUSTOMER_SELECT, CUSTOMER_UPDATE } from './app-statements';
import { RawHttpError, RawTable, Row, versionedWrite } from './versioned-write';

const CUSTOMERS: RawTable = {
  select: CUSTOMER_SELECT,
  update: CUSTOMER_UPDATE,
  resource: 'customer',
  jsonb: ['smsNumbers', 'invoiceAddress', 'customFieldValues', 'customProperties', 'accessKeys'],
};
const CONTACTS: RawTable = {
  select: CONTACT_SELECT,
  update: CONTACT_UPDATE,
  resource: 'contact',
  jsonb: ['emails', 'phones', 'faxes', 'urls', 'interests', 'address', 'customFields'],
};

/** The plain fields of seed 003's PUT the bench sends (lower-cased name -> column property). */
const PUT_FIELDS: Record<string, string> = { firstname: 'firstName', lastname: 'lastName', phone: 'phone', email: 'email' };

/** Seed 003 names its fields in PascalCase; the app matches them ignoring case, so does this. */
function lowerKeys(value: unknown): Row {
  return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([key, member]) => [key.toLowerCase(), member])) : {};
}

async function answer(reply: FastifyReply, pool: Pool, write: (client: PoolClient) => Promise<Row | undefined>): Promise<FastifyReply> {
  const client = await pool.connect();
  try {
    const row = await write(client);
    return row ? reply.code(200).send(row) : reply.code(404).send({ detail: 'not found' });
  } catch (error) {
    if (error instanceof RawHttpError) return reply.code(error.status).send({ detail: error.message });
    throw error;
  } finally {
    client.release();
  }
}

/** Customers merge PATCH by the customer itself: the owner-scoped lookup, `phone` (GDPR, audited as ***) and `notes`. */
function customerSelfPatch(app: FastifyInstance, pool: Pool): void {
  app.patch<{ Params: { companyId: string; userId: string; id: string }; Body: { phone?: unknown; notes?: unknown } }>(
    '/raw-customer-self/:companyId/:userId/:id',
    async (request, reply) => {
      const { companyId, userId, id } = request.params;
      const { phone, notes } = request.body ?? {};
      if (typeof phone !== 'string' || typeof notes !== 'string') return reply.code(400).send({ detail: 'phone and notes (strings) are required' });
      return answer(reply, pool, (client) =>
        versionedWrite(client, CUSTOMERS, { id, companyId, onlyUser: userId }, { sub: userId, role: 'user' }, (row) => {
          if (row.editableByCustomer === false) throw new RawHttpError(403, 'not editable by the customer');
          return {
            values: { phone, notes },
            ops: [
              { op: 'replace', path: '/phone', value: '***' },
              { op: 'replace', path: '/notes', value: notes },
            ],
          };
        }),
      );
    },
  );
}

/** Seed 003's PUT: the lookup, the company's configs, the values and keys added. */
function customerPut(app: FastifyInstance, pool: Pool): void {
  app.put<{ Params: { companyId: string; id: string }; Body: unknown }>('/raw-customer-put/:companyId/:id', async (request, reply) => {
    const { companyId, id } = request.params;
    const body = lowerKeys(request.body);
    let configs: Row[] = [];
    return answer(reply, pool, async (client) => {
      const row = await versionedWrite(client, CUSTOMERS, { id, companyId, onlyUser: null }, { sub: 'bench-raw', role: 'admin' }, async (stored) => {
        configs = (await client.query<Row>({ name: CUSTOM_FIELD_CONFIGS.name, text: CUSTOM_FIELD_CONFIGS.text, values: bind(CUSTOM_FIELD_CONFIGS, { companyId }) })).rows;
        const values: Row = {};
        for (const [field, property] of Object.entries(PUT_FIELDS)) if (field in body) values[property] = body[field];
        const customFieldValues = { ...(stored.customFieldValues as Row) };
        for (const entry of ((body.customfields as unknown[]) ?? []).map(lowerKeys)) {
          if (!configs.some((config) => config.id === entry.id)) throw new RawHttpError(422, 'not a custom field of the company');
          customFieldValues[String(entry.id)] = entry.value;
        }
        const added = ((body.accesskeys as unknown[]) ?? []).map(lowerKeys).map((key) => ({
          id: randomUUID(),
          accessKeyTypeId: key.accesskeytypeid,
          value: key.value,
          description: key.description ?? null,
        }));
        const accessKeys = [...(stored.accessKeys as Row[]), ...added];
        return { values: { ...values, customFieldValues, accessKeys }, ops: [{ op: 'replace', path: '/customFieldValues', value: customFieldValues }] };
      });
      return row && { ...row, customFields: configs };
    });
  });
}

/** Seed 002's JSON Patch of the bench: `replace` of `/category/id` and `/description`. */
function contactJsonPatch(app: FastifyInstance, pool: Pool): void {
  const columns: Record<string, string> = { '/category/id': 'categoryId', '/description': 'description' };
  app.patch<{ Params: { companyId: string; id: string }; Body: unknown }>('/raw-contact/:companyId/:id', async (request, reply) => {
    const operations = Array.isArray(request.body) ? (request.body as Array<{ op?: unknown; path?: unknown; value?: unknown }>) : [];
    const values: Row = { updatedBy: 'bench-raw' };
    for (const { op, path, value } of operations) {
      const column = typeof path === 'string' ? columns[path] : undefined;
      if (op !== 'replace' || !column) return reply.code(400).send({ detail: 'only replace of /category/id and /description' });
      values[column] = value;
    }
    const { companyId, id } = request.params;
    return answer(reply, pool, (client) =>
      versionedWrite(client, CONTACTS, { id: Number(id), companyId }, { sub: 'bench-raw', role: 'admin' }, () => ({ values, ops: operations })),
    );
  });
}

export function recordRoutes(app: FastifyInstance, pool: Pool): void {
  customerSelfPatch(app, pool);
  customerPut(app, pool);
  contactJsonPatch(app, pool);
}
