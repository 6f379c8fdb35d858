/**
 * The service's whole configuration, read once from the environment at start-up.
 * Every variable, its default and its meaning is listed in `.env.example`; keep the two in step.
 */
export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  /** Take the client IP from X-Forwarded-For (behind a reverse proxy); it keys the per-IP limit. */
  trustProxy: boolean;
  logLevel: string;
  database: {
    /** Undefined means: start the embedded PostgreSQL. */
    url?: string;
    poolSize: number;
    /** Bound on every wait for the database: connect, pool acquire, each statement (API.md §1.10). */
    timeoutMs: number;
    embeddedDataDir: string;
    embeddedPort: number;
  };
  jwt: {
    algorithm: JwtAlgorithm;
    /** HS256 secret, or the PEM public key for RS256/ES256. */
    verifyKey: string;
    /** HS256 secret, or the PEM private key; undefined when this instance cannot issue tokens. */
    signKey?: string;
    issuer?: string;
    audience?: string;
    clockToleranceSeconds: number;
    accessTokenTtlSeconds: number;
    usingDevelopmentSecret: boolean;
  };
  rateLimit: {
    windowMs: number;
    perIp: number;
    perToken: number;
  };
  limits: {
    bodyBytes: number;
    patchOps: number;
    patchDepth: number;
    recordBytes: number;
  };
}
