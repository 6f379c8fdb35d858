import autocannon from 'autocannon';
import { log } from './log';
import { CpuUsage, RssSampler, startCpuWindow } from './monitor';
import { Outbox } from './outbox';
import { Scenario } from './scenarios';
import { ServerProcess } from './server-process';

export interface ScenarioResult {
  description: string;
  method: string;
  /** The raw scenario doing the same SQL, when there is one. */
  counterpart?: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  serverRssMaxMb: number;
  cpu: CpuUsage;
  /** CPU ms per request (cpu.<x>Pct * 10 / reqPerSec): the server's, and PostgreSQL's when it is local. */
  cpuPerRequestMs: { server: number; postgres: number | null };
  /**
   * BENCH_WEBHOOKS: deliveries the receiver acknowledged in the measured window, those still
   * pending at its end, and how long the worker then took to send those (the load gone).
   */
  webhooks?: { acknowledged: number; pendingAfter: number; drainedAfterSeconds: number };
}

/** What a BENCH_WEBHOOKS run watches around each measurement. */
export interface WebhookWatch {
  outbox: Outbox;
  /** Deliveries the bench's receiver has acknowledged so far. */
  acknowledged(): number;
}

export interface LoadSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** One request outside the load run: a scenario that fails is reported with the server's answer. */
export async function preflight(server: ServerProcess, scenario: Scenario): Promise<void> {
  const request = scenario.build();
  const response = await fetch(server.baseUrl + request.path, { method: request.method, headers: request.headers, body: request.body });
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${scenario.key}: ${request.method} ${request.path} answered ${response.status}: ${await response.text()}`);
  }
}

export function load(server: ServerProcess, scenario: Scenario, connections: number, seconds: number) {
  return autocannon({
    url: server.baseUrl,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...scenario.build() }) }],
  });
}

/**
 * Warm-up (not measured), then the measured run, sampling the server's RSS and everyone's CPU
 * (the webhook worker's too, when `workerPid` is given).
 *
 * With `webhooks`, the outbox is first drained of the scenarios before, so the window holds its
 * own deliveries. The warm-up comes after that drain (see BENCH_WARMUP_SECONDS in options.ts for
 * its length); the warm-up's own deliveries stay pending into the window, as in a steady state:
 * a separate worker sends them there, a yielding one a batch per poll.
 */
export async function measureScenario(
  scenario: Scenario,
  server: ServerProcess,
  settings: LoadSettings,
  postmasterPid: number | undefined,
  workerPid?: number,
  webhooks?: WebhookWatch,
): Promise<ScenarioResult> {
  await preflight(server, scenario);
  if (webhooks) {
    const drained = await webhooks.outbox.drain();
    log(`${scenario.key}: webhook outbox drained in ${drained.seconds} s` + (drained.pending ? ` (${drained.pending} still pending)` : ''));
  }
  log(`${scenario.key}: warm-up ${settings.warmupSeconds} s`);
  await load(server, scenario, settings.connections, settings.warmupSeconds);
  const acknowledgedBefore = webhooks?.acknowledged() ?? 0;

  log(`${scenario.key}: measuring ${settings.seconds} s with ${settings.connections} connections`);
  const rss = new RssSampler(server.pid);
  const cpu = startCpuWindow(server.pid, postmasterPid, workerPid);
  const result = await load(server, scenario, settings.connections, settings.seconds);
  const usage = cpu.end();
  const serverRssMaxMb = rss.stop();

  const perRequest = (pct: number) => (result.requests.mean > 0 ? Math.round(((pct * 10) / result.requests.mean) * 1000) / 1000 : 0);
  const summary: ScenarioResult = {
    description: scenario.description,
    method: scenario.build().method,
    ...(scenario.counterpart ? { counterpart: scenario.counterpart } : {}),
    reqPerSec: Math.round(result.requests.mean * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: Math.round(result.latency.mean * 100) / 100,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
    serverRssMaxMb,
    cpu: usage,
    cpuPerRequestMs: { server: perRequest(usage.serverPct), postgres: usage.postgresPct === null ? null : perRequest(usage.postgresPct) },
  };
  if (webhooks) {
    const acknowledged = webhooks.acknowledged() - acknowledgedBefore;
    const pendingAfter = await webhooks.outbox.pending();
    const drained = await webhooks.outbox.drain();
    summary.webhooks = { acknowledged, pendingAfter, drainedAfterSeconds: drained.seconds };
    log(`${scenario.key}: ${acknowledged} deliveries acknowledged in the window, ${pendingAfter} pending at its end, sent ${drained.seconds} s later`);
  }
  const failures = summary.non2xx + summary.errors;
  log(
    `${scenario.key}: ${summary.reqPerSec} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, ` +
      `${summary.cpuPerRequestMs.server} ms server CPU/req` +
      (usage.stealPct > 0 ? `, steal ${usage.stealPct} %` : '') +
      (failures ? `, ${summary.non2xx} non-2xx and ${summary.errors} errors (${JSON.stringify(summary.statusCodes)})` : ''),
  );
  return summary;
}
