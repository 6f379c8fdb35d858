/*
 * npm run bench: the built app against a bare Fastify + pg baseline on the same data.
 * Progress goes to stderr; stdout gets one JSON summary. See bench/README.md.
 */
import { loadavg } from 'node:os';
import { relative } from 'node:path';
import { BENCH_JWT_SECRET, startAppServer } from './app-server';
import { Cleanup } from './cleanup';
import { startBenchDatabase } from './database';
import { errorText, log } from './log';
import { measureScenario, ScenarioResult } from './measure';
import { rssMb } from './monitor';
import { readOptions } from './options';
import { watchOutbox } from './outbox';
import { startRawServer } from './raw-server';
import { buildSummary, writeSummary } from './report';
import { appScenarios, rawScenario, rawVersionedScenario } from './scenarios';
import { seedObjects } from './seed';
import { adminTokens } from './tokens';
import { startBenchReceiver, subscribeAll } from './webhook-receiver';
import { startWorkerProcess } from './worker-server';

async function run(cleanup: Cleanup): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const loadAverageAtStart = Math.round(loadavg()[0] * 100) / 100;
  if (loadAverageAtStart > 0.5) log(`load average is ${loadAverageAtStart} before the run: other work may disturb the numbers`);

  log(options.databaseUrl ? 'creating a throwaway database on BENCH_DATABASE_URL' : 'starting a throwaway embedded PostgreSQL');
  const database = await startBenchDatabase(options.databaseUrl);
  cleanup.add('database', () => database.stop());

  log('starting the built app (migrations run at start-up)');
  const separateWorker = options.webhooks && options.webhookWorker === 'process';
  const app = await startAppServer(database.url, options.appNodeArgs, options.webhooks, separateWorker ? 'off' : 'in-process');
  cleanup.add('app', () => app.stop());
  if (separateWorker) log('starting the built webhook delivery worker as its own process (BENCH_WEBHOOK_WORKER=process)');
  const worker = separateWorker ? await startWorkerProcess(database.url) : undefined;
  if (worker) cleanup.add('webhook worker', () => worker.stop());

  log(`seeding ${options.companies * options.objectsPerCompany} customer objects over ${options.companies} companies`);
  const seed = await seedObjects(database.url, options.companies, options.objectsPerCompany);
  const tokens = adminTokens(BENCH_JWT_SECRET, seed.companies);
  const receiver = options.webhooks ? await startBenchReceiver() : undefined;
  if (receiver) {
    cleanup.add('webhook receiver', () => receiver.stop());
    log('subscribing every company to a loopback webhook receiver (BENCH_WEBHOOKS)');
    await subscribeAll(app.baseUrl, tokens, receiver.url);
  }

  const outbox = receiver ? await watchOutbox(database.url) : undefined;
  if (outbox) cleanup.add('outbox watch', () => outbox.close());
  const webhooks = receiver && outbox ? { outbox, acknowledged: () => receiver.deliveries() } : undefined;

  log('starting the raw baseline server');
  const raw = await startRawServer(database.url, options.poolSize);
  cleanup.add('raw server', () => raw.stop());
  const idle = { app: rssMb(app.pid), raw: rssMb(raw.pid) };

  const postmaster = database.postmasterPid();
  // The baselines run right before the app's merge PATCH, on the same data and settings.
  const rawBaseline = await measureScenario(rawScenario(seed.objects), raw, options, postmaster, worker?.pid, webhooks);
  const rawVersioned = await measureScenario(rawVersionedScenario(seed.objects), raw, options, postmaster, worker?.pid, webhooks);
  const scenarios: Record<string, ScenarioResult> = {};
  for (const scenario of appScenarios(seed.objects, tokens)) {
    scenarios[scenario.key] = await measureScenario(scenario, app, options, postmaster, worker?.pid, webhooks);
  }

  const summary = buildSummary({
    startedAt,
    loadAverageAtStart,
    options,
    seededObjects: seed.objects.length,
    scenarios,
    rawBaseline,
    rawVersioned,
    memory: {
      app: { rssIdleMb: idle.app, rssMaxMb: Math.max(idle.app, ...Object.values(scenarios).map((s) => s.serverRssMaxMb)) },
      raw: { rssIdleMb: idle.raw, rssMaxMb: Math.max(idle.raw, rawBaseline.serverRssMaxMb, rawVersioned.serverRssMaxMb) },
    },
  });
  if (receiver) log(`webhook deliveries acknowledged during the run: ${receiver.deliveries()}`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  const file = await writeSummary(summary);
  log(`summary written to ${relative(process.cwd(), file)}; meetsTarget: ${summary.meetsTarget}`);
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  cleanup.exitOnSignals();
  let failed = false;
  try {
    await run(cleanup);
  } catch (error) {
    failed = true;
    log(`failed: ${errorText(error)}`);
  } finally {
    log('cleaning up');
    await cleanup.runAll();
  }
  process.exit(failed ? 1 : 0);
}

void main();
