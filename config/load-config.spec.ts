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

  it('treats blank values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: '' }).database.url).toBeUndefined();
  });
});
