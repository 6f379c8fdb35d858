import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { preparedStatementSql } from '../src/database/prepared-statement';
import { newObject, OBJECTS } from './helpers/factories';
import { startTestApp } from './helpers/test-app';
import { actorToken, bearer, newCompany } from './helpers/tokens';

/*
 * The bench's raw server compares the app with bare handlers running the app's own SQL
 * (bench/raw/app-statements.ts, which imports no app code). This keeps that copy equal to what
 * the app prepares, so the comparison stays like for like when the storage layer changes.
 * UPDATE_BENCH_STATEMENTS=1 writes the app's current statements into the file instead.
 */
const FILE = join(__dirname, '..', 'bench', 'raw', 'app-statements.ts');
const ENTRY = /(name: )"([^"]+)"(,\n {2}text: )`([^`]*)`(,\n {2}names: )(\[[^\]]*\])/g;

describe("the bench's copy of the app's statements", () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
    // List statements are made when first used: a first page, then the one after it.
    const admin = actorToken('admin', newCompany());
    for (const name of ['First', 'Second']) await newObject(app, admin, { name });
    const first = await app.inject({ method: 'GET', url: `${OBJECTS}?limit=1`, headers: bearer(admin) });
    expect(first.statusCode).toBe(200);
    const cursor = first.json<{ nextCursor: string }>().nextCursor;
    const next = await app.inject({ method: 'GET', url: `${OBJECTS}?limit=1&cursor=${encodeURIComponent(cursor)}`, headers: bearer(admin) });
    expect(next.statusCode).toBe(200);
  });
  afterAll(() => app.close());

  it('holds every named statement as the app sends it', () => {
    const source = readFileSync(FILE, 'utf8');
    const copies = [...source.matchAll(ENTRY)].map((match) => ({ name: match[2], text: match[4], names: JSON.parse(match[6]) as string[] }));
    expect(copies.length).toBeGreaterThanOrEqual(6);

    if (process.env.UPDATE_BENCH_STATEMENTS === '1') {
      const updated = source.replace(ENTRY, (whole, name: string, key: string, textKey: string, _text: string, namesKey: string) => {
        const app = preparedStatementSql(key);
        return app ? `${name}"${key}"${textKey}\`${app.text}\`${namesKey}${JSON.stringify(app.names)}` : whole;
      });
      writeFileSync(FILE, updated);
      return;
    }
    for (const copy of copies) {
      expect({ name: copy.name, ...preparedStatementSql(copy.name) }).toEqual(copy);
    }
  });
});
