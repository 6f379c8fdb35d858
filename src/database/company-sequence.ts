import { DataSource, EntityManager } from 'typeorm';
import { CompanySequenceEntity } from './company-sequence.entity';
import { entityColumns } from './entity-columns';
import { PreparedStatement } from './prepared-statement';

/**
 * The next number of a per-company sequence (1, 2, ...), without gaps: the counter row is
 * locked until the creating transaction ends, and a rollback returns the number.
 */
export class CompanySequence {
  private readonly next: PreparedStatement<'companyId' | 'name'>;

  constructor(dataSource: DataSource) {
    const { table, column } = entityColumns(dataSource, CompanySequenceEntity);
    const [companyId, name, lastValue] = [column('companyId'), column('name'), column('lastValue')];
    this.next = new PreparedStatement(
      'company-sequences.next',
      `INSERT INTO ${table} (${companyId}, ${name}, ${lastValue}) VALUES (:companyId, :name, 1)
        ON CONFLICT (${companyId}, ${name}) DO UPDATE SET ${lastValue} = ${table}.${lastValue} + 1
        RETURNING ${lastValue} AS "lastValue"`,
    );
  }

  async nextNumber(manager: EntityManager, companyId: string, name: string): Promise<number> {
    const [row] = await this.next.run<Array<Pick<CompanySequenceEntity, 'lastValue'>>>(manager, { companyId, name });
    return row.lastValue;
  }
}
