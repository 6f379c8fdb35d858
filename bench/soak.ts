import { log } from './log';
import { load, preflight } from './measure';
import { RssTimeline } from './monitor';
import { Scenario } from './scenarios';
import { ServerProcess } from './server-process';

/** The soak target (issue 12): RSS at the end within this share above its value after the first minute. */
export const SOAK_GROWTH_MAX = 0.1;
/** Where the reference sample is taken; shorter soaks take it at half time. */
const REFERENCE_SECONDS = 60;

export interface SoakResult {
  seconds: number;
  reqPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** The reference: RSS after the first minute (after half the run when it is shorter than two minutes). */
  referenceAtSeconds: number;
  rssReferenceMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  /** (end - reference) / reference. */
  growth: number;
  /** One sample every 10 s, for a look at the trend. */
  rssEvery10sMb: number[];
}

/** One long run of `scenario` (merge PATCH), sampling the server's RSS every second. */
export async function soak(scenario: Scenario, server: ServerProcess, seconds: number, connections: number): Promise<SoakResult> {
  await preflight(server, scenario);
  log(`soak: ${scenario.key} for ${seconds} s, sampling RSS`);
  const timeline = new RssTimeline(server.pid);
  const result = await load(server, scenario, connections, seconds);
  const samples = timeline.stop();
  const referenceAtSeconds = Math.min(REFERENCE_SECONDS, seconds / 2);
  const reference = samples.find((sample) => sample.atSeconds >= referenceAtSeconds) ?? samples[samples.length - 1];
  const end = samples[samples.length - 1];
  const growth = reference.mb > 0 ? Math.round(((end.mb - reference.mb) / reference.mb) * 1000) / 1000 : 0;
  log(`soak: RSS ${reference.mb} MB at ${referenceAtSeconds} s, ${end.mb} MB at the end (${Math.round(growth * 1000) / 10} %)`);
  return {
    seconds,
    reqPerSec: Math.round(result.requests.mean * 10) / 10,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    referenceAtSeconds,
    rssReferenceMb: reference.mb,
    rssEndMb: end.mb,
    rssMaxMb: Math.max(...samples.map((sample) => sample.mb)),
    growth,
    rssEvery10sMb: samples.filter((_, index) => index % 10 === 0).map((sample) => sample.mb),
  };
}
