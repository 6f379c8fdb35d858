import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('starts with defaults and the development secret outside production', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.jwt).toMatchObject({ algorithm: 'HS256', verifyKey: DEVELOPMENT_JWT_SECRET, usingDevelopmentSecret: true });
    expect(config.limits).toEqual({ bodyBytes: 1_048_576, patchOps: 1000, patchDepth: 32, recordBytes: 1_048_576 });
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwt.usingDevelopmentSecret).toBe(false);
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

  it('bounds database waits by DATABASE_TIMEOUT_MS, 5000 ms unless set, and refuses 0 or a non-integer naming it', () => {
    expect(loadConfig({}).database.timeoutMs).toBe(5000);
    expect(loadConfig({ DATABASE_TIMEOUT_MS: '750' }).database.timeoutMs).toBe(750);
    expect(() => loadConfig({ DATABASE_TIMEOUT_MS: '0' })).toThrow(/DATABASE_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_TIMEOUT_MS: '5s' })).toThrow(/DATABASE_TIMEOUT_MS/);
  });
});
