import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ScenarioResult } from './measure';
import { BenchOptions } from './options';
import { PlanReport } from './plan-check';
import { SoakResult } from './soak';
import { targetChecks } from './targets';

export interface ServerMemory {
  rssIdleMb: number;
  rssMaxMb: number;
}

export interface RunResults {
  startedAt: Date;
  /** 1-minute load average before anything started: > ~0.5 means other work shares the CPUs. */
  loadAverageAtStart: number;
  options: BenchOptions;
  seeded: { objects: number; customers: number; contacts: number };
  /** The app's scenarios, by key. */
  scenarios: Record<string, ScenarioResult>;
  /** The raw server's scenarios (bench/raw/), by key. */
  raw: Record<string, ScenarioResult>;
  memory: { app: ServerMemory; raw: ServerMemory };
  plans: Record<string, PlanReport>;
  soak?: SoakResult;
  /** A summary of an earlier run to compare p50 with (BENCH_COMPARE_SUMMARY), e.g. the 10,000-object run. */
  compareWith?: { file: string; scenarios: Record<string, { p50Ms: number }> };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** App req/s ÷ its counterpart's, for every app scenario whose counterpart ran. */
function ratios(run: RunResults): Record<string, number> {
  const ratio: Record<string, number> = {};
  for (const [key, result] of Object.entries(run.scenarios)) {
    const raw = result.counterpart ? run.raw[result.counterpart] : undefined;
    if (raw && raw.reqPerSec > 0) ratio[key] = round3(result.reqPerSec / raw.reqPerSec);
  }
  const merge = run.scenarios.mergePatch;
  const baseline = run.raw.rawBaseline;
  if (merge && baseline?.reqPerSec) ratio.mergePatchVsRawBaseline = round3(merge.reqPerSec / baseline.reqPerSec);
  return ratio;
}

/** The one summary of a run; `checks` are issue 12's targets (bench/targets.ts), `failedTargets` the ones missed. */
export function buildSummary(run: RunResults) {
  const { targets, checks } = targetChecks(run);
  const failedTargets = Object.entries(checks)
    .filter(([, check]) => !check.pass)
    .map(([name, check]) => `${name}: ${check.detail}`);
  return {
    timestamp: run.startedAt.toISOString(),
    settings: {
      seconds: run.options.seconds,
      warmupSeconds: run.options.warmupSeconds,
      connections: run.options.connections,
      seeded: run.seeded,
      companies: run.options.companies,
      poolSize: run.options.poolSize,
      webhooks: run.options.webhooks,
      scenarios: run.options.scenarios ?? 'all',
      soakSeconds: run.options.soakSeconds,
      // Who sent them: the app itself, or a worker process (see each scenario's cpu.workerPct).
      webhookWorker: run.options.webhooks ? run.options.webhookWorker : null,
      database: run.options.databaseUrl ? 'BENCH_DATABASE_URL' : 'embedded',
    },
    scenarios: run.scenarios,
    raw: run.raw,
    ratio: ratios(run),
    memory: run.memory,
    plans: run.plans,
    ...(run.soak ? { soak: run.soak } : {}),
    targets,
    checks,
    failedTargets,
    meetsTarget: failedTargets.length === 0,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
      loadAverageAtStart: run.loadAverageAtStart,
      node: process.version,
      platform: `${process.platform} ${release()}`,
    },
  };
}

/** bench/results/<ISO timestamp>.json, with ':' as '-' so the name is valid everywhere. */
export async function writeSummary(summary: ReturnType<typeof buildSummary>): Promise<string> {
  const directory = join(__dirname, 'results');
  await mkdir(directory, { recursive: true });
  const file = join(directory, `${summary.timestamp.replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(summary, null, 2)}\n`);
  return file;
}
