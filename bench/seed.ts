import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { log } from './log';

export interface SeededObject {
  companyId: string;
  id: string;
}

/** The seeded objects, named by company and number: with a million, no list of ids is kept. */
export interface SeededObjects {
  companies: string[];
  total: number;
  /** A random seeded object (uniform over all of them). */
  pick(): SeededObject;
}

/**
 * The id of object `number` of a company: a version-4-shaped UUID from the MD5 of
 * `<companyId>:<number>`, computed the same way by INSERT_OBJECTS, so the harness finds any
 * object without reading the ids back.
 */
export function objectId(companyId: string, number: number): string {
  const h = createHash('md5').update(`${companyId}:${number}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** CustomerObjectsRepository.resourceName: the company_sequences counter of object numbers. */
const OBJECT_SEQUENCE = 'customer-object';

/*
 * One statement per chunk of one company's numbers $3..$4. Every value passes the resource's
 * validation, as if the objects had been created through the API: e-mails, ISO country codes,
 * contract end after start, unique tags.
 */
const INSERT_OBJECTS = `
WITH seeded AS (
  SELECT $1::uuid AS company_id, $2::int AS ci, n, md5($1::text || ':' || n) AS h,
    timestamptz '2023-01-02T08:00:00Z' + n * interval '9 minutes' + $2::int * interval '7 seconds' AS created,
    (ARRAY['Mannerheimintie', 'Aleksanterinkatu', 'Hämeentie', 'Itäinen Pitkäkatu', 'Kauppakatu',
           'Hatanpään valtatie', 'Drottninggatan', 'Friedrichstraße'])[1 + n % 8] AS street,
    (ARRAY['Helsinki', 'Helsinki', 'Helsinki', 'Turku', 'Jyväskylä', 'Tampere', 'Stockholm', 'Berlin'])[1 + n % 8] AS city,
    (ARRAY['FI', 'FI', 'FI', 'FI', 'FI', 'FI', 'SE', 'DE'])[1 + n % 8] AS country
  FROM generate_series($3::int, $4::int) AS n
)
INSERT INTO customer_objects (company_id, id, number, chat_id, customer_id, name, status,
  status_created_at, status_created_by, status_last_modified_at, status_last_modified_by,
  contact, contract, object_manager_id, material, address, location, rating, description,
  security_code, key, order_description, contact_name, invoice_recipient_id, invoice_cc_recipient_ids,
  service_recipient, contact_ids, tags, version, created_at, updated_at)
SELECT company_id,
  (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12))::uuid,
  n, gen_random_uuid()::text, NULL,
  format('%s %s, %s', street, 1 + n % 120, city),
  n % 6,
  created, 'seed-admin', created + interval '3 days', 'seed-admin',
  jsonb_build_object('phone', format('+358 40 %s', lpad((n * 7919 % 10000000)::text, 7, '0')),
                     'email', format('object%s@company%s.example.com', n, ci), 'fax', NULL),
  jsonb_build_object('startDate', to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                     'endDate', to_char((created + interval '2 years') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
  format('manager-%s', n % 25),
  jsonb_build_array(jsonb_build_object('articleId', format('ART-%s', 1000 + n % 300), 'budget', n * 37 % 5000 + 0.5),
                    jsonb_build_object('articleId', format('ART-%s', 2000 + n % 150), 'budget', n % 800)),
  jsonb_build_object('street', format('%s %s', street, 1 + n % 120), 'zip', lpad((n * 31 % 99999)::text, 5, '0'),
                     'city', city, 'country', country),
  jsonb_build_object('latitude', round(60.0 + (n % 500) / 1000.0, 6), 'longitude', round(24.5 + (n % 900) / 1000.0, 6)),
  (n % 51) / 10.0,
  format('Object %s of company %s: %s cleaning, %s floors, access through the main entrance.',
         n, ci, (ARRAY['weekly', 'daily', 'monthly'])[1 + n % 3], 1 + n % 9),
  jsonb_build_object('alarmCode', lpad((n * 13 % 10000)::text, 4, '0'), 'doorCode', format('A%s', n % 100)),
  jsonb_build_object('keyNumber', format('K-%s-%s', ci, n), 'location', 'Reception key cabinet'),
  format('Order %s: regular maintenance', n),
  format('Contact Person %s', n),
  format('INV-%s-%s', ci, n % 50),
  jsonb_build_array(format('cc-%s', n % 20), format('cc-%s', 20 + n % 20)),
  format('Service team %s', 1 + n % 12),
  jsonb_build_array(gen_random_uuid(), gen_random_uuid()),
  jsonb_build_array(format('zone-%s', n % 10), format('priority-%s', n % 3)),
  1, created, created + interval '3 days'
FROM seeded`;

/** Later creates continue after the seeded numbers. */
const SET_SEQUENCE = `INSERT INTO company_sequences (company_id, name, last_value) VALUES ($1, $2, $3)
  ON CONFLICT (company_id, name) DO UPDATE SET last_value = EXCLUDED.last_value`;

/** Rows per INSERT: a million objects go in as chunks, each its own transaction. */
const CHUNK = 50_000;

/**
 * Inserts `total` objects spread evenly over `companyCount` new companies (numbers 1..n in
 * each) straight into the migrated schema, in chunks, then refreshes planner statistics.
 */
export async function seedObjects(databaseUrl: string, companyCount: number, total: number): Promise<SeededObjects> {
  const companies = Array.from({ length: companyCount }, () => randomUUID());
  const counts = companies.map((_, index) => Math.floor(total / companyCount) + (index < total % companyCount ? 1 : 0));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let done = 0;
    for (const [index, companyId] of companies.entries()) {
      for (let from = 1; from <= counts[index]; from += CHUNK) {
        const to = Math.min(counts[index], from + CHUNK - 1);
        await client.query(INSERT_OBJECTS, [companyId, index + 1, from, to]);
        done += to - from + 1;
        if (total > CHUNK) log(`  ${done} / ${total} objects`);
      }
      await client.query(SET_SEQUENCE, [companyId, OBJECT_SEQUENCE, counts[index]]);
    }
    await client.query('VACUUM ANALYZE customer_objects');
  } finally {
    await client.end();
  }
  return {
    companies,
    total,
    pick: () => {
      const index = Math.floor(Math.random() * companies.length);
      return { companyId: companies[index], id: objectId(companies[index], 1 + Math.floor(Math.random() * counts[index])) };
    },
  };
}
