import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface SeededObject {
  companyId: string;
  id: string;
}

export interface Seed {
  companies: string[];
  objects: SeededObject[];
}

/** CustomerObjectsRepository.resourceName: the company_sequences counter of object numbers. */
const OBJECT_SEQUENCE = 'customer-object';

/*
 * One statement for all rows. Every value passes the resource's validation, as if the objects
 * had been created through the API: e-mails, ISO country codes, contract end after start, unique tags.
 */
const INSERT_OBJECTS = `
WITH companies AS (
  SELECT company_id, ci::int AS ci FROM unnest($1::uuid[]) WITH ORDINALITY AS c(company_id, ci)
), seeded AS (
  SELECT c.company_id, c.ci, n,
    timestamptz '2023-01-02T08:00:00Z' + n * interval '9 hours' + c.ci * interval '7 minutes' AS created,
    (ARRAY['Mannerheimintie', 'Aleksanterinkatu', 'Hämeentie', 'Itäinen Pitkäkatu', 'Kauppakatu',
           'Hatanpään valtatie', 'Drottninggatan', 'Friedrichstraße'])[1 + n % 8] AS street,
    (ARRAY['Helsinki', 'Helsinki', 'Helsinki', 'Turku', 'Jyväskylä', 'Tampere', 'Stockholm', 'Berlin'])[1 + n % 8] AS city,
    (ARRAY['FI', 'FI', 'FI', 'FI', 'FI', 'FI', 'SE', 'DE'])[1 + n % 8] AS country
  FROM companies c CROSS JOIN generate_series(1, $2::int) AS n
)
INSERT INTO customer_objects (company_id, id, number, chat_id, customer_id, name, status,
  status_created_at, status_created_by, status_last_modified_at, status_last_modified_by,
  contact, contract, object_manager_id, material, address, location, rating, description,
  security_code, key, order_description, contact_name, invoice_recipient_id, invoice_cc_recipient_ids,
  service_recipient, contact_ids, tags, version, created_at, updated_at)
SELECT company_id, gen_random_uuid(), n, gen_random_uuid()::text, NULL,
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
FROM seeded
RETURNING company_id, id`;

/** Later creates continue after the seeded numbers. */
const SET_SEQUENCES = `INSERT INTO company_sequences (company_id, name, last_value)
  SELECT unnest($1::uuid[]), $2, $3
  ON CONFLICT (company_id, name) DO UPDATE SET last_value = EXCLUDED.last_value`;

/**
 * Inserts `perCompany` objects (numbers 1..perCompany) for each of `companies` new companies
 * straight into the migrated schema, in one transaction, then refreshes planner statistics.
 */
export async function seedObjects(databaseUrl: string, companyCount: number, perCompany: number): Promise<Seed> {
  const companies = Array.from({ length: companyCount }, () => randomUUID());
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ company_id: string; id: string }>(INSERT_OBJECTS, [companies, perCompany]);
    await client.query(SET_SEQUENCES, [companies, OBJECT_SEQUENCE, perCompany]);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE customer_objects');
    return { companies, objects: rows.map((row) => ({ companyId: row.company_id, id: row.id })) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
