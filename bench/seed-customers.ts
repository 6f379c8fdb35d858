import { Client } from 'pg';

/** A customer the bench edits; `userId` set: the customer itself edits it with its own token. */
export interface SeededCustomer {
  companyId: string;
  id: string;
  userId: string | null;
}

export interface SeededCustomers {
  /** restrictedTypeId 1, linked to an account (`userId`): edited by the customer itself. */
  self: SeededCustomer[];
  /** restrictedTypeId 0, no account: edited by the admin through seed 003's PUT. */
  put: SeededCustomer[];
  /** The one TextBox custom field config of each company (seed 003), by company. */
  customFieldIds: Map<string, number>;
}

/** CustomersRepository.resourceName: the company_sequences counter of customer numbers. */
const CUSTOMER_SEQUENCE = 'customer';

/*
 * One statement per company: numbers 1..$2 are the customer's own (restricted, with an
 * account), $2+1..$2+$3 the admin's. Every value passes the resource's validation (lengths,
 * e-mail, ISO country, at most two SMS numbers, a birth date in the past).
 */
const INSERT_CUSTOMERS = `
INSERT INTO customers (company_id, id, customer_number, user_id, first_name, last_name, name, email, phone,
  sms_numbers, editable_by_customer, subscribed_to_newsletter, identity_number, date_of_birth, sex, notes,
  language_id, restricted_type_id, country, invoice_address, custom_field_values, access_keys, created_at, updated_at)
SELECT $1::uuid, gen_random_uuid(), n,
  CASE WHEN n <= $2::int THEN format('bench-customer-%s-%s', $4::int, n) END,
  (ARRAY['Aino', 'Eero', 'Helmi', 'Onni', 'Sofia', 'Väinö'])[1 + n % 6],
  (ARRAY['Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Lahtinen'])[1 + n % 5],
  format('Customer %s', n),
  format('customer%s@company%s.example.com', n, $4::int),
  format('+358 40 %s', lpad((n * 7919 % 10000000)::text, 7, '0')),
  jsonb_build_array(format('+358 50 %s', lpad((n * 31 % 10000000)::text, 7, '0'))),
  true, n % 2 = 0, format('ID-%s-%s', $4::int, n), date '1950-01-01' + (n % 20000), n % 3,
  format('Seeded customer %s', n), 1,
  CASE WHEN n <= $2::int THEN 1 ELSE 0 END,
  'FI',
  jsonb_build_object('invoiceAddress1', format('Kauppakatu %s', 1 + n % 90), 'invoiceCity', 'Tampere',
                     'invoicePostalCode', '33100', 'invoiceCountryCode', 'FI'),
  '{}', '[]',
  timestamptz '2024-01-01T08:00:00Z' + n * interval '1 hour', timestamptz '2024-01-01T08:00:00Z' + n * interval '1 hour'
FROM generate_series(1, $2::int + $3::int) AS n
RETURNING id, customer_number, user_id`;

const INSERT_FIELD_CONFIG = `INSERT INTO custom_field_configs (company_id, name, description, data_type, max_length)
  VALUES ($1, 'Number of persons', 'For how many persons is this booking?', 'TextBox', 50) RETURNING id`;

const SET_SEQUENCE = `INSERT INTO company_sequences (company_id, name, last_value) VALUES ($1, $2, $3)
  ON CONFLICT (company_id, name) DO UPDATE SET last_value = EXCLUDED.last_value`;

/** Customers and one custom field config per company, straight into the migrated schema. */
export async function seedCustomers(
  databaseUrl: string,
  companies: string[],
  selfPerCompany: number,
  putPerCompany: number,
): Promise<SeededCustomers> {
  const seeded: SeededCustomers = { self: [], put: [], customFieldIds: new Map() };
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [index, companyId] of companies.entries()) {
      const { rows } = await client.query<{ id: string; customer_number: number; user_id: string | null }>(INSERT_CUSTOMERS, [
        companyId,
        selfPerCompany,
        putPerCompany,
        index + 1,
      ]);
      for (const row of rows) (row.user_id ? seeded.self : seeded.put).push({ companyId, id: row.id, userId: row.user_id });
      await client.query(SET_SEQUENCE, [companyId, CUSTOMER_SEQUENCE, selfPerCompany + putPerCompany]);
      const config = await client.query<{ id: number }>(INSERT_FIELD_CONFIG, [companyId]);
      seeded.customFieldIds.set(companyId, config.rows[0].id);
    }
    await client.query('VACUUM ANALYZE customers');
    await client.query('VACUUM ANALYZE custom_field_configs');
  } finally {
    await client.end();
  }
  return seeded;
}
