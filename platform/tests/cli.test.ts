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
beforeAll(async () => {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`server build failed:\n${built.stdout}${built.stderr}`);
  work = await mkdtemp(join(tmpdir(), 'tessera-cli-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

test('--help prints the commands', async () => {
  const r = runCli(['--help'], {});
  expect(await r.exited).toBe(0);
  expect(r.output()).toMatch(/tessera start/);
  expect(r.output()).toMatch(/tessera user create/);
  expect(r.output()).toMatch(/tessera audit verify/);
});

test('an unknown command fails with the usage', async () => {
  const r = runCli(['frobnicate'], {});
  expect(await r.exited).not.toBe(0);
  expect(r.output()).toMatch(/Unknown command[\s\S]*Usage/);
});

describe('tessera start', () => {
  let dataDir: string;
  let spaDir: string;
  let server: Running;
  let base: string;

  beforeAll(async () => {
    dataDir = join(work, 'data');
    spaDir = join(work, 'spa');
    await mkdir(join(spaDir, 'assets'), { recursive: true });
    await writeFile(join(spaDir, 'index.html'), '<!doctype html><title>Tessera</title><div id="root"></div>');
    await writeFile(join(spaDir, 'assets', 'app-1234.js'), 'console.log("tessera")');
    // 1. A user created from the command line before the first start.
    const created = runCli(['user', 'create', '--username', 'wang', '--password', 'wang-password', '--display-name', '王工'], {
      TESSERA_DATA_DIR: dataDir,
    });
    expect(await created.exited).toBe(0);
    expect(created.output()).toMatch(/Created user "wang"/);
    // 2. The server.
    server = runCli(['start'], { TESSERA_DATA_DIR: dataDir, TESSERA_SPA_DIR: spaDir, PORT: '0', HOST: '127.0.0.1' });
    const m = await server.waitFor(/running at (http:\/\/127\.0\.0\.1:\d+)/);
    base = m[1];
  });

  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });

  test('a user existed already, so no admin was bootstrapped and no password printed', () => {
    expect(server.output()).not.toMatch(/password:/);
  });

  test('serves the API and the SPA with its client-side routes', async () => {
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: 'ok', store: 'embedded' });
    const page = await fetch(`${base}/apps/a1/forms/f1`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    const api404 = await fetch(`${base}/api/nope`);
    expect(api404.status).toBe(404);
    expect((await api404.json()).error.code).toBe('NOT_FOUND');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'wang', password: 'wang-password' }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.displayName).toBe('王工');
  });

  test('a second process on the same data dir fails clearly, and the first keeps running', async () => {
    const second = runCli(['start'], { TESSERA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/lock/i);
    expect(second.output()).toMatch(/TESSERA_DATA_DIR/);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  test('SIGTERM lets an in-flight request finish, then exits 0', async () => {
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
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });

  test('after a clean shutdown the data dir opens again with the data intact', async () => {
    const again = runCli(['start'], { TESSERA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
    const m = await again.waitFor(/running at (http:\/\/127\.0\.0\.1:\d+)/);
    const login = await fetch(`${m[1]}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'wang', password: 'wang-password' }),
    });
    expect(login.status).toBe(200);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });
});

test('the first start on an empty data dir prints the one-time admin password', async () => {
  const dataDir = join(work, 'fresh');
  const server = runCli(['start'], { TESSERA_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  try {
    const [, base] = await server.waitFor(/running at (http:\/\/127\.0\.0\.1:\d+)/);
    const [, password] = await server.waitFor(/password: (\S+)/);
    expect(server.output()).toMatch(/username: admin/);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.mustChangePassword).toBe(true);
  } finally {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }
});
