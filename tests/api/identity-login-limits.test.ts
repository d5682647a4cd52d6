// Sign-in limits through real HTTP, counted on the client address trust-proxy resolves
// (app.inject's remoteAddress plays the TCP peer): an account + client pair locks after L
// failures without locking the owner out elsewhere, a forged X-Forwarded-For does not make a new
// client, one client spraying many usernames is stopped, and an account attacked from many
// clients is slowed. L = TESSERA_LOGIN_RATE_LIMIT = 3 here; windows are 15 minutes of the
// server's clock, which the tests hold still or move by hand.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

let now = Date.parse('2026-03-02T08:00:00.000Z');
const clock: Clock = { now: () => new Date(now) };
let t: TestApp;
// An app for each test: the limits (their default wait among them) are set up when the app is
// built, and a mutation run credits that code only to tests that build their app while they run.
beforeEach(async () => {
  // One proxy in front (10.0.0.2 below); its own X-Forwarded-For entry names the client.
  t = await startTestApp({ clock, env: { TESSERA_LOGIN_RATE_LIMIT: '3', TESSERA_TRUST_PROXY: '1' } });
});
afterEach(() => t.close());

const PROXY = '10.0.0.2';
/** A sign-in from `client`, directly or (with `forwardedFor`) through the proxy. */
const signIn = (client: string, username: string, password: string, forwardedFor?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: forwardedFor === undefined ? client : PROXY,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    payload: { username, password },
  });
const outcome = (res: { statusCode: number; json(): { error?: { code: string } } }) => ({ status: res.statusCode, code: res.json().error?.code ?? 'OK' });
const WRONG = { status: 401, code: 'UNAUTHENTICATED' };
const LIMITED = { status: 429, code: 'RATE_LIMITED' };
const OK = { status: 200, code: 'OK' };

test('the owner signs in from a clean client while the client guessing their password is locked out', async () => {
  await t.createUser({ username: 'owner', password: 'owner-password-1' });
  // 1. Three wrong guesses from one client, then even the right password is refused there.
  for (let i = 0; i < 3; i++) expect(outcome(await signIn('198.51.100.7', 'owner', `guess-${i}-wrong`))).toEqual(WRONG);
  const locked = await signIn('198.51.100.7', 'owner', 'owner-password-1');
  expect(outcome(locked)).toEqual(LIMITED);
  // The window began with the first failure, on a clock standing still: all 15 minutes remain.
  expect(locked.headers['retry-after']).toBe('900');
  expect(locked.json().error.details).toEqual([{ retryAfterSeconds: 900 }]);

  // 2. The owner, from a client that has not been failing, gets in.
  expect(outcome(await signIn('203.0.113.9', 'owner', 'owner-password-1'))).toEqual(OK);

  // 3. The failing client is locked out of this account only (3 failures < 9 for the client).
  await t.createUser({ username: 'neighbour', password: 'neighbour-password' });
  expect(outcome(await signIn('198.51.100.7', 'neighbour', 'neighbour-password'))).toEqual(OK);

  // 4. When the window has passed, the client may try again.
  now += 15 * 60_000;
  expect(outcome(await signIn('198.51.100.7', 'owner', 'owner-password-1'))).toEqual(OK);
});

test('a forged X-Forwarded-For on each try does not reset the limit: only the proxy\'s own entry names the client', async () => {
  await t.createUser({ username: 'proxied', password: 'proxied-password' });
  // The attacker at 198.51.100.20 makes up a new address each time; the proxy appends the real one.
  for (let i = 0; i < 3; i++) {
    expect(outcome(await signIn('', 'proxied', `guess-${i}-wrong`, `192.0.2.${i + 1}, 198.51.100.20`))).toEqual(WRONG);
  }
  expect(outcome(await signIn('', 'proxied', 'proxied-password', '192.0.2.99, 198.51.100.20'))).toEqual(LIMITED);
  expect(outcome(await signIn('', 'proxied', 'proxied-password', '198.51.100.20'))).toEqual(LIMITED);
  // Another real client behind the same proxy is not locked out.
  expect(outcome(await signIn('', 'proxied', 'proxied-password', '192.0.2.1, 203.0.113.50'))).toEqual(OK);
});

test('spraying one password over many usernames from one client is stopped after 3L failures, for every username', async () => {
  await t.createUser({ username: 'sprayed', password: 'sprayed-password' });
  // 1. Nine different accounts (real or not), one try each: each is a plain wrong answer.
  for (let i = 0; i < 9; i++) expect({ i, ...outcome(await signIn('198.51.100.30', `person-${i}`, 'Summer2026!!')) }).toEqual({ i, ...WRONG });
  // 2. The tenth try from that client is refused whatever the account, even with its right password.
  expect(outcome(await signIn('198.51.100.30', 'person-9', 'Summer2026!!'))).toEqual(LIMITED);
  expect(outcome(await signIn('198.51.100.30', 'sprayed', 'sprayed-password'))).toEqual(LIMITED);
  // 3. Other clients are untouched.
  expect(outcome(await signIn('203.0.113.31', 'sprayed', 'sprayed-password'))).toEqual(OK);
});

test('a successful sign-in takes its try back: a few typos between successes never add up to a lockout', async () => {
  await t.createUser({ username: 'typist', password: 'typist-password' });
  for (let round = 0; round < 3; round++) {
    expect(outcome(await signIn('198.51.100.40', 'typist', 'typist-pasword'))).toEqual(WRONG);
    expect(outcome(await signIn('198.51.100.40', 'typist', 'typist-passwrd'))).toEqual(WRONG);
    expect({ round, ...outcome(await signIn('198.51.100.40', 'typist', 'typist-password')) }).toEqual({ round, ...OK });
  }
});

test('IPv6 clients are counted by their /64: changing the last 64 bits does not make a new client', async () => {
  await t.createUser({ username: 'six', password: 'six-password-6' });
  for (let i = 1; i <= 3; i++) expect(outcome(await signIn(`2001:db8:1:2::${i}`, 'six', `guess-${i}-wrong`))).toEqual(WRONG);
  expect(outcome(await signIn('2001:db8:1:2:ffff::9', 'six', 'six-password-6'))).toEqual(LIMITED);
  expect(outcome(await signIn('2001:db8:1:3::1', 'six', 'six-password-6'))).toEqual(OK);
  // However the address is written (a leading "::", in full with leading zeros, or ending in "::"),
  // its first four groups name the client.
  await t.createUser({ username: 'six-b', password: 'six-b-password-6' });
  for (let i = 1; i <= 3; i++) expect(outcome(await signIn(`::${i + 4}`, 'six-b', `guess-${i}-wrong`))).toEqual(WRONG);
  expect(outcome(await signIn('0:0:0:0::1', 'six-b', 'six-b-password-6'))).toEqual(LIMITED);
  expect(outcome(await signIn('0000:0000:0000:0000:0000:0000:0000:0009', 'six-b', 'six-b-password-6'))).toEqual(LIMITED);
  expect(outcome(await signIn('0:0:0:1::', 'six-b', 'six-b-password-6'))).toEqual(OK);
  // A short "::" early, an IPv4 tail (two groups) and a zone: the groups after "::" can fall
  // within the first four, so the fill between must be counted right.
  await t.createUser({ username: 'six-c', password: 'six-c-password-6' });
  for (let i = 1; i <= 3; i++) expect(outcome(await signIn(`1::a:b:c:d:1.2.3.${i}`, 'six-c', `guess-${i}-wrong`))).toEqual(WRONG);
  expect(outcome(await signIn('1:0:a:b::9', 'six-c', 'six-c-password-6'))).toEqual(LIMITED);
  expect(outcome(await signIn('1:0:a:c::9', 'six-c', 'six-c-password-6'))).toEqual(OK);
  await t.createUser({ username: 'six-d', password: 'six-d-password-6' });
  for (let i = 1; i <= 3; i++) expect(outcome(await signIn(`fe80::${i}%eth0`, 'six-d', `guess-${i}-wrong`))).toEqual(WRONG);
  expect(outcome(await signIn('fe80::9', 'six-d', 'six-d-password-6'))).toEqual(LIMITED);
});

test('an account attacked from many clients answers more slowly, yet its owner still gets in', async () => {
  await t.createUser({ username: 'besieged', password: 'besieged-password' });
  // 1. Three clients, three failures each: 9 = 3L failures on the account, none delayed.
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < 3; i++) expect(outcome(await signIn(`198.51.100.${50 + c}`, 'besieged', `guess-${c}-${i}-x`))).toEqual(WRONG);
  }
  // 2. The next failure, from a fourth client, waits a second before its answer.
  let started = performance.now();
  expect(outcome(await signIn('198.51.100.60', 'besieged', 'guess-again-x'))).toEqual(WRONG);
  expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  // 3. The owner from a clean client waits two, and is let in.
  started = performance.now();
  expect(outcome(await signIn('203.0.113.61', 'besieged', 'besieged-password'))).toEqual(OK);
  expect(performance.now() - started).toBeGreaterThanOrEqual(1950);
});

test('the lockout says how long is left, in minutes rounded up and in the reader\'s language; under a minute left reads "1 minute"', async () => {
  await t.createUser({ username: 'counted', password: 'counted-password-1' });
  for (let i = 0; i < 3; i++) expect(outcome(await signIn('198.51.100.80', 'counted', `guess-${i}-wrong`))).toEqual(WRONG);
  const words = async (language: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.80',
      headers: { 'accept-language': language },
      payload: { username: 'counted', password: 'counted-password-1' },
    });
    return [res.statusCode, res.json().error.message];
  };
  const began = now;
  try {
    expect(await words('en-US')).toEqual([429, 'Too many failed sign-ins; try again in 15 minutes']);
    expect(await words('zh-CN')).toEqual([429, '登录失败次数过多，请 15 分钟后再试']);
    now += 14 * 60_000 + 1_000; // 59 seconds left
    expect(await words('en-US')).toEqual([429, 'Too many failed sign-ins; try again in 1 minute']);
    expect(await words('zh-CN')).toEqual([429, '登录失败次数过多，请 1 分钟后再试']);
  } finally {
    now = began;
  }
});

test('a server sweeps away the counts whose window has ended at its first sign-in, and keeps the others', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-sweep-'));
  const env = { TESSERA_LOGIN_RATE_LIMIT: '3', TESSERA_TRUST_PROXY: '1' };
  const fail = async (app: TestApp, client: string, username: string) =>
    expect(outcome(await app.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: client, payload: { username, password: 'guess-wrong' } }))).toEqual(WRONG);
  const began = now;
  const at = (minutes: number) => new Date(began + minutes * 60_000).toISOString();
  try {
    // Counted before a restart: failures whose window ends at minute 15, and one whose window ends at 25.
    const before = await startTestApp({ clock, env, dataDir: dir });
    try {
      await fail(before, '198.51.100.95', 'sweep-old');
      await fail(before, '198.51.100.95', 'sweep-old');
      now = began + 10 * 60_000;
      await fail(before, '198.51.100.96', 'sweep-new');
      const counted = await before.store.collection('login_attempts').find({});
      // Two failures on sweep-old counted thrice (its client, its account, the pair); the test
      // app's own admin sign-in succeeded, so its client and account are back at 0 (the pair is
      // deleted on success).
      const ending15 = counted.filter((d) => d.windowEnds === at(15)).map((d) => `${d.kind as string}:${d.count as number}`).sort();
      expect(ending15).toEqual(['account-client:2', 'account:0', 'account:2', 'client:0', 'client:2']);
    } finally {
      await before.close();
    }
    // Back at minute 16: the first windows have ended; the last one's three counts (its client, its
    // account, the pair) run on.
    now = began + 16 * 60_000;
    const after = await startTestApp({ clock, env, dataDir: dir });
    try {
      const left = await after.store.collection('login_attempts').find({});
      expect(left.filter((d) => (d.windowEnds as string) <= at(16))).toEqual([]);
      expect(left.filter((d) => d.windowEnds === at(25)).map((d) => d.kind).sort()).toEqual(['account', 'account-client', 'client']);
    } finally {
      await after.close();
    }
  } finally {
    now = began;
    await rm(dir, { recursive: true, force: true });
  }
});
