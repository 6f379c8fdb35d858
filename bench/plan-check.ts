import { Client } from 'pg';
import { AppStatement, bind, CONTACT_SELECT, CUSTOMER_SELECT, OBJECT_LIST, OBJECT_LIST_AFTER, OBJECT_SELECT } from './raw/app-statements';

/** How PostgreSQL runs one of the app's prepared statements. */
export interface PlanReport {
  /** The plan the app gets: plan_cache_mode auto, after 6 executions (from the 6th on PostgreSQL may switch to a generic plan). */
  auto: PlanFacts;
  /** plan_cache_mode = force_generic_plan: the plan once PostgreSQL stops planning for the values. */
  generic: PlanFacts;
}

export interface PlanFacts {
  /** A sequential scan of the statement's table: the index is not used. */
  seqScan: boolean;
  executionMs: number;
  /** EXPLAIN ANALYZE, the node lines only. */
  plan: string[];
}

export interface PlanSample {
  companyId: string;
  objectId: string;
  customerId: string;
  contactId: string;
}

/**
 * The app's lookup and list statements (copied in bench/raw/app-statements.ts) as SQL-level
 * prepared statements, explained the way the app's protocol-level ones are planned. A generic
 * plan cannot know which values come, so a condition like `($1::uuid IS NULL OR company_id = $1)`
 * would make it scan the table (the lists state the company without one since); this shows
 * whether any of them stops using an index at the seeded scale.
 */
export async function checkPlans(databaseUrl: string, sample: PlanSample): Promise<Record<string, PlanReport>> {
  const cases: Array<[AppStatement, string, Record<string, unknown>]> = [
    [OBJECT_SELECT, 'customer_objects', { id: sample.objectId, companyId: sample.companyId }],
    [OBJECT_LIST, 'customer_objects', { companyId: sample.companyId, limit: 21 }],
    [OBJECT_LIST_AFTER, 'customer_objects', { companyId: sample.companyId, afterCreatedAt: new Date().toISOString(), afterId: sample.objectId, limit: 21 }],
    [CUSTOMER_SELECT, 'customers', { id: sample.customerId, companyId: sample.companyId, onlyUser: null }],
    [CONTACT_SELECT, 'contacts', { id: Number(sample.contactId), companyId: sample.companyId }],
  ];
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const reports: Record<string, PlanReport> = {};
    for (const [index, [statement, table, values]] of cases.entries()) {
      const name = `bench_plan_${index}`;
      await client.query(`PREPARE ${name} AS ${statement.text}`);
      const execute = await executeWith(client, name, bind(statement, values));
      await client.query('SET plan_cache_mode = auto');
      for (let run = 0; run < 6; run++) await client.query(execute);
      const auto = await explain(client, execute, table);
      await client.query('SET plan_cache_mode = force_generic_plan');
      const generic = await explain(client, execute, table);
      await client.query('RESET plan_cache_mode');
      await client.query(`DEALLOCATE ${name}`);
      reports[statement.name ?? name] = { auto, generic };
    }
    return reports;
  } finally {
    await client.end();
  }
}

/**
 * `EXECUTE name(…)` whose arguments read the values from session settings: EXECUTE takes no
 * protocol parameters, and values never become SQL text. Each argument is cast to the type
 * PostgreSQL inferred for it (pg_prepared_statements).
 */
async function executeWith(client: Client, name: string, values: unknown[]): Promise<string> {
  const { rows } = await client.query<{ types: string }>(
    'SELECT parameter_types::text AS types FROM pg_prepared_statements WHERE name = $1',
    [name],
  );
  const types = rows[0].types.replace(/^\{|\}$/g, '').split(',').map((type) => type.replace(/"/g, ''));
  const args: string[] = [];
  for (const [index, value] of values.entries()) {
    await client.query('SELECT set_config($1, $2, false)', [`bench_plan.p${index}`, value === null ? '' : String(value as string | number)]);
    if (!/^[a-z][a-z0-9 _]*$/.test(types[index])) throw new Error(`unexpected parameter type ${types[index]}`);
    args.push(`NULLIF(current_setting('bench_plan.p${index}'), '')::${types[index]}`);
  }
  return `EXECUTE ${name}(${args.join(', ')})`;
}

async function explain(client: Client, execute: string, table: string): Promise<PlanFacts> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${execute}`);
  const lines = rows.map((row) => row['QUERY PLAN']);
  const time = /Execution Time: ([\d.]+) ms/.exec(lines.join('\n'));
  return {
    seqScan: lines.some((line) => line.includes(`Seq Scan on ${table}`)),
    executionMs: time ? Number(time[1]) : NaN,
    plan: lines.filter((line) => !/^(Planning|Execution) Time/.test(line.trim())).map((line) => line.trimEnd()),
  };
}
