import { readFileSync } from 'node:fs';
import {
  AppConfig,
  JwtAlgorithm,
  WebhooksConfig,
  LOG_LEVELS,
  LogLevel,
  NODE_ENVS,
  NodeEnv,
  WEBHOOK_DELIVERY_MODES,
  WebhookDeliveryMode,
} from './app-config';
import { ConfigError } from './config-error';
import { corsOrigins, publicBaseUrl, trustedHosts } from './http-edges';

export { ConfigError } from './config-error';

/** Used only outside production so that `npm start` works with no setup; a warning is logged. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789';
/** Same for the key that encrypts webhook secrets at rest. */
export const DEVELOPMENT_WEBHOOK_SECRET_KEY = 'development-only-webhook-key-change-me-0123456789';

type Env = Record<string, string | undefined>;

/** Host names a development machine reaches the service by; only these may name it in links by default. */
export const DEFAULT_TRUSTED_HOSTS = ['localhost', '127.0.0.1', '::1'];

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(`${name} must be an integer ${range}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

/** A PEM may be given inline (with literal "\n") or as a path to a file. */
function pem(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  if (raw.includes('-----BEGIN')) return raw.replace(/\\n/g, '\n');
  return readFileSync(raw, 'utf8');
}

function jwtConfig(env: Env, nodeEnv: NodeEnv): AppConfig['jwt'] {
  const publicKey = pem(env, 'JWT_PUBLIC_KEY');
  const secret = text(env, 'JWT_SECRET');
  const common = {
    issuer: text(env, 'JWT_ISSUER'),
    audience: text(env, 'JWT_AUDIENCE'),
    clockToleranceSeconds: integer(env, 'JWT_CLOCK_TOLERANCE_SECONDS', 30),
    accessTokenTtlSeconds: integer(env, 'JWT_ACCESS_TOKEN_TTL_SECONDS', 3600, 1),
  };
  if (publicKey) {
    const algorithm = (text(env, 'JWT_ALGORITHM') ?? 'RS256') as JwtAlgorithm;
    if (algorithm !== 'RS256' && algorithm !== 'ES256') {
      throw new ConfigError('JWT_ALGORITHM must be RS256 or ES256 when JWT_PUBLIC_KEY is set');
    }
    return { ...common, algorithm, verifyKey: publicKey, signKey: pem(env, 'JWT_PRIVATE_KEY'), usingDevelopmentSecret: false };
  }
  const algorithm = text(env, 'JWT_ALGORITHM') ?? 'HS256';
  if (algorithm !== 'HS256') throw new ConfigError('JWT_ALGORITHM must be HS256 when JWT_SECRET is used');
  if (!secret && nodeEnv === 'production') {
    throw new ConfigError('JWT_SECRET (or JWT_PUBLIC_KEY) is required when NODE_ENV=production');
  }
  if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const key = secret ?? DEVELOPMENT_JWT_SECRET;
  return { ...common, algorithm: 'HS256', verifyKey: key, signKey: key, usingDevelopmentSecret: !secret };
}

/** A comma-separated list of whole numbers, e.g. a retry schedule. */
function integerList(env: Env, name: string, fallback: number[], min = 0): number[] {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const parts = raw.split(',').map((part) => part.trim());
  if (!parts.every((part) => /^\d+$/.test(part) && Number(part) >= min)) {
    throw new ConfigError(`${name} must be a comma-separated list of integers >= ${min}, got "${raw}"`);
  }
  return parts.map(Number);
}

function webhooksConfig(env: Env, nodeEnv: string): WebhooksConfig {
  const secretKey = text(env, 'WEBHOOK_SECRET_KEY');
  if (!secretKey && nodeEnv === 'production') throw new ConfigError('WEBHOOK_SECRET_KEY is required when NODE_ENV=production');
  if (secretKey && secretKey.length < 32) throw new ConfigError('WEBHOOK_SECRET_KEY must be at least 32 characters');
  return {
    secretKey: secretKey ?? DEVELOPMENT_WEBHOOK_SECRET_KEY,
    usingDevelopmentKey: !secretKey,
    allowHttp: boolean(env, 'WEBHOOK_ALLOW_HTTP', false),
    allowPrivate: boolean(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 1),
    // About 5 s, 30 s, 2 min, 10 min, 1 h, then hourly (API.md §5).
    retryScheduleMs: integerList(env, 'WEBHOOK_RETRY_SCHEDULE_MS', [5_000, 30_000, 120_000, 600_000, 3_600_000], 1),
    maxAgeMs: integer(env, 'WEBHOOK_MAX_AGE_MS', 86_400_000, 1),
    delivery: oneOf<WebhookDeliveryMode>(env, 'WEBHOOK_DELIVERY', WEBHOOK_DELIVERY_MODES, 'in-process'),
    pollIntervalMs: integer(env, 'WEBHOOK_POLL_INTERVAL_MS', 1_000, 1),
    batchSize: integer(env, 'WEBHOOK_BATCH_SIZE', 20, 1),
    yieldPercent: integer(env, 'WEBHOOK_YIELD_PERCENT', 90, 1, 100),
  };
}

/** Reads and validates the environment; throws ConfigError with the variable's name on bad input. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf<NodeEnv>(env, 'NODE_ENV', NODE_ENVS, 'development');
  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 1, 65_535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    heapGrowingPercent: integer(env, 'HEAP_GROWING_PERCENT', 50, 0, 1000),
    http: {
      corsOrigins: corsOrigins('CORS_ORIGINS', text(env, 'CORS_ORIGINS')),
      corsMaxAgeSeconds: integer(env, 'CORS_MAX_AGE_SECONDS', 600, 0, 86_400),
      publicBaseUrl: publicBaseUrl('PUBLIC_BASE_URL', text(env, 'PUBLIC_BASE_URL')),
      trustedHosts: trustedHosts('TRUSTED_HOSTS', text(env, 'TRUSTED_HOSTS'), DEFAULT_TRUSTED_HOSTS),
    },
    database: {
      url: text(env, 'DATABASE_URL'),
      poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1),
      timeoutMs: integer(env, 'DATABASE_TIMEOUT_MS', 5000, 1),
      embeddedDataDir: text(env, 'EMBEDDED_PG_DATA_DIR') ?? '.data/postgres',
      embeddedPort: integer(env, 'EMBEDDED_PG_PORT', 0, 0, 65_535),
    },
    jwt: jwtConfig(env, nodeEnv),
    rateLimit: {
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1),
      perIp: integer(env, 'RATE_LIMIT_PER_IP', 6000, 1),
      perToken: integer(env, 'RATE_LIMIT_PER_TOKEN', 3000, 1),
    },
    tokenEndpoint: {
      failureWindowMs: integer(env, 'TOKEN_FAILURE_WINDOW_MS', 600_000, 1),
      failuresPerClient: integer(env, 'TOKEN_FAILURES_PER_CLIENT', 10, 1),
      failuresPerIp: integer(env, 'TOKEN_FAILURES_PER_IP', 30, 1),
      hashConcurrency: integer(env, 'TOKEN_HASH_CONCURRENCY', 1, 1),
      hashQueue: integer(env, 'TOKEN_HASH_QUEUE', 16, 0),
    },
    limits: {
      bodyBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1),
      patchOps: integer(env, 'PATCH_MAX_OPS', 1000, 1),
      patchDepth: integer(env, 'PATCH_MAX_DEPTH', 32, 1),
      recordBytes: integer(env, 'RECORD_MAX_BYTES', 1_048_576, 1),
    },
    webhooks: webhooksConfig(env, nodeEnv),
    idempotency: {
      ttlSeconds: integer(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400, 1),
      leaseSeconds: integer(env, 'IDEMPOTENCY_LEASE_SECONDS', 60, 1),
    },
  };
}
