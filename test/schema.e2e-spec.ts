import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { startTestApp } from './helpers/test-app';

/**
 * The entities are the column map (DESIGN.md "Storage: one declaration per field") and the
 * migrations create the tables: both must say the same, or generated SQL would name columns
 * the database does not have.
 */
describe('Entities and migrations', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('describe the same schema: what migration:generate would write is empty', async () => {
    const dataSource = app.get(DataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('declare every table the migrations create', async () => {
    const dataSource = app.get(DataSource);
    const rows: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    const declared = dataSource.entityMetadatas.map((metadata) => metadata.tableName).sort();
    expect(rows.map((row) => row.table_name).sort()).toEqual(declared);
  });
});
