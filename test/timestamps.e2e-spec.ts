import { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { parseTimestamptz } from '../src/database/timestamps';
import { startTestApp } from './helpers/test-app';

/**
 * The app's timestamptz parser (src/database/timestamps.ts) on what PostgreSQL itself writes,
 * in zones with whole, half and quarter hour offsets and old local mean times (seconds), for
 * instants from 4000 BC to after 9999: the Date is the instant the server holds, to the ms.
 */
describe('timestamptz values read from PostgreSQL', () => {
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  const zones = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/Paris', 'America/Los_Angeles'];
  const MICROS_PER_MS = 1000n;
  const micros = fc.sample(
    fc.oneof(
      fc.bigInt({ min: BigInt(Date.UTC(1000, 0, 2)) * MICROS_PER_MS, max: BigInt(Date.UTC(9999, 11, 30)) * MICROS_PER_MS }),
      fc.bigInt({ min: BigInt(Date.UTC(-4000, 0, 1)) * MICROS_PER_MS, max: BigInt(Date.UTC(20000, 0, 1)) * MICROS_PER_MS }),
    ),
    { numRuns: 300, seed: 20261204 },
  );

  beforeAll(async () => {
    app = await startTestApp();
    dataSource = app.get(DataSource);
  });
  afterAll(async () => {
    await app.close();
  });

  it('are parsed by parseTimestamptz', () => {
    expect(types.getTypeParser(types.builtins.TIMESTAMPTZ)).toBe(parseTimestamptz);
  });

  it.each(zones)('are the instants the server holds, in TimeZone %s', async (zone) => {
    const rows: Array<{ text: string; parsed: Date; ms: string }> = await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('TimeZone', $1, true)`, [zone]);
      return manager.query(
        `SELECT t::text AS text, t AS parsed, floor(extract(epoch FROM t) * 1000)::bigint::text AS ms
           FROM unnest($1::bigint[]) AS m(micros), LATERAL (SELECT 'epoch'::timestamptz + m.micros * interval '1 microsecond' AS t) AS x`,
        [micros.map(String)],
      );
    });
    expect(rows).toHaveLength(micros.length);
    const wrong = rows.filter((row) => !(row.parsed instanceof Date) || row.parsed.getTime() !== Number(row.ms));
    expect(wrong).toEqual([]);
  });
});
