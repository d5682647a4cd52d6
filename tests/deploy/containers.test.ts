// docker/ cannot run here (no Docker engine on the build machines), so its promises are read as
// data: the secrets have no public defaults, every replica-set member is waited for with a time
// limit, the image runs as a non-root user with a health check, and .dockerignore keeps local
// data, packages and history out of the image. And for MongoDB: the database is `tessera` unless
// named, and a server that cannot run transactions (standalone, or older than 5.0) stops the start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseName, unsupportedServer } from '@tessera/runtime';

const root = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('docker/compose.yml', () => {
  const compose = read('docker/compose.yml');

  test.each(['TESSERA_ADMIN_PASSWORD', 'TESSERA_SESSION_SECRET', 'TESSERA_AUDIT_KEY'])('%s is required: no default compose could start with', (name) => {
    const line = compose.split('\n').find((l) => l.trim().startsWith(`${name}:`));
    expect(line).toMatch(new RegExp(`\\$\\{${name}:\\?[^}]+\\}`));
    expect(line).not.toMatch(/:-/);
  });

  test('every member answers before the set is initiated, and the waits end with a clear failure', () => {
    const members = [...compose.matchAll(/^ {2}(mongo\d):$/gm)].map((m) => m[1]);
    expect(members).toEqual(['mongo1', 'mongo2', 'mongo3']);
    expect(compose).toMatch(/for host in mongo1 mongo2 mongo3; do/);
    expect(compose).toMatch(/did not answer within 60 s" >&2; exit 1/);
    expect(compose).toMatch(/no primary was elected within 60 s"\); quit\(1\)/);
    expect(compose.indexOf('for host in mongo1 mongo2 mongo3')).toBeLessThan(compose.indexOf('rs.initiate('));
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');
  const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  test('the image runs as a user that is not root, with a health check on /api/health', () => {
    const user = /^USER\s+(\S+)/m.exec(final)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(final).toMatch(/^HEALTHCHECK .*\n?.*\/api\/health/m);
  });
});

describe('.dockerignore', () => {
  const entries = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  test.each(['data/', 'node_modules/', '.git/'])('keeps %s out of the image', (entry) => {
    expect(entries).toContain(entry);
  });
});

describe('the MongoDB database name', () => {
  test.each([
    ['mongodb://db1,db2,db3/?replicaSet=rs0', undefined, 'tessera'],
    ['mongodb://db1/', undefined, 'tessera'],
    ['mongodb://db1', undefined, 'tessera'],
    ['mongodb://db1,db2/qms?replicaSet=rs0', undefined, 'qms'],
    ['mongodb+srv://user:pw@cluster.example/prod', undefined, 'prod'],
    ['mongodb://db1/qms', 'override', 'override'],
  ])('%s (TESSERA_MONGODB_DB %s) → %s', (uri, name, expected) => {
    expect(databaseName(uri, name)).toBe(expected);
  });
});

describe('the MongoDB server Tessera starts on', () => {
  const rs = { setName: 'rs0' };
  test.each([
    ['a replica set of 7.0', rs, { version: '7.0.12', versionArray: [7, 0, 12, 0] }, null],
    ['a replica set of 5.0', rs, { version: '5.0.0', versionArray: [5, 0, 0, 0] }, null],
    ['a sharded cluster (its router)', { msg: 'isdbgrid' }, { version: '6.0.3', versionArray: [6, 0, 3, 0] }, null],
    ['a standalone 7.0', {}, { version: '7.0.1', versionArray: [7, 0, 1, 0] }, /standalone server: Tessera needs a replica set/],
    ['a replica set of 4.4', rs, { version: '4.4.29', versionArray: [4, 4, 29, 0] }, /MongoDB 4\.4\.29 is too old: Tessera needs 5\.0 or later/],
    ['a version given as text only', rs, { version: '4.2.1' }, /MongoDB 4\.2\.1 is too old/],
  ] as const)('%s', (_name, hello, build, expected) => {
    const why = unsupportedServer(hello, build);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });
});
