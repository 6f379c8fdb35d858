import { cpus } from 'node:os';
import { cpuSeconds, machineTicks, rssBytes, treeCpuSeconds } from './proc';

const MB = 1024 * 1024;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** Samples a process's RSS every `intervalMs` until stopped; reports the largest, in MB. */
export class RssSampler {
  private maxBytes = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    this.maxBytes = Math.max(this.maxBytes, rssBytes(this.pid) ?? 0);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return round1(this.maxBytes / MB);
  }
}

export function rssMb(pid: number): number {
  return round1((rssBytes(pid) ?? 0) / MB);
}

/**
 * CPU use over a window in % of one core (200 = two cores busy), except machineBusyPct: % of
 * all cores. otherPct is busy time nobody above accounts for: other processes on the machine
 * (or PostgreSQL when it is not local), a sign the numbers are disturbed. stealPct (% of all
 * cores) is time the hypervisor ran something else on these virtual CPUs: CPU per request
 * rises with it and stops comparing across runs (bench/README.md).
 */
export interface CpuUsage {
  serverPct: number;
  /** The webhook worker process (BENCH_WEBHOOK_WORKER=process); null when there is none. */
  workerPct: number | null;
  postgresPct: number | null;
  loadGeneratorPct: number;
  otherPct: number;
  machineBusyPct: number;
  stealPct: number;
}

export interface CpuWindow {
  end(): CpuUsage;
}

export function startCpuWindow(serverPid: number, postmasterPid: number | undefined, workerPid?: number): CpuWindow {
  const started = process.hrtime.bigint();
  const server = cpuSeconds(serverPid);
  const worker = workerPid ? cpuSeconds(workerPid) : 0;
  const postgres = postmasterPid ? treeCpuSeconds(postmasterPid) : 0;
  const self = process.cpuUsage();
  const machine = machineTicks();
  return {
    end: () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const selfUsed = process.cpuUsage(self);
      const machineNow = machineTicks();
      const pct = (cpu: number) => (cpu / seconds) * 100;
      const serverPct = pct(cpuSeconds(serverPid) - server);
      const workerPct = workerPid ? pct(cpuSeconds(workerPid) - worker) : 0;
      const postgresPct = postmasterPid ? pct(treeCpuSeconds(postmasterPid) - postgres) : 0;
      const loadGeneratorPct = pct((selfUsed.user + selfUsed.system) / 1e6);
      const ticks = Math.max(1, machineNow.total - machine.total);
      const busyShare = (machineNow.busy - machine.busy) / ticks;
      return {
        serverPct: round1(serverPct),
        workerPct: workerPid ? round1(workerPct) : null,
        postgresPct: postmasterPid ? round1(postgresPct) : null,
        loadGeneratorPct: round1(loadGeneratorPct),
        otherPct: round1(Math.max(0, busyShare * cpus().length * 100 - serverPct - workerPct - postgresPct - loadGeneratorPct)),
        machineBusyPct: round1(busyShare * 100),
        stealPct: round1(((machineNow.steal - machine.steal) / ticks) * 100),
      };
    },
  };
}

/** RSS samples in MB with their second since the start, every `intervalMs`, until stopped. */
export class RssTimeline {
  private readonly samples: Array<{ atSeconds: number; mb: number }> = [];
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 1000,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    this.samples.push({ atSeconds: (Date.now() - this.started) / 1000, mb: rssMb(this.pid) });
  }

  /** The samples taken under load (none is added at the stop, when the load has ended). */
  stop(): Array<{ atSeconds: number; mb: number }> {
    clearInterval(this.timer);
    return this.samples;
  }
}
