/*
 * The raw baselines of a merge PATCH of a customer object: PATCH /raw/:companyId/:id
 * is the locked transaction over the two changed columns (BEGIN, SELECT FOR UPDATE, UPDATE,
 * INSERT audit, COMMIT); PATCH /raw-versioned/:companyId/:id runs the app's own statements
 * (a plain SELECT, then one version-checked UPDATE of every writable column that also inserts
 * the audit row, again when it lost a race).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Pool, PoolClient } from 'pg';
import { OBJECT_SELECT, OBJECT_UPDATE } from './app-statements';
import { RawTable, versionedWrite } from './versioned-write';

const SELECT = {
  name: 'raw-select',
  text: 'SELECT * FROM customer_objects WHERE company_id = $1 AND id = $2 FOR UPDATE',
};
const UPDATE = {
  name: 'raw-update',
  text: `UPDATE customer_objects SET description = $3, rating = $4, version = version + 1, updated_at = now()
         WHERE company_id = $1 AND id = $2 RETURNING *`,
};
const AUDIT = {
  name: 'raw-audit',
  // version and change: what the change feed needs of every change row, as the app writes them.
  text: `INSERT INTO audit_log (company_id, resource, resource_id, at, actor_sub, actor_role, request_id, kind, ops, version, change)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'updated')`,
};

const OBJECTS: RawTable = {
  select: OBJECT_SELECT,
  update: OBJECT_UPDATE,
  resource: 'customer-object',
  jsonb: ['contact', 'contract', 'material', 'address', 'location', 'securityCode', 'key', 'invoiceCCRecipientIds', 'contactIds', 'tags'],
};

interface Params {
  companyId: string;
  id: string;
}
interface Body {
  description?: unknown;
  rating?: unknown;
}

async function patch(client: PoolClient, params: Params, body: Body): Promise<Record<string, unknown> | undefined> {
  const key = [params.companyId, params.id];
  await client.query('BEGIN');
  try {
    const found = await client.query({ ...SELECT, values: key });
    if (found.rowCount === 0) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const updated = await client.query({ ...UPDATE, values: [...key, body.description, body.rating] });
    const ops = [
      { op: 'replace', path: '/description', value: body.description },
      { op: 'replace', path: '/rating', value: body.rating },
    ];
    await client.query({
      ...AUDIT,
      values: [
        params.companyId,
        'customer-object',
        params.id,
        new Date(),
        'bench-raw',
        'admin',
        randomUUID(),
        'change',
        JSON.stringify(ops),
        (updated.rows[0] as { version: number }).version,
      ],
    });
    await client.query('COMMIT');
    return updated.rows[0] as Record<string, unknown>;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The app's read, then write over the version read; a lost race reads again. */
function patchVersioned(client: PoolClient, params: Params, body: Body): Promise<Record<string, unknown> | undefined> {
  return versionedWrite(client, OBJECTS, { id: params.id, companyId: params.companyId }, { sub: 'bench-raw', role: 'admin' }, () => ({
    values: { description: body.description, rating: body.rating, statusLastModifiedAt: new Date(), statusLastModifiedBy: 'bench-raw' },
    ops: [
      { op: 'replace', path: '/description', value: body.description },
      { op: 'replace', path: '/rating', value: body.rating },
    ],
  }));
}

/** Registers both routes; each answers the updated row. */
export function objectPatchRoutes(app: FastifyInstance, pool: Pool): void {
  const route = (path: string, write: typeof patch) =>
    app.patch<{ Params: Params; Body: Body }>(path, async (request, reply) => {
      const body = request.body ?? {};
      if (typeof body.description !== 'string' || typeof body.rating !== 'number') {
        return reply.code(400).send({ detail: 'description (string) and rating (number) are required' });
      }
      const client = await pool.connect();
      try {
        const row = await write(client, request.params, body);
        return row ? reply.code(200).send(row) : reply.code(404).send({ detail: 'not found' });
      } finally {
        client.release();
      }
    });
  route('/raw/:companyId/:id', patch);
  route('/raw-versioned/:companyId/:id', patchVersioned);
}
