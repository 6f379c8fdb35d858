import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '../src/database/prepared-statement';
import { startTestApp } from './helpers/test-app';

/** Named prepared statements survive a migration that changes their table under them. */
describe('PreparedStatement', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await startTestApp();
    dataSource = app.get(DataSource);
    await dataSource.query('CREATE TABLE prepared_statement_probe (a int)');
    await dataSource.query('INSERT INTO prepared_statement_probe VALUES (1)');
  });
  afterAll(async () => {
    await dataSource.query('DROP TABLE prepared_statement_probe');
    await app.close();
  });

  it('still answers after a column is added under its SELECT * on the same connection', async () => {
    const statement = new PreparedStatement('test.probe', 'SELECT * FROM prepared_statement_probe WHERE a = :a');
    const runner = dataSource.createQueryRunner();
    try {
      expect(await statement.run(runner.manager, { a: 1 })).toEqual([{ a: 1 }]);
      await runner.query('ALTER TABLE prepared_statement_probe ADD COLUMN b text');
      expect(await statement.run(runner.manager, { a: 1 })).toEqual([{ a: 1, b: null }]);
    } finally {
      await runner.release();
    }
  });
});
