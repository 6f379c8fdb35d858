/**
 * The service's whole configuration, read once from the environment at start-up.
 * Every variable, its default and its meaning is listed in `.env.example`; keep the two in step.
 */
export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the app process sends webhooks: itself, or not at all (`npm run worker` does). */
export const WEBHOOK_DELIVERY_MODES = ['in-process', 'off'] as const;
export type WebhookDeliveryMode = (typeof WEBHOOK_DELIVERY_MODES)[number];

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Take the client IP from X-Forwarded-For (behind a reverse proxy); it keys the per-IP limit. */
  trustProxy: boolean;
  logLevel: LogLevel;
  /** Old-generation growth past the live heap before a full collection, percent; 0 = V8's own (src/limit-heap-growth.ts). */
  heapGrowingPercent: number;
  /** What browsers and links see of the service (API.md §1.11, §1.12). */
  http: {
    /** Exact origins allowed to call from a browser; empty = no cross-origin access. */
    corsOrigins: string[];
    /** How long a browser may cache a preflight answer. */
    corsMaxAgeSeconds: number;
    /** Base of absolute links (`_links`, `Location`), without a trailing slash. */
    publicBaseUrl?: string;
    /** Host names (lower case, IPv6 in brackets) a request's Host may use for absolute links. */
    trustedHosts: string[];
  };
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
  /** POST /auth/token: failed client-credential attempts and the scrypt work they may cause. */
  tokenEndpoint: {
    failureWindowMs: number;
    failuresPerClient: number;
    failuresPerIp: number;
    /** Secret checks (scrypt) running at once; more wait in a queue of `hashQueue`, beyond it 503. */
    hashConcurrency: number;
    hashQueue: number;
  };
  limits: {
    bodyBytes: number;
    patchOps: number;
    patchDepth: number;
    recordBytes: number;
  };
  webhooks: WebhooksConfig;
  /** Idempotency-Key (API.md §1.13). */
  idempotency: {
    /** How long a completed request's answer is kept for replay. */
    ttlSeconds: number;
    /** How long an in-flight claim holds its key before another request may take it over. */
    leaseSeconds: number;
  };
}

/** Webhook subscriptions and their delivery worker (API.md §5). */
export interface WebhooksConfig {
  /** Encrypts subscription secrets at rest (AES-256-GCM under its SHA-256). */
  secretKey: string;
  usingDevelopmentKey: boolean;
  /** Accept `http://` subscription URLs (local development, tests). */
  allowHttp: boolean;
  /** Accept hosts that resolve to loopback, private, link-local or metadata addresses. */
  allowPrivate: boolean;
  /** A receiver must answer (fully) within this time. */
  timeoutMs: number;
  /** Delay before the 1st, 2nd, ... retry; the last one repeats. Jitter is added. */
  retryScheduleMs: number[];
  /** A delivery still failing this long after its change is marked failed. */
  maxAgeMs: number;
  /** Whether the app process runs the delivery worker; `npm run worker` runs it whatever this says. */
  delivery: WebhookDeliveryMode;
  /** How often the worker looks for due deliveries. */
  pollIntervalMs: number;
  /** Deliveries one worker sends at once. */
  batchSize: number;
  /**
   * In the API process: at this event-loop utilization (percent) the worker sends one batch per
   * poll instead of draining the outbox, leaving the CPU to the requests; 100 = never yields.
   */
  yieldPercent: number;
}
