// Slow clients over a real socket (issue #9): a client that sends its headers a byte at a time,
// or sends nothing, or never finishes its body, is answered 408 and disconnected once its time
// is up, so a few thousand of them cannot hold the server's connections. The limits are short
// here (TESSERA_HEADERS_TIMEOUT=1, TESSERA_REQUEST_TIMEOUT=2 seconds); the defaults are 30 s and 5 min.
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ConfigError, DEFAULT_TIMEOUTS, loadConfig } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await startTestApp({ env: { TESSERA_HEADERS_TIMEOUT: '1', TESSERA_REQUEST_TIMEOUT: '2' } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

const TIMEOUT_BODY = '{"error":{"code":"REQUEST_TIMEOUT","message":"请求未在限定时间内发送完毕","details":[]}}';
const TIMEOUT_ANSWER = `HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(TIMEOUT_BODY)}\r\n\r\n${TIMEOUT_BODY}`;

/** Opens a raw connection, lets `talk` write to it, and resolves with what came back once the server closed it. */
function slowClient(talk: (socket: Socket) => void): Promise<{ received: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', () => undefined); // a write racing the close
    socket.on('close', () => resolve({ received, ms: performance.now() - start }));
    socket.on('connect', () => talk(socket));
    setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open for 10 s'));
    }, 10_000).unref();
  });
}

/** Writes `chunk` every `ms` until the socket closes. */
function drip(socket: Socket, chunk: string, ms: number): void {
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(chunk)), ms);
  socket.on('close', () => clearInterval(timer));
}

test('the defaults: 30 s for headers, 5 minutes for a request, 72 s kept alive, 2 minutes idle', () => {
  expect(DEFAULT_TIMEOUTS).toEqual({ headers: 30_000, request: 300_000, keepAlive: 72_000, idle: 120_000, maxRequestsPerSocket: 1000 });
});

test('the limits are read from the environment, in seconds, and checked', () => {
  expect(loadConfig({})).toMatchObject({ headersTimeout: 30, requestTimeout: 300, keepAliveTimeout: 72, idleTimeout: 120 });
  expect(loadConfig({ TESSERA_HEADERS_TIMEOUT: '10', TESSERA_REQUEST_TIMEOUT: '600', TESSERA_KEEP_ALIVE_TIMEOUT: '5', TESSERA_IDLE_TIMEOUT: '60' })).toMatchObject({
    headersTimeout: 10, requestTimeout: 600, keepAliveTimeout: 5, idleTimeout: 60,
  });
  expect(() => loadConfig({ TESSERA_HEADERS_TIMEOUT: '0' })).toThrow(new ConfigError(['TESSERA_HEADERS_TIMEOUT="0" must be an integer between 1 and 3600']));
});

test('headers sent a byte at a time (slowloris): 408 REQUEST_TIMEOUT and disconnected after the 1 s limit', async () => {
  const { received, ms } = await slowClient((socket) => {
    socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    drip(socket, 'a', 100); // the blank line that ends the headers never comes
  });
  expect(received).toBe(TIMEOUT_ANSWER);
  expect(ms).toBeGreaterThanOrEqual(900);
  expect(ms).toBeLessThan(3000);
});

test('a connection that sends nothing is closed after the headers limit too', async () => {
  const { received, ms } = await slowClient(() => undefined);
  expect(received).toBe(TIMEOUT_ANSWER);
  expect(ms).toBeGreaterThanOrEqual(900);
  expect(ms).toBeLessThan(3000);
});

test('a body that never finishes: 408 once the 2 s request limit is up', async () => {
  const { received, ms } = await slowClient((socket) => {
    socket.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":');
    drip(socket, ' ', 200);
  });
  expect(received).toBe(TIMEOUT_ANSWER);
  expect(ms).toBeGreaterThanOrEqual(1900);
  expect(ms).toBeLessThan(4000);
});

test('while 20 slowloris clients hang on, the server answers others at once; then each of them gets its 408', async () => {
  const slow = Array.from({ length: 20 }, () =>
    slowClient((socket) => {
      socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      drip(socket, 'a', 100);
    }),
  );
  const res = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', store: 'embedded' });
  const closed = await Promise.all(slow);
  expect(new Set(closed.map((c) => c.received))).toEqual(new Set([TIMEOUT_ANSWER]));
  expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
});

test('what is not HTTP at all is refused at once: 400 BAD_REQUEST in the same error shape', async () => {
  const body = '{"error":{"code":"BAD_REQUEST","message":"请求格式不正确","details":[]}}';
  const { received, ms } = await slowClient((socket) => socket.write('HELLO\r\n\r\n'));
  expect(received).toBe(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  expect(ms).toBeLessThan(900);
});
