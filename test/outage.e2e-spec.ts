import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response as LightMyRequestResponse } from 'light-my-request';
import { Client } from 'pg';
import { findFreePort } from '../src/database/free-port';
import { adminWithObject, expectUnchanged, getObject, historyOf, OBJECTS, patch, snapshot } from './helpers/factories';
import { TcpProxy } from './helpers/tcp-proxy';
import { startTestApp } from './helpers/test-app';
import { bearer } from './helpers/tokens';

/** API.md §1.10: the database down or too slow is 503 with Retry-After, bounded, and the service recovers alone. */

const TIMEOUT_MS = 1000;
/** Scheduling slack on a busy 2-core machine; an unbounded wait would blow far past it. */
const MARGIN_MS = 1000;

// Each test waits out a freeze and the recovery probe: seconds, more than Jest's default 5 s on a busy machine.
jest.setTimeout(20_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Timed {
  response: LightMyRequestResponse;
  ms: number;
}

async function timed(request: PromiseLike<LightMyRequestResponse>): Promise<Timed> {
  const start = performance.now();
  const response = await request;
  return { response, ms: performance.now() - start };
}

function expectUnavailable({ response, ms }: Timed): void {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status: 503 });
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.headers['retry-after']).toMatch(/^[1-9]\d*$/);
  expect(response.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
  expect(ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
}

async function eventually(condition: () => Promise<boolean>, withinMs = 6000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${withinMs} ms`);
    await sleep(everyMs);
  }
}

describe('Database outages (API.md §1.10)', () => {
  let app: NestFastifyApplication;
  let proxy: TcpProxy;
  let direct: Client;
  const logged: Array<{ level: string; text: string }> = [];

  beforeAll(async () => {
    for (const level of ['error', 'warn', 'log'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        logged.push({ level, text: args.filter((arg) => typeof arg === 'string').join(' ') });
      });
    }
    const database = new URL(process.env.TEST_DATABASE_URL!);
    proxy = new TcpProxy(database.hostname, Number(database.port), await findFreePort());
    await proxy.open();
    const throughProxy = new URL(database.toString());
    throughProxy.port = String(proxy.port);
    app = await startTestApp({ DATABASE_TIMEOUT_MS: String(TIMEOUT_MS) }, { databaseUrl: throughProxy.toString() });
    direct = new Client({ connectionString: database.toString() });
    await direct.connect();
  });
  afterAll(async () => {
    proxy.resume();
    await proxy.open();
    await app.close();
    await proxy.close();
    await direct.end();
    jest.restoreAllMocks();
  });

  const lines = (text: string) => logged.filter((line) => line.text.includes(text)).length;
  const createdNamed = async (companyId: string, names: string[]) =>
    (await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM customer_objects WHERE company_id = $1 AND name = ANY($2)', [companyId, names]))
      .rows[0].n;

  /** The incident closes when the probe finds the database again; each test starts from a healthy service. */
  async function recovered(recoveriesBefore: number): Promise<void> {
    await eventually(async () => lines('Database answers again') > recoveriesBefore);
  }

  it('answers writes and reads sent while the database is frozen with 503 and Retry-After within DATABASE_TIMEOUT_MS, stores none of them, logs the incident once and recovers without a restart', async () => {
    const { company, token, id } = await adminWithObject(app);
    const before = await snapshot(app, token, id);
    const [unavailableBefore, recoveriesBefore] = [lines('Database unavailable'), lines('Database answers again')];
    const createdNames = ['frozen create 1', 'frozen create 2'];
    // Pooled connections that were fine a moment ago are the ones that hang when the database freezes.
    await Promise.all(Array.from({ length: 8 }, () => getObject(app, token, id)));

    proxy.stall();
    const answers = await Promise.all([
      timed(patch(app, `${OBJECTS}/${id}`, token, { name: 'frozen patch 1' })),
      timed(patch(app, `${OBJECTS}/${id}`, token, [{ op: 'replace', path: '/name', value: 'frozen patch 2' }], 'application/json-patch+json')),
      ...createdNames.map((name) => timed(app.inject({ method: 'POST', url: OBJECTS, headers: bearer(token), payload: { name } }))),
      timed(getObject(app, token, id)),
      timed(app.inject({ method: 'GET', url: `${OBJECTS}?limit=5`, headers: bearer(token) })),
      timed(app.inject({ method: 'GET', url: '/health/ready' })),
      // More requests than the pool has connections (10): the last ones wait for one, boundedly too.
      ...Array.from({ length: 8 }, () => timed(getObject(app, token, id))),
    ]);
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    proxy.resume();

    answers.forEach(expectUnavailable);
    expect(live.statusCode).toBe(200);
    expect(lines('Database unavailable') - unavailableBefore).toBe(1);
    expect(lines('Unhandled error')).toBe(0);

    await eventually(async () => (await getObject(app, token, id)).statusCode === 200);
    await expectUnchanged(app, token, before);
    expect(await createdNamed(company, createdNames)).toBe(0);
    expect((await patch(app, `${OBJECTS}/${id}`, token, { name: 'after the freeze' })).statusCode).toBe(200);
    await recovered(recoveriesBefore);
  });

  it('bounds a write in flight when the database freezes, and stores every write answered 2xx', async () => {
    const writers = await Promise.all([1, 2, 3].map(() => adminWithObject(app)));
    const recoveriesBefore = lines('Database answers again');
    const answers: Array<Timed & { writer: number; name: string }> = [];
    let phase: 'before' | 'frozen' | 'after' = 'before';
    let servedAfter = 0;

    const write = async (writer: number) => {
      const { token, id } = writers[writer];
      for (let n = 0; phase !== 'after' || servedAfter < writers.length * 3; n++) {
        const name = `writer ${writer} write ${n}`;
        const answer = await timed(patch(app, `${OBJECTS}/${id}`, token, { name }));
        answers.push({ ...answer, writer, name });
        if (phase === 'after' && answer.response.statusCode === 200) servedAfter++;
        if (answer.response.statusCode !== 200) await sleep(50); // a client backing off
      }
    };
    const running = Promise.all(writers.map((_, writer) => write(writer)));
    await sleep(300);
    proxy.stall();
    phase = 'frozen';
    // Longer than the bound: a write in flight at the freeze that waited for the database to
    // come back would take at least this long.
    await sleep(TIMEOUT_MS + MARGIN_MS + 500);
    proxy.resume();
    phase = 'after';
    await running;

    for (const answer of answers) {
      if (answer.response.statusCode === 200) expect(answer.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      else expectUnavailable(answer);
    }
    expect(answers.filter((answer) => answer.response.statusCode === 503).length).toBeGreaterThanOrEqual(writers.length);
    for (const [writer, { token, id }] of writers.entries()) {
      const served = answers.filter((answer) => answer.writer === writer && answer.response.statusCode === 200).map((answer) => answer.name);
      const stored = (await historyOf(app, token, id)).map((entry) => entry.ops[0].value as string);
      expect(stored).toEqual(expect.arrayContaining(served));
      expect((await getObject(app, token, id)).json().name).toBe(served[served.length - 1]);
    }
    await recovered(recoveriesBefore);
  });

  it('answers 503 at once, not after the timeout, when the database refuses connections, and serves again once it is back', async () => {
    const { token, id } = await adminWithObject(app);
    const before = await snapshot(app, token, id);
    const recoveriesBefore = lines('Database answers again');

    const requests = () =>
      Promise.all([
        timed(patch(app, `${OBJECTS}/${id}`, token, { name: 'while stopped' })),
        timed(getObject(app, token, id)),
        timed(app.inject({ method: 'GET', url: '/health' })),
      ]);
    await proxy.close();
    // First on the pooled connections the cut closed, then on new ones the database refuses.
    const answers = await requests();
    await sleep(200);
    answers.push(...(await requests()));
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    await proxy.open();

    for (const answer of answers) {
      expectUnavailable(answer);
      expect(answer.ms).toBeLessThan(TIMEOUT_MS);
    }
    expect(live.statusCode).toBe(200);
    await eventually(async () => (await getObject(app, token, id)).statusCode === 200);
    await expectUnchanged(app, token, before);
    await recovered(recoveriesBefore);
  });

  describe('with the row locked by another session', () => {
    beforeEach(() => direct.query('BEGIN'));
    afterEach(() => direct.query('ROLLBACK'));

    const lock = (id: string) => direct.query('SELECT 1 FROM customer_objects WHERE id = $1 FOR UPDATE', [id]);

    it('answers 503 within DATABASE_TIMEOUT_MS when a statement waits longer (a row locked elsewhere) and stores nothing', async () => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      await lock(id);
      const answer = await timed(patch(app, `${OBJECTS}/${id}`, token, { name: 'waited for the lock' }));
      await direct.query('ROLLBACK');
      await direct.query('BEGIN');

      expectUnavailable(answer);
      await expectUnchanged(app, token, before);
    });

    it('answers 503 when the administrator terminates the session serving the request (57P01), and only that request', async () => {
      const { token, id } = await adminWithObject(app);
      const before = await snapshot(app, token, id);
      for (let round = 0; round < 5; round++) {
        await lock(id);
        const pending = timed(patch(app, `${OBJECTS}/${id}`, token, { name: `terminated ${round}` }));
        let terminated = 0;
        await eventually(async () => {
          const result = await direct.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          );
          terminated = result.rowCount ?? 0;
          return terminated > 0;
        }, TIMEOUT_MS, 10);
        const answer = await pending;
        await direct.query('ROLLBACK');
        await direct.query('BEGIN');
        // The server closes the socket a moment after its FATAL error: that connection must not be lent again.
        const next = await Promise.all([1, 2, 3].map(() => getObject(app, token, id)));

        expect(terminated).toBe(1);
        expectUnavailable(answer);
        expect(next.map((response) => response.statusCode)).toEqual([200, 200, 200]);
      }
      await expectUnchanged(app, token, before);
    });
  });
});
