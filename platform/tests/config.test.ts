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
      TESSERA_TRUST_PROXY: 'true',
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
      trustProxy: true,
      logLevel: 'warn',
    });
  });

  test('invalid values are all reported at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: '70000', MONGODB_URI: 'postgres://x', TESSERA_TIME_ZONE: 'Mars/Olympus', TESSERA_ADMIN_PASSWORD: 'short', TESSERA_BODY_LIMIT: '-1' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'MONGODB_URI', 'TESSERA_TIME_ZONE', 'TESSERA_ADMIN_PASSWORD', 'TESSERA_BODY_LIMIT']) {
      expect(problems).toContain(name);
    }
    expect((err as ConfigError).problems).toHaveLength(5);
  });
});
