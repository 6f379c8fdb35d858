/*
 * Raw counterparts of the app's reads of customer objects, with the app's own statements:
 * GET /raw-get/:companyId/:id?$select=… answers only the selected fields; GET
 * /raw-list/:companyId?limit=n answers the first page (the app reads one row more, to know
 * whether a next page exists).
 */
import type { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { bind, OBJECT_LIST, OBJECT_SELECT } from './app-statements';

type Row = Record<string, unknown>;

/** `name,contact/email` -> { name, contact: { email } }, read from the row's columns (a scalar column stands for its one child). */
function project(row: Row, select: string): Row {
  const result: Row = {};
  for (const path of select.split(',')) {
    const [field, child] = path.trim().split('/');
    const value = row[field];
    if (child === undefined) result[field] = value;
    else {
      const parent = (result[field] ??= {}) as Row;
      parent[child] = typeof value === 'object' && value !== null ? (value as Row)[child] : value;
    }
  }
  return result;
}

export function objectReadRoutes(app: FastifyInstance, pool: Pool): void {
  app.get<{ Params: { companyId: string; id: string }; Querystring: { $select?: string } }>('/raw-get/:companyId/:id', async (request, reply) => {
    const { companyId, id } = request.params;
    const { rows } = await pool.query<Row>({ name: OBJECT_SELECT.name, text: OBJECT_SELECT.text, values: bind(OBJECT_SELECT, { id, companyId }) });
    if (!rows[0]) return reply.code(404).send({ detail: 'not found' });
    return reply.code(200).send(request.query.$select ? project(rows[0], request.query.$select) : rows[0]);
  });

  app.get<{ Params: { companyId: string }; Querystring: { limit?: string } }>('/raw-list/:companyId', async (request, reply) => {
    const limit = Math.min(200, Number(request.query.limit ?? 50) || 50);
    const values = bind(OBJECT_LIST, { companyId: request.params.companyId, afterCreatedAt: null, afterId: null, limit: limit + 1 });
    const { rows } = await pool.query<Row>({ name: OBJECT_LIST.name, text: OBJECT_LIST.text, values });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') : null;
    return reply.code(200).send({ items, nextCursor });
  });
}
