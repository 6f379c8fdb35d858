import { Client } from 'pg';

export interface SeededContact {
  companyId: string;
  /** contactId, as the route takes it. */
  id: string;
}

export interface SeededContacts {
  contacts: SeededContact[];
  /** Ids of the `category` reference list (seeded by the migrations, shared by all companies). */
  categoryIds: number[];
}

/*
 * One statement per company. Category, business and country are ids of the reference lists
 * the migrations seed ($2, $3, $4: arrays of valid ids), so every record passes validation.
 */
const INSERT_CONTACTS = `
INSERT INTO contacts (company_id, name, department, org_nr, number1, description, emails, phones,
  category_id, business_id, country_id, interests, address, custom_fields, created_by, updated_by, created_at, updated_at)
SELECT $1::uuid, format('Organisation %s Oy', n), (ARRAY['Sales', 'Support', 'Finance', 'R&D'])[1 + n % 4],
  format('%s-%s', 1000000 + n, n % 10), format('C%s', n), format('Seeded contact %s', n),
  jsonb_build_array(jsonb_build_object('value', format('info%s@org%s.example.com', n, $5::int), 'description', 'Main')),
  jsonb_build_array(jsonb_build_object('value', format('+358 9 %s', lpad((n * 7919 % 1000000)::text, 6, '0')), 'description', 'Office')),
  ($2::int[])[1 + n % cardinality($2::int[])], ($3::int[])[1 + n % cardinality($3::int[])], ($4::int[])[1 + n % cardinality($4::int[])],
  '[]', jsonb_build_object('address1', format('Hämeentie %s', 1 + n % 150), 'city', 'Helsinki', 'zipcode', '00530'),
  jsonb_build_object('segment', format('S%s', n % 7)), 'seed-admin', 'seed-admin',
  timestamptz '2023-06-01T08:00:00Z' + n * interval '2 hours', timestamptz '2023-06-01T08:00:00Z' + n * interval '2 hours'
FROM generate_series(1, $6::int) AS n
RETURNING contact_id`;

const LIST_IDS = 'SELECT id FROM reference_list_items WHERE list_name = $1 ORDER BY rank';

export async function seedContacts(databaseUrl: string, companies: string[], perCompany: number): Promise<SeededContacts> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = async (list: string) => (await client.query<{ id: number }>(LIST_IDS, [list])).rows.map((row) => row.id);
    const [categoryIds, businessIds, countryIds] = [await ids('category'), await ids('business'), await ids('country')];
    if (!categoryIds.length || !businessIds.length || !countryIds.length) throw new Error('the reference lists are empty: did the migrations run?');
    const contacts: SeededContact[] = [];
    for (const [index, companyId] of companies.entries()) {
      const { rows } = await client.query<{ contact_id: number }>(INSERT_CONTACTS, [
        companyId,
        categoryIds,
        businessIds,
        countryIds,
        index + 1,
        perCompany,
      ]);
      for (const row of rows) contacts.push({ companyId, id: String(row.contact_id) });
    }
    await client.query('VACUUM ANALYZE contacts');
    return { contacts, categoryIds };
  } finally {
    await client.end();
  }
}
