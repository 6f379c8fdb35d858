import autocannon from 'autocannon';
import { log } from './log';
import { CpuUsage, RssSampler, startCpuWindow } from './monitor';
import { Scenario } from './scenarios';
import { ServerProcess } from './server-process';

export interface ScenarioResult {
  description: string;
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
}

export interface LoadSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

/** One request outside the load run: a scenario that fails is reported with the server's answer. */
async function preflight(server: ServerProcess, scenario: Scenario): Promise<void> {
  const request = scenario.build();
  const response = await fetch(server.baseUrl + request.path, { method: request.method, headers: request.headers, body: request.body });
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${scenario.key}: ${request.method} ${request.path} answered ${response.status}: ${await response.text()}`);
  }
}

function load(server: ServerProcess, scenario: Scenario, connections: number, seconds: number) {
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
 */
export async function measureScenario(
  scenario: Scenario,
  server: ServerProcess,
  settings: LoadSettings,
  postmasterPid: number | undefined,
  workerPid?: number,
): Promise<ScenarioResult> {
  await preflight(server, scenario);
  log(`${scenario.key}: warm-up ${settings.warmupSeconds} s`);
  await load(server, scenario, settings.connections, settings.warmupSeconds);

  log(`${scenario.key}: measuring ${settings.seconds} s with ${settings.connections} connections`);
  const rss = new RssSampler(server.pid);
  const cpu = startCpuWindow(server.pid, postmasterPid, workerPid);
  const result = await load(server, scenario, settings.connections, settings.seconds);
  const usage = cpu.end();
  const serverRssMaxMb = rss.stop();

  const summary: ScenarioResult = {
    description: scenario.description,
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
  };
  const failures = summary.non2xx + summary.errors;
  log(
    `${scenario.key}: ${summary.reqPerSec} req/s, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms` +
      (failures ? `, ${summary.non2xx} non-2xx and ${summary.errors} errors (${JSON.stringify(summary.statusCodes)})` : ''),
  );
  return summary;
}
