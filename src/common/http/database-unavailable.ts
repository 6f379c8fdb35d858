import { DatabaseReadTimeoutError } from '../../database/bounded-client';
import { ProblemInit } from './problem.exception';

/**
 * SQLSTATEs that say the database cannot serve right now, whatever the request:
 * class 08 (connection exception) and these codes.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: `pg_ctl stop -m fast`, pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
]);

/** Node's socket and resolver errors on the way to the database. */
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * pg and pg-pool report a lost or refused connection, and a pool that cannot lend one in time,
 * with plain Errors that carry no code: these are their exact messages (pg 8).
 * database-unavailable.spec.ts provokes each one from the installed pg.
 */
const PG_CONNECTION_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'timeout expired',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
]);

/**
 * Is this error the database being down, unreachable, overloaded or too slow (a 503), rather
 * than a fault of the request or of the code (which stays a 500)? TypeORM wraps the driver's
 * error in `driverError`, pg-pool wraps a connect timeout's reason in `cause`, and a refused
 * connect to a host with several addresses is an AggregateError: all are looked through.
 * Shapes are checked rather than `instanceof Error`: Node's socket errors come from another
 * realm under Jest, and nothing but errors reaches here in the app anyway.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if (error instanceof DatabaseReadTimeoutError) return true;
  const { code, message, driverError, cause, errors } = error as Record<string, unknown>;
  if (typeof code === 'string' && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SYSTEM_CODES.has(code))) {
    return true;
  }
  if (typeof message === 'string' && PG_CONNECTION_MESSAGES.has(message)) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return inner.some((wrapped) => isDatabaseUnavailable(wrapped, depth + 1));
}

/** Retry-After in whole seconds: about when a new attempt can have an answer again. */
export function retryAfterSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000));
}

/** The 503 problem every route answers while the database is unavailable (API.md §1.10). */
export function databaseUnavailable(timeoutMs: number, extensions?: Record<string, unknown>): ProblemInit {
  const retryAfter = retryAfterSeconds(timeoutMs);
  return {
    status: 503,
    detail: `The database is unavailable or did not answer within ${timeoutMs} ms; retry after ${retryAfter} s.`,
    headers: { 'Retry-After': String(retryAfter) },
    extensions,
  };
}
