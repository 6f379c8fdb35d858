import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource, QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { PreparedStatement } from '../src/database/prepared-statement';
import { startTestApp } from './helpers/test-app';

/** Named prepared statements: TypeORM's answers and errors, and they survive a migration under them. */
describe('PreparedStatement', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  const select = new PreparedStatement('test.probe-select', 'SELECT a FROM prepared_statement_probe WHERE a = :a');

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

  it("answers as TypeORM's query does, on a runner's manager, a transaction's and the data source's own", async () => {
    const update = new PreparedStatement('test.probe-update', 'UPDATE prepared_statement_probe SET a = :to WHERE a = :from RETURNING a');
    const runner = dataSource.createQueryRunner();
    try {
      for (const manager of [dataSource.manager, runner.manager]) {
        // TypeORM's own answer to an UPDATE, then the statement's.
        expect(await manager.query('UPDATE prepared_statement_probe SET a = $1 WHERE a = $2 RETURNING a', [2, 1])).toEqual([[{ a: 2 }], 1]);
        expect(await update.run(manager, { to: 1, from: 2 })).toEqual([[{ a: 1 }], 1]);
        expect(await select.run(manager, { a: 1 })).toEqual([{ a: 1 }]);
      }
      await dataSource.transaction(async (manager) => {
        expect(await update.run(manager, { to: 1, from: 99 })).toEqual([[], 0]);
      });
    } finally {
      await runner.release();
    }
  });

  it("fails with TypeORM's QueryFailedError carrying the driver's code, and leaves the connection usable", async () => {
    const failing = new PreparedStatement('test.probe-fail', 'SELECT a / :zero FROM prepared_statement_probe');
    const runner = dataSource.createQueryRunner();
    try {
      const error: unknown = await failing.run(runner.manager, { zero: 0 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(QueryFailedError);
      expect((error as QueryFailedError).driverError).toMatchObject({ code: '22012' });
      expect(await select.run(runner.manager, { a: 1 })).toEqual([{ a: 1 }]);
    } finally {
      await runner.release();
    }
  });

  it('refuses a released runner as TypeORM does', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.release();
    await expect(select.run(runner.manager, { a: 1 })).rejects.toThrow(QueryRunnerProviderAlreadyReleasedError);
  });
});
