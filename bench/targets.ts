import type { ScenarioResult } from './measure';
import type { RunResults } from './report';

/** Issue 12's targets. */
export const TARGETS = {
  /** merge PATCH and JSON Patch req/s ÷ rawVersioned's. */
  patchVsRawVersionedMin: 0.8,
  /** merge PATCH and JSON Patch server CPU per request ÷ rawVersioned's. */
  patchCpuVsRawVersionedMax: 1.5,
  /** Every app scenario, at BENCH_CONNECTIONS (16 by default). */
  p99MaxMs: 20,
  /** A write scenario's req/s ÷ its raw counterpart's (the PATCH target, for every write). */
  writeVsCounterpartMin: 0.8,
  /** A read scenario's req/s ÷ its raw counterpart's (GET $select's target, for every read). */
  readVsCounterpartMin: 0.85,
  /** The app's largest RSS sample under load. */
  serverRssMaxMb: 200,
  /** BENCH_SOAK_SECONDS: end RSS at most this share above the RSS after the first minute. */
  soakGrowthMax: 0.1,
  /** BENCH_COMPARE_SUMMARY: p50 at most this share above the earlier run's (or 1 ms, autocannon's resolution). */
  scaleP50GrowthMax: 0.1,
  /**
   * The issue's targets are for a quiet machine: in no scenario window may the hypervisor
   * take more than this % of the CPUs (steal time).
   */
  stealMaxPct: 5,
};

/** The write scenarios whose CPU per request the issue bounds. */
const CPU_BOUND = ['mergePatch', 'jsonPatch'];
/** Scenarios the scale target names. */
const SCALE = ['mergePatch', 'getSelect', 'listPage'];

export interface Check {
  pass: boolean;
  detail: string;
}

const isRead = (result: ScenarioResult) => result.method === 'GET';
const fixed = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Every target the run has the figures for, by name (`<scenario>.<what>` or a run-wide name). */
export function targetChecks(run: RunResults): { targets: typeof TARGETS; checks: Record<string, Check> } {
  const checks: Record<string, Check> = {};
  for (const [key, result] of Object.entries(run.scenarios)) {
    const raw = result.counterpart ? run.raw[result.counterpart] : undefined;
    if (raw) {
      const min = isRead(result) ? TARGETS.readVsCounterpartMin : TARGETS.writeVsCounterpartMin;
      const ratio = raw.reqPerSec > 0 ? result.reqPerSec / raw.reqPerSec : 0;
      checks[`${key}.vsRaw`] = {
        pass: ratio >= min,
        detail: `${result.reqPerSec} req/s = ${fixed(ratio)} × ${result.counterpart} ${raw.reqPerSec} req/s (target ≥ ${min} ×)`,
      };
      if (CPU_BOUND.includes(key)) {
        const cpu = raw.cpuPerRequestMs.server > 0 ? result.cpuPerRequestMs.server / raw.cpuPerRequestMs.server : Infinity;
        checks[`${key}.cpuVsRaw`] = {
          pass: cpu <= TARGETS.patchCpuVsRawVersionedMax,
          detail:
            `${result.cpuPerRequestMs.server} ms server CPU/req = ${fixed(cpu)} × ${result.counterpart} ` +
            `${raw.cpuPerRequestMs.server} ms (target ≤ ${TARGETS.patchCpuVsRawVersionedMax} ×)`,
        };
      }
    }
    checks[`${key}.p99`] = { pass: result.p99Ms <= TARGETS.p99MaxMs, detail: `p99 ${result.p99Ms} ms (target ≤ ${TARGETS.p99MaxMs} ms)` };
  }

  const appRss = run.memory.app.rssMaxMb;
  checks.serverRss = { pass: appRss <= TARGETS.serverRssMaxMb, detail: `app RSS up to ${appRss} MB under load (target ≤ ${TARGETS.serverRssMaxMb} MB)` };

  const all = { ...run.scenarios, ...run.raw };
  const failing = Object.entries(all).filter(([, result]) => result.non2xx + result.errors + result.timeouts > 0);
  const soakFailures = run.soak ? run.soak.non2xx + run.soak.errors : 0;
  checks.noFailures = {
    pass: failing.length === 0 && soakFailures === 0,
    detail:
      failing.map(([key, result]) => `${key}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`).join('; ') +
      (soakFailures ? `; soak: ${soakFailures} failed` : '') || 'none',
  };

  if (run.soak) {
    const { growth, rssReferenceMb, rssEndMb, referenceAtSeconds } = run.soak;
    checks['soak.rssGrowth'] = {
      pass: growth <= TARGETS.soakGrowthMax,
      detail: `RSS ${rssReferenceMb} MB at ${referenceAtSeconds} s, ${rssEndMb} MB at the end: ${fixed(growth * 100, 1)} % (target ≤ ${TARGETS.soakGrowthMax * 100} %)`,
    };
  }

  const stolen = Object.entries(all).filter(([, result]) => result.cpu.stealPct > TARGETS.stealMaxPct);
  checks.quietMachine = {
    pass: stolen.length === 0,
    detail: stolen.length
      ? `the hypervisor took CPU time (steal) in ${stolen.map(([key, result]) => `${key} ${result.cpu.stealPct} %`).join(', ')} (target ≤ ${TARGETS.stealMaxPct} % in every window): not a quiet machine`
      : `steal ≤ ${TARGETS.stealMaxPct} % in every window`,
  };

  const scanned = Object.entries(run.plans).filter(([, report]) => report.auto.seqScan);
  checks['plans.indexed'] = {
    pass: scanned.length === 0,
    detail: scanned.length ? `sequential scan in the plan the app gets for ${scanned.map(([name]) => name).join(', ')}` : 'every lookup and list plan uses an index',
  };

  if (run.compareWith) {
    for (const key of SCALE) {
      const now = run.scenarios[key];
      const before = run.compareWith.scenarios[key];
      if (!now || !before) continue;
      const limit = Math.max(before.p50Ms * (1 + TARGETS.scaleP50GrowthMax), before.p50Ms + 1);
      checks[`${key}.scaleP50`] = {
        pass: now.p50Ms <= limit,
        detail: `p50 ${now.p50Ms} ms vs ${before.p50Ms} ms in ${run.compareWith.file} (target ≤ ${fixed(limit)} ms)`,
      };
    }
  }
  return { targets: TARGETS, checks };
}
