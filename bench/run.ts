/*
 * npm run bench: the built app against bare Fastify + pg baselines running its SQL on the same data.
 * Progress goes to stderr; stdout gets one JSON summary. See bench/README.md.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { relative } from 'node:path';
import { BENCH_JWT_SECRET, startAppServer } from './app-server';
import { Cleanup } from './cleanup';
import { startBenchDatabase } from './database';
import { errorText, log } from './log';
import { measureScenario, ScenarioResult } from './measure';
import { rssMb } from './monitor';
import { readOptions } from './options';
import { checkPlans } from './plan-check';
import { watchOutbox } from './outbox';
import { startRawServer } from './raw-server';
import { buildSummary, RunResults, writeSummary } from './report';
import { appScenarios, BenchData, rawScenarios } from './scenarios';
import { seedObjects } from './seed';
import { seedContacts } from './seed-contacts';
import { seedCustomers } from './seed-customers';
import { planScenarios } from './selection';
import { soak } from './soak';
import { adminTokens, customerTokens } from './tokens';
import { startBenchReceiver, subscribeAll } from './webhook-receiver';
import { startWorkerProcess } from './worker-server';

async function run(cleanup: Cleanup): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const loadAverageAtStart = Math.round(loadavg()[0] * 100) / 100;
  if (loadAverageAtStart > 0.5) log(`load average is ${loadAverageAtStart} before the run: other work may disturb the numbers`);
  // Before anything starts: an unknown key in BENCH_SCENARIOS stops the run at once. The
  // factories read the data only when they build a request, so none is needed to list them.
  planScenarios(appScenarios({} as BenchData), rawScenarios({} as BenchData), options.scenarios);
  const compareWith = options.compareSummary ? await readComparison(options.compareSummary) : undefined;

  log(options.databaseUrl ? 'creating a throwaway database on BENCH_DATABASE_URL' : 'starting a throwaway embedded PostgreSQL');
  const database = await startBenchDatabase(options.databaseUrl);
  cleanup.add('database', () => database.stop());
  const postmaster = database.postmasterPid();
  if (!postmaster) log('PostgreSQL is not on this machine: its CPU is not counted (postgresPct null)');

  log('starting the built app (migrations run at start-up)');
  const separateWorker = options.webhooks && options.webhookWorker === 'process';
  const app = await startAppServer(database.url, options.appNodeArgs, options.webhooks, separateWorker ? 'off' : 'in-process');
  cleanup.add('app', () => app.stop());
  if (separateWorker) log('starting the built webhook delivery worker as its own process (BENCH_WEBHOOK_WORKER=process)');
  const worker = separateWorker ? await startWorkerProcess(database.url) : undefined;
  if (worker) cleanup.add('webhook worker', () => worker.stop());

  log(`seeding ${options.objects} customer objects over ${options.companies} companies`);
  const objects = await seedObjects(database.url, options.companies, options.objects);
  log('seeding customers (one custom field config per company) and contacts');
  const customers = await seedCustomers(database.url, objects.companies, options.selfCustomersPerCompany, options.putCustomersPerCompany);
  const contacts = await seedContacts(database.url, objects.companies, options.contactsPerCompany);
  const data: BenchData = {
    objects,
    customers,
    contacts,
    adminTokens: adminTokens(BENCH_JWT_SECRET, objects.companies),
    customerTokens: customerTokens(BENCH_JWT_SECRET, customers.self),
  };
  const receiver = options.webhooks ? await startBenchReceiver() : undefined;
  if (receiver) {
    cleanup.add('webhook receiver', () => receiver.stop());
    log('subscribing every company to a loopback webhook receiver (BENCH_WEBHOOKS)');
    await subscribeAll(app.baseUrl, data.adminTokens, receiver.url);
  }

  log('explaining the app\'s lookup and list statements (plan_cache_mode auto and force_generic_plan)');
  const sample = objects.pick();
  const plans = await checkPlans(database.url, {
    companyId: sample.companyId,
    objectId: sample.id,
    customerId: customers.put.find((customer) => customer.companyId === sample.companyId)!.id,
    contactId: contacts.contacts.find((contact) => contact.companyId === sample.companyId)!.id,
  });
  for (const [name, report] of Object.entries(plans)) {
    log(`  ${name}: auto ${report.auto.seqScan ? 'SEQ SCAN' : 'index'} ${report.auto.executionMs} ms, generic ${report.generic.seqScan ? 'SEQ SCAN' : 'index'} ${report.generic.executionMs} ms`);
  }

  const outbox = receiver ? await watchOutbox(database.url) : undefined;
  if (outbox) cleanup.add('outbox watch', () => outbox.close());
  const webhooks = receiver && outbox ? { outbox, acknowledged: () => receiver.deliveries() } : undefined;

  log('starting the raw baseline server');
  const raw = await startRawServer(database.url, options.poolSize, options.rawNodeArgs);
  cleanup.add('raw server', () => raw.stop());
  const idle = { app: rssMb(app.pid), raw: rssMb(raw.pid) };

  const results: Pick<RunResults, 'scenarios' | 'raw'> = { scenarios: {}, raw: {} };
  for (const planned of planScenarios(appScenarios(data), rawScenarios(data), options.scenarios)) {
    const result = await measureScenario(planned.scenario, planned.raw ? raw : app, options, postmaster, worker?.pid, webhooks);
    (planned.raw ? results.raw : results.scenarios)[planned.scenario.key] = result;
  }
  const soakResult = options.soakSeconds
    ? await soak(appScenarios(data).find((scenario) => scenario.key === 'mergePatch')!, app, options.soakSeconds, options.connections)
    : undefined;

  const maxRss = (idleMb: number, measured: Record<string, ScenarioResult>, more: number[] = []) =>
    Math.max(idleMb, ...Object.values(measured).map((s) => s.serverRssMaxMb), ...more);
  const summary = buildSummary({
    startedAt,
    loadAverageAtStart,
    options,
    seeded: { objects: objects.total, customers: customers.self.length + customers.put.length, contacts: contacts.contacts.length },
    ...results,
    memory: {
      app: { rssIdleMb: idle.app, rssMaxMb: maxRss(idle.app, results.scenarios, soakResult ? [soakResult.rssMaxMb] : []) },
      raw: { rssIdleMb: idle.raw, rssMaxMb: maxRss(idle.raw, results.raw) },
    },
    plans,
    soak: soakResult,
    compareWith,
  });
  if (receiver) log(`webhook deliveries acknowledged during the run: ${receiver.deliveries()}`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  const file = await writeSummary(summary);
  log(`summary written to ${relative(process.cwd(), file)}; meetsTarget: ${summary.meetsTarget}`);
  for (const failed of summary.failedTargets) log(`target missed: ${failed}`);
}

/** The p50s of an earlier summary (BENCH_COMPARE_SUMMARY), for the scale target. */
async function readComparison(file: string): Promise<RunResults['compareWith']> {
  const summary = JSON.parse(await readFile(file, 'utf8')) as { scenarios?: Record<string, { p50Ms: number }> };
  if (!summary.scenarios) throw new Error(`BENCH_COMPARE_SUMMARY: ${file} has no scenarios`);
  return { file: relative(process.cwd(), file), scenarios: summary.scenarios };
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
