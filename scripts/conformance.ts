/**
 * Runs the public RFC 6902 test suite (json-patch/json-patch-tests) the way the service uses
 * patches: each document is a free-form field (`securityCode`) of a record and every pointer
 * is put under it. Twice: against the engine, then over HTTP through the real app, the
 * pipeline and PostgreSQL (`PATCH /v2/objects/:id`, with an embedded server it starts).
 *
 *   npm run conformance
 *
 * The suite lives outside the repository (../shared/conformance); without it the script
 * says so and exits 0, so it can be wired into local tooling safely.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PatchError, applyPatch, deepEqual, parseJsonPatch, type PatchLimits } from '../src/common/patch';

interface SuiteRecord {
  comment?: string;
  doc: unknown;
  patch: unknown;
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

const FIELD = 'securityCode';
const SUITE_DIR = path.resolve(__dirname, '..', '..', 'shared', 'conformance');
const SUITE_FILES = ['json-patch-tests.json', 'json-patch-spec-tests.json'];
const LIMITS: PatchLimits = { maxOps: 1000, maxDepth: 100, maxDocumentBytes: 10 * 1024 * 1024 };

/**
 * `/foo` → `/securityCode/foo`, `""` → `/securityCode`. A pointer without its leading slash
 * is sent unchanged: at the record root it names no field, so it must still fail.
 * Non-strings (missing, null) are left as they are, to be rejected as in the suite.
 */
function underField(pointer: unknown): unknown {
  if (typeof pointer !== 'string') return pointer;
  if (pointer === '' || pointer.startsWith('/')) return `/${FIELD}${pointer}`;
  return pointer;
}

function wrapPatch(patch: unknown): unknown {
  if (!Array.isArray(patch)) return patch;
  return patch.map((op: unknown) => {
    if (typeof op !== 'object' || op === null) return op;
    const wrapped: Record<string, unknown> = { ...(op as Record<string, unknown>) };
    if ('path' in wrapped) wrapped.path = underField(wrapped.path);
    if ('from' in wrapped) wrapped.from = underField(wrapped.from);
    return wrapped;
  });
}

/** Returns a failure message, or undefined when the record passes. */
function runRecord(record: SuiteRecord): string | undefined {
  const doc = { [FIELD]: record.doc };
  const before = JSON.stringify(doc);
  const expectError = record.error !== undefined;
  let result: unknown;
  try {
    result = applyPatch(doc, parseJsonPatch(wrapPatch(record.patch), LIMITS), LIMITS);
  } catch (error: unknown) {
    if (JSON.stringify(doc) !== before) return 'the input document was mutated';
    if (!(error instanceof PatchError)) return `threw a foreign error: ${String(error)}`;
    return expectError ? undefined : `unexpected ${error.name} at ${error.pointer}: ${error.detail}`;
  }
  if (JSON.stringify(doc) !== before) return 'the input document was mutated';
  if (expectError) return `succeeded but should fail (${record.error})`;
  if ('expected' in record && !deepEqual(result, { [FIELD]: record.expected })) {
    return `got ${JSON.stringify(result)}, expected ${JSON.stringify({ [FIELD]: record.expected })}`;
  }
  return undefined;
}

export function loadSuite(): Array<{ file: string; index: number; record: SuiteRecord }> | undefined {
  if (!fs.existsSync(SUITE_DIR)) return undefined;
  return SUITE_FILES.flatMap((file) =>
    (JSON.parse(fs.readFileSync(path.join(SUITE_DIR, file), 'utf8')) as SuiteRecord[]).map((record, index) => ({ file, index, record })),
  );
}

export { FIELD, wrapPatch };
export type { SuiteRecord };

function main(): number {
  if (!fs.existsSync(SUITE_DIR)) {
    console.log(`Conformance suite not found at ${SUITE_DIR}; nothing to run.`);
    return 0;
  }
  let passed = 0;
  let skipped = 0;
  const failures: string[] = [];
  for (const file of SUITE_FILES) {
    const records = JSON.parse(fs.readFileSync(path.join(SUITE_DIR, file), 'utf8')) as SuiteRecord[];
    records.forEach((record, index) => {
      if (record.disabled === true) {
        skipped++;
        return;
      }
      const failure = runRecord(record);
      if (failure === undefined) {
        passed++;
      } else {
        failures.push(`${file}#${index} ${record.comment ?? record.error ?? '(no comment)'}: ${failure}`);
      }
    });
  }
  console.log(`${passed} passed, ${failures.length} failed (${skipped} disabled records skipped)`);
  for (const failure of failures) console.log(`  FAIL ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main());
