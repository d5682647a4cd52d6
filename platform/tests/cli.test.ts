// The `tessera` command as a real process, started the way `npm start` starts it (the compiled
// server bundle, built here first):
// first-start banner, the SPA, the data-dir lock, `user create` and graceful shutdown.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'server', 'cli.cjs');

jest.setTimeout(60_000);

interface Running {
  child: ChildProcess;
  output: () => string;
  waitFor: (re: RegExp, ms?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--enable-source-maps', CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    listeners.forEach((l) => l());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (re, ms = 30_000) =>
      new Promise((res, rej) => {
        const check = () => {
          const m = out.match(re);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            res(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          rej(new Error(`timed out waiting for ${re}; output so far:\n${out}`));
        }, ms);
        listeners.add(check);
        exited.then(() => setTimeout(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            rej(new Error(`process exited before ${re}; output:\n${out}`));
          }
        }, 50));
        check();
      }),
  };
}

let work: string;
/** Every process a test started, so none outlives the file whatever failed. */
const started: Running[] = [];
beforeAll(async () => {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`server build failed:\n${built.stdout}${built.stderr}`);
  work = await mkdtemp(join(tmpdir(), 'tessera-cli-'));
});
afterAll(async () => {
  for (const r of started) {
    if (r.child.exitCode === null && r.child.signalCode === null) {
      r.child.kill('SIGKILL');
      await r.exited;
    }
  }
  await rm(work, { recursive: true, force: true });
});

/** A data dir of its own under `work`, holding the user `wang` created from the command line. */
async function dataDirWithUser(name: string): Promise<string> {
  const dataDir = join(work, name);
  const created = runCli(['user', 'create', '--username', 'wang', '--password', 'wang-password', '--display-name', '王工'], { TESSERA_DATA_DIR: dataDir });
  expect(await created.exited).toBe(0);
  expect(created.output()).toMatch(/^Created user "wang" with id [0-9a-f]{24}\.$/m);
  return dataDir;
}

/** `tessera start` on the data dir, once it says where it listens. */
async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<{ server: Running; base: string }> {
  const server = runCli(['start'], { TESSERA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env });
  started.push(server);
  const m = await server.waitFor(/running at (http:\/\/127\.0\.0\.1:\d+)/);
  return { server, base: m[1] };
}

const signIn = (base: string, username: string, password: string) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

test('--help prints the commands', async () => {
  const r = runCli(['--help'], {});
  expect(await r.exited).toBe(0);
  expect(r.output()).toMatch(/tessera start/);
  expect(r.output()).toMatch(/tessera user create/);
  expect(r.output()).toMatch(/tessera audit verify/);
});

test('an unknown command fails with the usage (exit 64, EX_USAGE)', async () => {
  const r = runCli(['frobnicate'], {});
  expect(await r.exited).toBe(64);
  expect(r.output()).toMatch(/^tessera: Unknown command: frobnicate\n\nTessera — [\s\S]*Usage:/);
});

// The server these tests share only answers requests; the tests that stop a server start their own.
describe('tessera start, running', () => {
  let dataDir: string;
  let spaDir: string;
  let server: Running;
  let base: string;

  beforeAll(async () => {
    spaDir = join(work, 'spa');
    await mkdir(join(spaDir, 'assets'), { recursive: true });
    await writeFile(join(spaDir, 'index.html'), '<!doctype html><title>Tessera</title><div id="root"></div>');
    await writeFile(join(spaDir, 'assets', 'app-1234.js'), 'console.log("tessera")');
    // 1. A user created from the command line before the first start.
    dataDir = await dataDirWithUser('data');
    // 2. The server.
    ({ server, base } = await startServer(dataDir, { TESSERA_SPA_DIR: spaDir }));
  });

  test('a user existed already, so no admin was bootstrapped and no password printed', async () => {
    expect(server.output()).toMatch(/Sign in with your account \(the administrator is "admin"\)\./);
    expect(server.output()).not.toMatch(/First start|password:/);
    const admin = await signIn(base, 'admin', 'admin');
    expect(admin.status).toBe(401);
    expect((await admin.json()).error.code).toBe('UNAUTHENTICATED');
  });

  test('serves the API and the SPA with its client-side routes', async () => {
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok', store: 'embedded' });
    const page = await fetch(`${base}/apps/a1/forms/f1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>Tessera</title><div id="root"></div>');
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const api404 = await fetch(`${base}/api/nope`);
    expect(api404.status).toBe(404);
    expect((await api404.json()).error.code).toBe('NOT_FOUND');
    const login = await signIn(base, 'wang', 'wang-password');
    expect(login.status).toBe(200);
    expect((await login.json()).user).toMatchObject({ username: 'wang', displayName: '王工', isAdmin: false, mustChangePassword: false });
  });

  test('a second process on the same data dir fails clearly (exit 1), and the first keeps running', async () => {
    const second = runCli(['start'], { TESSERA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    started.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/The data directory is locked: another Tessera process is using it\./);
    expect(second.output()).toMatch(/TESSERA_DATA_DIR/);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});

describe('tessera start, stopping', () => {
  test('SIGTERM lets an in-flight request finish, then exits 0', async () => {
    const { server, base } = await startServer(await dataDirWithUser('sigterm'));
    // 1. Start a request and send only half of its body, so it is in flight.
    const body = JSON.stringify({ username: 'wang', password: 'wang-password' });
    const url = new URL(`${base}/api/auth/login`);
    const response = new Promise<{ status: number; body: string }>((res, rej) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (r) => {
          let text = '';
          r.on('data', (d) => (text += d));
          r.on('end', () => res({ status: r.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', rej);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        // 2. Ask the server to stop while the request waits for the rest of its body.
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 700);
      }, 300);
    });
    // 3. The request completes normally and the process exits 0.
    const r = await response;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).user.username).toBe('wang');
    expect(await server.exited).toBe(0);
    // 4. It is gone: new connections are refused.
    await expect(fetch(`${base}/api/health`)).rejects.toThrow('fetch failed');
  });

  test('after a clean shutdown the data dir opens again with the data intact', async () => {
    const dataDir = await dataDirWithUser('restart');
    // 1. A first run, stopped cleanly.
    const first = await startServer(dataDir);
    first.server.child.kill('SIGTERM');
    expect(await first.server.exited).toBe(0);
    // 2. The next run opens the same data dir and knows the user.
    const { server, base } = await startServer(dataDir);
    const login = await signIn(base, 'wang', 'wang-password');
    expect(login.status).toBe(200);
    expect((await login.json()).user.displayName).toBe('王工');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });
});

test('the first start on an empty data dir prints the one-time admin password', async () => {
  const { server, base } = await startServer(join(work, 'fresh'));
  try {
    const [, password] = await server.waitFor(/password: (\S+)/);
    expect(password).toMatch(/^[\w-]{16}$/);
    expect(server.output()).toMatch(/username: admin/);
    const login = await signIn(base, 'admin', password);
    expect(login.status).toBe(200);
    expect((await login.json()).user).toMatchObject({ username: 'admin', isAdmin: true, mustChangePassword: true });
  } finally {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }
});
