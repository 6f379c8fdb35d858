/**
 * The RFC 6902 conformance suite over HTTP: every enabled record becomes a customer object
 * whose `securityCode` is the record's document, and its patch (put under `/securityCode`)
 * is sent as `PATCH /v2/objects/:id` to the real app on an embedded PostgreSQL. Expected
 * results must be stored; expected errors must be refused (400, 409, 413 or 422) with the
 * record unchanged. Part of `npm run conformance`.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sign } from 'jsonwebtoken';
import { loadConfig } from '../config/load-config';
import { createApp } from '../src/app.factory';
import { deepEqual } from '../src/common/patch';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.launcher';
import { FIELD, loadSuite, wrapPatch } from './conformance';

const SECRET = randomUUID() + randomUUID();
const REFUSALS = [400, 409, 413, 422];

async function main(): Promise<number> {
  const suite = loadSuite();
  if (!suite) {
    console.log('Conformance suite not found; nothing to run over HTTP.');
    return 0;
  }
  const runDir = `.data/conformance-${process.pid}`;
  const database = await startEmbeddedPostgres({ dataDir: `${runDir}/pg`, persistent: false });
  const app = await createApp(loadConfig({ JWT_SECRET: SECRET, LOG_LEVEL: 'silent', RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_TOKEN: '1000000' }), database.url, { silent: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const token = sign({ sub: 'conformance', companyId: randomUUID(), role: 'admin', scope: 'objects:write' }, SECRET, { expiresIn: 3600 });
  const headers = { authorization: `Bearer ${token}` };

  let passed = 0;
  const failures: string[] = [];
  try {
    for (const { file, index, record } of suite.filter((entry) => entry.record.disabled !== true)) {
      const created = await app.inject({ method: 'POST', url: '/v2/objects', headers, payload: { name: 'conformance', [FIELD]: record.doc } });
      if (created.statusCode !== 201) {
        failures.push(`${file}#${index}: could not create the record (${created.statusCode})`);
        continue;
      }
      const id = created.json<{ _id: string }>()._id;
      const response = await app.inject({
        method: 'PATCH',
        url: `/v2/objects/${id}`,
        headers: { ...headers, 'content-type': 'application/json-patch+json' },
        payload: JSON.stringify(wrapPatch(record.patch)),
      });
      const stored = (await app.inject({ method: 'GET', url: `/v2/objects/${id}`, headers })).json<Record<string, unknown>>();
      const label = `${file}#${index} ${record.comment ?? record.error ?? ''}`;
      if (record.error !== undefined) {
        if (!REFUSALS.includes(response.statusCode)) failures.push(`${label}: expected a refusal, got ${response.statusCode}`);
        else if (!deepEqual(stored[FIELD], record.doc)) failures.push(`${label}: refused but the record changed`);
        else passed++;
      } else if (response.statusCode !== 200) {
        failures.push(`${label}: expected 200, got ${response.statusCode} ${response.body}`);
      } else if ('expected' in record && !deepEqual(stored[FIELD], record.expected)) {
        failures.push(`${label}: stored ${JSON.stringify(stored[FIELD])}, expected ${JSON.stringify(record.expected)}`);
      } else {
        passed++;
      }
    }
  } finally {
    await app.close();
    await database.stop();
    rmSync(runDir, { recursive: true, force: true });
  }
  console.log(`HTTP: ${passed} passed, ${failures.length} failed`);
  for (const failure of failures) console.log(`  FAIL ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
