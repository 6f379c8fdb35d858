import { DEVELOPMENT_JWT_SECRET, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('starts with defaults and the development secret outside production', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.jwt).toMatchObject({ algorithm: 'HS256', verifyKey: DEVELOPMENT_JWT_SECRET, usingDevelopmentSecret: true });
    expect(config.limits).toEqual({ bodyBytes: 1_048_576, patchOps: 1000, patchDepth: 32, recordBytes: 1_048_576 });
  });

  it('requires JWT_SECRET in production', () => {
    const webhookKey = { WEBHOOK_SECRET_KEY: 'w'.repeat(32) };
    expect(() => loadConfig({ NODE_ENV: 'production', ...webhookKey })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), ...webhookKey }).jwt.usingDevelopmentSecret).toBe(false);
  });

  it('requires WEBHOOK_SECRET_KEY (>= 32 characters) in production, and uses a development key elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(() => loadConfig({ WEBHOOK_SECRET_KEY: 'short' })).toThrow(/WEBHOOK_SECRET_KEY/);
    expect(loadConfig({}).webhooks).toMatchObject({ usingDevelopmentKey: true, allowHttp: false, allowPrivate: false, timeoutMs: 10_000 });
    expect(loadConfig({}).webhooks.delivery).toBe('in-process');
  });

  it('reads WEBHOOK_YIELD_PERCENT as a percentage from 1 to 100, naming it when it is not one', () => {
    expect(loadConfig({}).webhooks.yieldPercent).toBe(90);
    expect(loadConfig({ WEBHOOK_YIELD_PERCENT: '100' }).webhooks.yieldPercent).toBe(100);
    expect(() => loadConfig({ WEBHOOK_YIELD_PERCENT: '0' })).toThrow(/WEBHOOK_YIELD_PERCENT/);
    expect(() => loadConfig({ WEBHOOK_YIELD_PERCENT: '101' })).toThrow(/WEBHOOK_YIELD_PERCENT/);
    expect(() => loadConfig({ WEBHOOK_YIELD_PERCENT: '0.9' })).toThrow(/WEBHOOK_YIELD_PERCENT/);
  });

  it('reads the webhook retry schedule as a list of milliseconds, naming the variable when it is not one', () => {
    expect(loadConfig({}).webhooks.retryScheduleMs).toEqual([5_000, 30_000, 120_000, 600_000, 3_600_000]);
    expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE_MS: '10, 20' }).webhooks.retryScheduleMs).toEqual([10, 20]);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE_MS: '10,soon' })).toThrow(/WEBHOOK_RETRY_SCHEDULE_MS/);
    expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE_MS: '0' })).toThrow(/WEBHOOK_RETRY_SCHEDULE_MS/);
  });

  it('refuses a short secret, a bad integer, a bad boolean and a mismatched algorithm, naming the variable', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ JWT_ALGORITHM: 'RS256' })).toThrow(/JWT_ALGORITHM/);
  });

  it('limits failed token attempts by default and names a bad token limit', () => {
    expect(loadConfig({}).tokenEndpoint).toEqual({
      failureWindowMs: 600_000,
      failuresPerClient: 10,
      failuresPerIp: 30,
      hashConcurrency: 1,
      hashQueue: 16,
    });
    expect(() => loadConfig({ TOKEN_FAILURES_PER_CLIENT: '0' })).toThrow(/TOKEN_FAILURES_PER_CLIENT/);
    expect(() => loadConfig({ TOKEN_HASH_CONCURRENCY: 'many' })).toThrow(/TOKEN_HASH_CONCURRENCY/);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: '' }).database.url).toBeUndefined();
  });

  it('bounds database waits by DATABASE_TIMEOUT_MS, 5000 ms unless set, and refuses 0 or a non-integer naming it', () => {
    expect(loadConfig({}).database.timeoutMs).toBe(5000);
    expect(loadConfig({ DATABASE_TIMEOUT_MS: '750' }).database.timeoutMs).toBe(750);
    expect(() => loadConfig({ DATABASE_TIMEOUT_MS: '0' })).toThrow(/DATABASE_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_TIMEOUT_MS: '5s' })).toThrow(/DATABASE_TIMEOUT_MS/);
  });
});

describe('loadConfig: enums and numbers are checked at load, naming the variable', () => {
  it.each([
    ['LOG_LEVEL', 'bogus', /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "bogus"$/],
    ['NODE_ENV', 'prod', /^NODE_ENV must be one of development, test, production/],
    ['PORT', '70000', /^PORT must be an integer from 1 to 65535, got "70000"$/],
    ['PORT', '0', /^PORT must be an integer from 1 to 65535/],
    ['PORT', '-1', /^PORT must be an integer/],
    ['EMBEDDED_PG_PORT', '65536', /^EMBEDDED_PG_PORT must be an integer from 0 to 65535/],
    ['CORS_MAX_AGE_SECONDS', '1e3', /^CORS_MAX_AGE_SECONDS must be an integer/],
    ['RATE_LIMIT_PER_IP', '99999999999999999999', /^RATE_LIMIT_PER_IP must be an integer >= 1/],
    ['JWT_ALGORITHM', 'none', /^JWT_ALGORITHM must be HS256/],
  ])('refuses %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('accepts the edges of each range and every pino level', () => {
    expect(loadConfig({ PORT: '1' }).port).toBe(1);
    expect(loadConfig({ PORT: '65535', EMBEDDED_PG_PORT: '0' }).port).toBe(65_535);
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
    }
  });

  it('bounds heap growth at 50 % unless HEAP_GROWING_PERCENT says otherwise, 0 leaving it to V8', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '1000' }).heapGrowingPercent).toBe(1000);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: '1001' })).toThrow(/^HEAP_GROWING_PERCENT must be an integer/);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: '-5' })).toThrow(/^HEAP_GROWING_PERCENT must be an integer/);
  });

  it('has browser and link defaults: no CORS origin, no public base URL, localhost names trusted', () => {
    expect(loadConfig({}).http).toEqual({
      corsOrigins: [],
      corsMaxAgeSeconds: 600,
      publicBaseUrl: undefined,
      trustedHosts: ['localhost', '127.0.0.1', '[::1]'],
    });
  });
});
