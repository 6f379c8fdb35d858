/** The knobs of a run, read from the environment (see bench/README.md). */
export interface BenchOptions {
  /** Measured seconds per scenario. */
  seconds: number;
  /** Unmeasured seconds per scenario before the measurement. */
  warmupSeconds: number;
  /** Concurrent HTTP connections of autocannon. */
  connections: number;
  /** An existing server to create a throwaway database on, instead of an embedded one. */
  databaseUrl?: string;
  /** Extra `node` arguments for the app process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  appNodeArgs: string[];
  /** Node flags of the raw baselines' process (BENCH_RAW_NODE_ARGS), so both sides can be profiled alike. */
  rawNodeArgs: string[];
  companies: number;
  /** Customer objects over all companies (BENCH_OBJECTS): the scale of the hot table. */
  objects: number;
  /** Customers per company edited by the customer itself (restrictedTypeId 1, own token each). */
  selfCustomersPerCompany: number;
  /** Customers per company edited by the admin through seed 003's PUT. */
  putCustomersPerCompany: number;
  contactsPerCompany: number;
  /** Scenario keys to run (BENCH_SCENARIOS), undefined: all. Raw counterparts are added. */
  scenarios?: string[];
  /** Seconds of the extra merge PATCH soak run sampling RSS (BENCH_SOAK_SECONDS), 0: none. */
  soakSeconds: number;
  /** An earlier summary (BENCH_COMPARE_SUMMARY) whose p50s this run's are checked against: the scale target. */
  compareSummary?: string;
  /** One webhook subscription per company to a local receiver (BENCH_WEBHOOKS=1): the outbox on the hot path. */
  webhooks: boolean;
  /**
   * With webhooks, who sends them (BENCH_WEBHOOK_WORKER): `in-process`, the app itself, as
   * `npm start` does; or `process`, the app with WEBHOOK_DELIVERY=off plus `npm run worker`'s
   * entry as its own process.
   */
  webhookWorker: 'process' | 'in-process';
  /** The app's default DATABASE_POOL_SIZE; the raw baseline uses the same. */
  poolSize: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return Number(raw);
}

function nodeArgs(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '').split(/\s+/).filter(Boolean);
}

function list(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const keys = (env[name] ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  return keys.length ? keys : undefined;
}

function webhookWorker(env: NodeJS.ProcessEnv): BenchOptions['webhookWorker'] {
  const raw = env.BENCH_WEBHOOK_WORKER?.trim() || 'in-process';
  if (raw !== 'process' && raw !== 'in-process') throw new Error(`BENCH_WEBHOOK_WORKER must be process or in-process, got "${raw}"`);
  return raw;
}

export function readOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const companies = 10;
  return {
    seconds: positiveInteger(env, 'BENCH_SECONDS', 15),
    // 12 s, not 2: a window right after a webhook drain measured +0.14 ms of app CPU per PATCH
    // (V8 collects the drain's garbage when allocation next needs room, not while idle). Every
    // scenario gets the same warm-up, so runs with and without webhooks compare like for like.
    warmupSeconds: positiveInteger(env, 'BENCH_WARMUP_SECONDS', 12),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 16),
    databaseUrl: env.BENCH_DATABASE_URL?.trim() || undefined,
    appNodeArgs: nodeArgs(env, 'BENCH_APP_NODE_ARGS'),
    rawNodeArgs: nodeArgs(env, 'BENCH_RAW_NODE_ARGS'),
    webhooks: env.BENCH_WEBHOOKS === '1' || env.BENCH_WEBHOOKS === 'true',
    companies,
    objects: positiveInteger(env, 'BENCH_OBJECTS', 10_000, companies),
    selfCustomersPerCompany: 100,
    putCustomersPerCompany: 1000,
    contactsPerCompany: 1000,
    scenarios: list(env, 'BENCH_SCENARIOS'),
    soakSeconds: positiveInteger(env, 'BENCH_SOAK_SECONDS', 0, 0),
    compareSummary: env.BENCH_COMPARE_SUMMARY?.trim() || undefined,
    webhookWorker: webhookWorker(env),
    poolSize: 10,
  };
}
