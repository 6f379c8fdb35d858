/*
 * The raw baselines of a merge PATCH of a customer object: PATCH /raw/:companyId/:id
 * is the locked transaction (BEGIN, SELECT FOR UPDATE, UPDATE, INSERT audit, COMMIT);
 * PATCH /raw-versioned/:companyId/:id does what the app does (a plain SELECT, then one
 * version-checked UPDATE that also inserts the audit row, again when it lost a race), over
 * only the two changed columns.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Pool, PoolClient } from 'pg';

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

const SELECT_UNLOCKED = {
  name: 'raw-select-unlocked',
  text: 'SELECT * FROM customer_objects WHERE company_id = $1 AND id = $2',
};
const UPDATE_AUDITED = {
  name: 'raw-update-audited',
  text: `WITH written AS (
           UPDATE customer_objects SET description = $4, rating = $5, version = version + 1, updated_at = now()
           WHERE company_id = $1 AND id = $2 AND version = $3 RETURNING *),
         audited AS (
           INSERT INTO audit_log (company_id, resource, resource_id, at, actor_sub, actor_role, request_id, kind, ops, version, change)
           SELECT company_id, 'customer-object', id::text, now(), 'bench-raw', 'admin', $6, 'change', $7, version, 'updated' FROM written)
         SELECT * FROM written`,
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

/** Read, then write only over the version read; a lost race reads again (the app's way). */
async function patchVersioned(client: PoolClient, params: Params, body: Body): Promise<Record<string, unknown> | undefined> {
  const key = [params.companyId, params.id];
  const ops = JSON.stringify([
    { op: 'replace', path: '/description', value: body.description },
    { op: 'replace', path: '/rating', value: body.rating },
  ]);
  for (;;) {
    const found = await client.query<{ version: number }>({ ...SELECT_UNLOCKED, values: key });
    if (found.rowCount === 0) return undefined;
    const values = [...key, found.rows[0].version, body.description, body.rating, randomUUID(), ops];
    const updated = await client.query({ ...UPDATE_AUDITED, values });
    if (updated.rowCount) return updated.rows[0] as Record<string, unknown>;
  }
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
