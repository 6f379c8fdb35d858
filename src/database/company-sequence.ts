import { EntityManager } from 'typeorm';

const NEXT = `INSERT INTO company_sequences (company_id, name, last_value) VALUES ($1, $2, 1)
              ON CONFLICT (company_id, name) DO UPDATE SET last_value = company_sequences.last_value + 1
              RETURNING last_value`;

/**
 * The next number of a per-company sequence (1, 2, ...), without gaps: the counter row is
 * locked until the creating transaction ends, and a rollback returns the number.
 */
export async function nextCompanyNumber(manager: EntityManager, companyId: string, sequence: string): Promise<number> {
  const [row] = await manager.query<{ last_value: number }[]>(NEXT, [companyId, sequence]);
  return row.last_value;
}
