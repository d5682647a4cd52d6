// Configuration from the environment: defaults, overrides, and one error naming every problem.
import { ConfigError, loadConfig } from '@tessera/runtime';

describe('loadConfig', () => {
  test('defaults for a fresh machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      timeZone: 'Asia/Shanghai',
      bodyLimit: 1024 * 1024,
      importBodyLimit: 50 * 1024 * 1024,
      copyRecordLimit: 100_000,
      loginRateLimit: 10,
      sessionMaxAge: 7 * 24 * 3600,
      sessionIdleTimeout: 8 * 3600,
      trustProxy: false,
      logLevel: 'info',
    });
    expect(c.mongoUri).toBeUndefined();
    expect(c.sessionSecret).toBeUndefined();
    expect(c.adminPassword).toBeUndefined();
  });

  test('quiet under NODE_ENV=test unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  test('every variable is read', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      TESSERA_DATA_DIR: '/var/lib/tessera',
      MONGODB_URI: 'mongodb://db1,db2/tessera?replicaSet=rs0',
      TESSERA_ADMIN_PASSWORD: 'a-long-password',
      TESSERA_TIME_ZONE: 'Europe/Berlin',
      TESSERA_BODY_LIMIT: '2097152',
      TESSERA_IMPORT_BODY_LIMIT: '10485760',
      TESSERA_COPY_RECORD_LIMIT: '500',
      TESSERA_SESSION_SECRET: 'x'.repeat(40),
      TESSERA_AUDIT_KEY: 'k'.repeat(40),
      TESSERA_SESSION_IDLE_TIMEOUT: '1800',
      TESSERA_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/tessera',
      mongoUri: 'mongodb://db1,db2/tessera?replicaSet=rs0',
      adminPassword: 'a-long-password',
      timeZone: 'Europe/Berlin',
      bodyLimit: 2097152,
      importBodyLimit: 10485760,
      copyRecordLimit: 500,
      sessionSecret: 'x'.repeat(40),
      auditKey: 'k'.repeat(40),
      sessionIdleTimeout: 1800,
      trustProxy: ['10.0.0.5', '10.1.0.0/16'],
      logLevel: 'warn',
    });
  });

  test('invalid values are all reported at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: '70000', MONGODB_URI: 'postgres://x', TESSERA_TIME_ZONE: 'Mars/Olympus', TESSERA_ADMIN_PASSWORD: 'short', TESSERA_BODY_LIMIT: '-1', TESSERA_AUDIT_KEY: 'short' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'MONGODB_URI', 'TESSERA_TIME_ZONE', 'TESSERA_ADMIN_PASSWORD', 'TESSERA_BODY_LIMIT', 'TESSERA_AUDIT_KEY']) {
      expect(problems).toContain(name);
    }
    expect((err as ConfigError).problems).toHaveLength(6);
  });

  test('MongoDB needs the audit key from the environment: every node seals alike', () => {
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://db/tessera' })).toThrow(/TESSERA_AUDIT_KEY must be set with MONGODB_URI/);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db/tessera', TESSERA_AUDIT_KEY: 'k'.repeat(32) }).auditKey).toBe('k'.repeat(32));
  });

  test.each([
    ['false', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
  ])('TESSERA_TRUST_PROXY=%s reads as %j', (raw, expected) => {
    expect(loadConfig({ TESSERA_TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  test.each([
    ['true', /^TESSERA_TRUST_PROXY=true would believe any X-Forwarded-For a client sends/],
    ['yes', /^TESSERA_TRUST_PROXY must be false, a hop count or comma-separated proxy addresses \/ CIDR ranges; not "yes"$/],
    ['10.0.0.0/33,10.0.0.1', /not "10\.0\.0\.0\/33"$/],
    ['99', /^TESSERA_TRUST_PROXY=99: a hop count must be between 0 and 32$/],
  ])('TESSERA_TRUST_PROXY=%s is refused with a clear sentence', (raw, problem) => {
    let err: unknown;
    try {
      loadConfig({ TESSERA_TRUST_PROXY: raw });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([expect.stringMatching(problem)]);
  });
});
