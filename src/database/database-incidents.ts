import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.provider';
import { loggableError } from '../common/http/loggable-error';

/** While the database stays away, one reminder line per this interval, not one per request. */
const REMINDER_INTERVAL_MS = 60_000;
/** Pause between two recovery probes. */
const PROBE_INTERVAL_MS = 1_000;

interface Incident {
  startedAt: number;
  lastLoggedAt: number;
  /** Requests answered 503 since the last line logged. */
  refusedSinceLog: number;
  refused: number;
}

/**
 * Logs a database outage once per incident instead of once per refused request: a line when
 * the first request is refused, a reminder at most once a minute while it lasts, and a line
 * when the database answers again. Recovery is found by probing (`SELECT 1`, bounded like every
 * statement) rather than by waiting for a request to succeed, so the closing line also comes
 * when traffic has stopped. Nothing about the requests (URLs, bodies) is logged.
 */
@Injectable()
export class DatabaseIncidents implements OnModuleDestroy {
  private readonly logger = new Logger('Database');
  private incident?: Incident;
  private probe?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get timeoutMs(): number {
    return this.config.database.timeoutMs;
  }

  /** A request was answered 503 because of `error`. */
  refused(error: unknown): void {
    const now = Date.now();
    if (!this.incident) {
      this.incident = { startedAt: now, lastLoggedAt: now, refusedSinceLog: 0, refused: 1 };
      this.logger.error(`Database unavailable (${cause(error)}): answering 503 with Retry-After until it answers again`);
      this.scheduleProbe();
      return;
    }
    this.incident.refused += 1;
    this.incident.refusedSinceLog += 1;
    if (now - this.incident.lastLoggedAt < REMINDER_INTERVAL_MS) return;
    this.logger.warn(
      `Database still unavailable after ${now - this.incident.startedAt} ms (${cause(error)}): ` +
        `${this.incident.refusedSinceLog} requests answered 503 since the last line`,
    );
    this.incident.lastLoggedAt = now;
    this.incident.refusedSinceLog = 0;
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.probe);
  }

  private scheduleProbe(): void {
    if (this.stopped) return;
    this.probe = setTimeout(() => void this.runProbe(), PROBE_INTERVAL_MS);
    this.probe.unref();
  }

  private async runProbe(): Promise<void> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      this.scheduleProbe();
      return;
    }
    const incident = this.incident!;
    this.incident = undefined;
    this.logger.log(`Database answers again after ${Date.now() - incident.startedAt} ms; ${incident.refused} requests were answered 503`);
  }
}

/** Kind, message and code of the error: never SQL or parameters (see loggableError). */
function cause(error: unknown): string {
  const { type, message, code } = loggableError(error);
  return [type, message, code].filter((part): part is string => typeof part === 'string').join(': ');
}
