import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ScenarioResult } from './measure';
import { BenchOptions } from './options';

export const TARGETS = { ratioMin: 0.8, p99MaxMs: 20 };

export interface ServerMemory {
  rssIdleMb: number;
  rssMaxMb: number;
}

export interface RunResults {
  startedAt: Date;
  /** 1-minute load average before anything started: > ~0.5 means other work shares the CPUs. */
  loadAverageAtStart: number;
  options: BenchOptions;
  seededObjects: number;
  scenarios: Record<string, ScenarioResult>;
  rawBaseline: ScenarioResult;
  /** The raw server doing the app's own SQL (read, then a version-checked write). */
  rawVersioned: ScenarioResult;
  memory: { app: ServerMemory; raw: ServerMemory };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The one summary of a run. meetsTarget: app merge PATCH req/s >= ratioMin x raw req/s (the
 * issue's locked-transaction baseline), every app scenario's p99 <= p99MaxMs, and no non-2xx
 * answers or errors in any scenario. `ratio.mergePatchVsVersioned` compares with the raw server
 * doing the app's own SQL: what the framework and the rules cost, with the database work equal.
 */
export function buildSummary(run: RunResults) {
  const merge = run.scenarios.mergePatch;
  const per = (raw: ScenarioResult) => (raw.reqPerSec > 0 ? round3(merge.reqPerSec / raw.reqPerSec) : 0);
  const ratio = { mergePatch: per(run.rawBaseline), mergePatchVsVersioned: per(run.rawVersioned) };
  const all = [...Object.values(run.scenarios), run.rawBaseline, run.rawVersioned];
  const checks = {
    ratio: ratio.mergePatch >= TARGETS.ratioMin,
    p99: Object.fromEntries(Object.entries(run.scenarios).map(([key, result]) => [key, result.p99Ms <= TARGETS.p99MaxMs])),
    noFailures: all.every((result) => result.non2xx === 0 && result.errors === 0 && result.timeouts === 0),
  };
  return {
    timestamp: run.startedAt.toISOString(),
    settings: {
      seconds: run.options.seconds,
      warmupSeconds: run.options.warmupSeconds,
      connections: run.options.connections,
      seededObjects: run.seededObjects,
      companies: run.options.companies,
      poolSize: run.options.poolSize,
      webhooks: run.options.webhooks,
      // Who sent them: the app itself, or a worker process (see each scenario's cpu.workerPct).
      webhookWorker: run.options.webhooks ? run.options.webhookWorker : null,
      database: run.options.databaseUrl ? 'BENCH_DATABASE_URL' : 'embedded',
    },
    scenarios: run.scenarios,
    rawBaseline: run.rawBaseline,
    rawVersioned: run.rawVersioned,
    ratio,
    memory: run.memory,
    targets: TARGETS,
    checks,
    meetsTarget: checks.ratio && Object.values(checks.p99).every(Boolean) && checks.noFailures,
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
