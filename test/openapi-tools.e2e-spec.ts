import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiClientsService } from '../src/auth/api-clients/api-clients.service';
import { SCOPES } from '../src/auth/actor';
import { runWorkflow } from './openapi-client/workflow';
import { DocumentValidator, examplesOf, JsonDocument, pointerOf, resolvePointer } from './helpers/openapi-document';
import { startTestApp } from './helpers/test-app';
import { newCompany } from './helpers/tokens';

const ROOT = join(__dirname, '..');
const LINT_WARNINGS_FILE = join(ROOT, 'openapi-lint-warnings.json');
const CLIENT_DIR = join(__dirname, 'openapi-client');
const SCHEMA_TYPES_FILE = join(CLIENT_DIR, 'schema.d.ts');

/** Runs a node script with `input` on stdin; answers its stdout (rejects on a non-zero exit). */
function runNode(args: string[], input: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${error.message}\n${stderr}`));
      else resolve({ code: error ? Number(error.code) : 0, stdout });
    });
    child.stdin?.end(input);
  });
}

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** `redocly lint` (the CLI partners run) with redocly.yaml, which extends the recommended rules. */
async function redoclyLint(document: JsonDocument): Promise<LintProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const cli = require.resolve('@redocly/cli/bin/cli.js');
    // Redocly's telemetry and update check would reach for the network: off.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    const { stdout } = await runNode([cli, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json'], '', env);
    return (JSON.parse(stdout) as { problems: LintProblem[] }).problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('The OpenAPI document, checked by the tools partners use', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let document: JsonDocument;

  beforeAll(async () => {
    app = await startTestApp();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    const response = await fetch(`${baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as JsonDocument;
  });
  afterAll(() => app.close());

  it('is valid OpenAPI 3 for swagger-parser: schema-valid, every $ref resolves', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('passes Redocly lint (recommended rules) with no error, and only the warnings listed with their reasons', async () => {
    const problems = await redoclyLint(document);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const listed = JSON.parse(await readFile(LINT_WARNINGS_FILE, 'utf8')) as { warnings: { rule: string; pointer: string; reason: string }[] };
    const warnings = problems.filter((problem) => problem.severity === 'warn').map((problem) => ({ rule: problem.ruleId, pointer: problem.location[0]?.pointer }));
    expect(warnings).toEqual(listed.warnings.map(({ rule, pointer }) => ({ rule, pointer })));
    for (const warning of listed.warnings) expect(warning.reason.length).toBeGreaterThan(10);
  });

  it('has every example valid against its schema', () => {
    const validator = new DocumentValidator(document);
    const examples = examplesOf(document);
    expect(examples.length).toBeGreaterThan(20);
    const invalid = examples
      .map((example) => ({ at: example.at, errors: validator.errors(example.schema, example.value) }))
      .filter((result) => result.errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it('generates, with openapi-typescript, exactly the committed client types that the client program is type-checked against', async () => {
    const { code, stdout: generated } = await runNode([join(CLIENT_DIR, 'generate-types.mjs')], JSON.stringify(document));
    expect(code).toBe(0);
    if (process.env.UPDATE_OPENAPI_CLIENT) await writeFile(SCHEMA_TYPES_FILE, generated);
    expect(generated).toEqual(await readFile(SCHEMA_TYPES_FILE, 'utf8'));
  });

  it('drives the generated client through the partner workflow; every answer is documented for its status and matches its schema', async () => {
    const company = newCompany();
    const client = await app.get(ApiClientsService).create({ companyId: company, scope: SCOPES.join(' '), role: 'admin' });
    const { exchanges } = await runWorkflow({ baseUrl, clientId: client.clientId, clientSecret: client.clientSecret });

    const validator = new DocumentValidator(document);
    const steps = exchanges.map((exchange) => {
      const response = pointerOf('paths', exchange.schemaPath, exchange.method, 'responses', exchange.status);
      const documented = resolvePointer(document, response) as { content?: Record<string, unknown> } | undefined;
      const mediaType = exchange.contentType?.split(';')[0].trim();
      if (!documented) return { step: `${exchange.method} ${exchange.schemaPath} ${exchange.status}`, problem: 'status not documented' };
      if (!documented.content) return { step: `${exchange.method} ${exchange.schemaPath} ${exchange.status}`, problem: exchange.body === '' ? 'ok' : 'undocumented body' };
      if (!mediaType || !documented.content[mediaType]) return { step: `${exchange.method} ${exchange.schemaPath} ${exchange.status}`, problem: `media type ${mediaType} not documented` };
      const errors = validator.errors(`${response}${pointerOf('content', mediaType, 'schema')}`, JSON.parse(exchange.body));
      return { step: `${exchange.method} ${exchange.schemaPath} ${exchange.status}`, problem: errors.length ? JSON.stringify(errors) : 'ok' };
    });
    expect(steps.filter((step) => step.problem !== 'ok')).toEqual([]);
    // Every route family of the workflow was exercised, including the 204 of Prefer: return=minimal.
    expect(new Set(exchanges.map((exchange) => `${exchange.method} ${exchange.schemaPath}`)).size).toBeGreaterThanOrEqual(17);
    expect(exchanges.some((exchange) => exchange.status === 204)).toBe(true);
  });
});
