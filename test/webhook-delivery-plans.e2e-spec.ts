import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { CLAIM, RECORD_BATCH } from '../src/webhooks/delivery-statements';
import { OwnDatabase } from './helpers/own-database';
import { startTestApp } from './helpers/test-app';

/** A row of EXPLAIN (ANALYZE, FORMAT JSON). */
interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows the plan read from webhook_deliveries, over all loops (kept or filtered out). */
function outboxRowsRead(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'webhook_deliveries'
      ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops']
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + outboxRowsRead(child), 0);
}

const COMPANY = '00000000-0000-4000-8000-000000000001';
const SUBSCRIPTION = '00000000-0000-4000-8000-0000000000aa';
const BATCH = 20;

/*
 * The worker's two statements must read about a batch's worth of the outbox, however large it
 * is and whatever its statistics say. A new database is analyzed while the outbox is small, and
 * a backlog (a receiver down for an hour) grows it long before autovacuum analyzes it again:
 * with those statistics the claim once read every pending row for every candidate, and the
 * record scanned the whole table (delivery-statements.ts).
 */
describe('the delivery statements on a backlog the statistics have not seen', () => {
  const own = new OwnDatabase('plans');
  const db = new Client({ connectionString: own.url });
  let app: NestFastifyApplication;

  beforeAll(async () => {
    await own.create();
    app = await startTestApp({ WEBHOOK_DELIVERY: 'off' }, { databaseUrl: own.url }); // runs the migrations
    await db.connect();
    await db.query(
      `INSERT INTO webhook_subscriptions (company_id, id, url, events, secret_encrypted, created_at, updated_at)
       VALUES ($1, $2, 'https://receiver.example/hook', '{*}', 'sealed', now(), now())`,
      [COMPANY, SUBSCRIPTION],
    );
    const deliveries = (from: number, to: number, pendingFrom: number) =>
      db.query(
        `INSERT INTO webhook_deliveries (company_id, id, subscription_id, audit_id, event, resource, resource_id, xact_id, state, next_attempt_at)
         SELECT $1, gen_random_uuid(), $2, n, 'objects.updated', 'objects', (n % 3000)::text, n,
                CASE WHEN n >= $5 THEN 'pending' ELSE 'delivered' END, now() - interval '1 minute'
           FROM generate_series($3::int, $4::int) n`,
        [COMPANY, SUBSCRIPTION, from, to, pendingFrom],
      );
    await deliveries(1, 2_000, 1);
    await db.query('ANALYZE webhook_deliveries');
    await deliveries(2_001, 12_000, 6_000); // 6,000 pending, several per record
    await db.query('SET plan_cache_mode = force_generic_plan'); // what a pooled connection ends up with
  }, 60_000);

  afterAll(async () => {
    await db.end();
    await app.close();
    await own.drop();
  });

  async function rowsRead(statement: { name: string; text: string }, values: (string | number)[]): Promise<number> {
    const prepared = statement.name.replace(/\W/g, '_');
    await db.query('BEGIN');
    try {
      await db.query(`PREPARE ${prepared} AS ${statement.text}`);
      // EXPLAIN EXECUTE takes no bind parameters: the values go in as quoted literals.
      const literals = values.map((value) => db.escapeLiteral(String(value))).join(', ');
      const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ${prepared}(${literals})`,
      );
      return outboxRowsRead(rows[0]['QUERY PLAN'][0].Plan);
    } finally {
      await db.query('ROLLBACK');
    }
  }

  it('the claim reads about a batch, not every pending delivery per candidate', async () => {
    expect(CLAIM.parameterNames).toEqual(['batchSize', 'leaseMs']);
    expect(await rowsRead(CLAIM, [BATCH, 40_000])).toBeLessThan(50 * BATCH);
  });

  it('recording a batch looks its rows up by key, not by reading the outbox', async () => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM webhook_deliveries WHERE state = 'pending' ORDER BY audit_id LIMIT ${BATCH}`,
    );
    const at = new Date().toISOString();
    const outcomes = rows.map(({ id }) => ({
      company_id: COMPANY,
      id,
      state: 'delivered',
      next_attempt_at: null,
      attempt: { at, status: 204, durationMs: 1, error: null },
    }));
    expect(RECORD_BATCH.parameterNames).toEqual(['outcomes']);
    expect(await rowsRead(RECORD_BATCH, [JSON.stringify(outcomes)])).toBeLessThan(10 * BATCH);
  });
});
