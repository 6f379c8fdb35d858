import { readFileSync } from 'node:fs';
import { AppConfig, JwtAlgorithm } from './app-config';

/** Used only outside production so that `npm start` works with no setup; a warning is logged. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789';

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min = 0): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return Number(raw);
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

function jwtConfig(env: Env, nodeEnv: string): AppConfig['jwt'] {
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

/** Reads and validates the environment; throws ConfigError with the variable's name on bad input. */
export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = text(env, 'NODE_ENV') ?? 'development';
  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000),
    host: text(env, 'HOST') ?? '0.0.0.0',
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    logLevel: text(env, 'LOG_LEVEL') ?? 'info',
    database: {
      url: text(env, 'DATABASE_URL'),
      poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1),
      timeoutMs: integer(env, 'DATABASE_TIMEOUT_MS', 5000, 1),
      embeddedDataDir: text(env, 'EMBEDDED_PG_DATA_DIR') ?? '.data/postgres',
      embeddedPort: integer(env, 'EMBEDDED_PG_PORT', 0),
    },
    jwt: jwtConfig(env, nodeEnv),
    rateLimit: {
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1),
      perIp: integer(env, 'RATE_LIMIT_PER_IP', 6000, 1),
      perToken: integer(env, 'RATE_LIMIT_PER_TOKEN', 3000, 1),
    },
    limits: {
      bodyBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1),
      patchOps: integer(env, 'PATCH_MAX_OPS', 1000, 1),
      patchDepth: integer(env, 'PATCH_MAX_DEPTH', 32, 1),
      recordBytes: integer(env, 'RECORD_MAX_BYTES', 1_048_576, 1),
    },
  };
}
