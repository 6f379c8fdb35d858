import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

const NEST_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const PINO_TO_NEST: Record<string, LogLevel> = { fatal: 'fatal', error: 'error', warn: 'warn', info: 'log', debug: 'debug', trace: 'verbose' };

/** Nest's own messages (start-up, unexpected errors) as JSON lines, at the same threshold as the request log. */
export function nestLogger(config: AppConfig): ConsoleLogger {
  const threshold = PINO_TO_NEST[config.logLevel];
  const logLevels = threshold ? NEST_LEVELS.slice(0, NEST_LEVELS.indexOf(threshold) + 1) : [];
  return new ConsoleLogger({ json: true, logLevels });
}
