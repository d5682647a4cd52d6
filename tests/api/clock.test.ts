// The server's clock through HTTP: a test sets the time the server lives in (buildApp's `clock`)
// and checks what depends on it — serial numbers restarting per day, month and year in the
// tenant's time zone, TODAY() and NOW() (in formulas, and as defaults of date and datetime
// fields), cross-form checks by TODAY(), the times records carry,
// API key expiry and session lifetime. Each instant is chosen so that a server reading the
// machine's time instead would give a different answer.
import type { Clock } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';

/** A clock the test sets: the server reads `now()`, and only `set` moves it. */
function settableClock(iso: string): Clock & { set(iso: string): void } {
  let at = Date.parse(iso);
  return {
    now: () => new Date(at),
    set: (next) => {
      at = Date.parse(next);
    },
  };
}

/** Sessions that outlive the months these tests move through, however long idle (the longest the configuration allows). */
const LONG_SESSIONS = { TESSERA_SESSION_MAX_AGE: String(366 * 24 * 3600), TESSERA_SESSION_IDLE_TIMEOUT: String(366 * 24 * 3600) };

const FORMS = [
  { id: 'serials', title: '流水号', fields: [
    { id: 'note', type: 'text', label: '备注' },
    { id: 'd', type: 'serial', label: '日号', pattern: 'D-{yyyyMMdd}-{seq:3}' },
    { id: 'm', type: 'serial', label: '月号', pattern: 'M-{yyyyMM}-{seq:3}' },
    { id: 'y', type: 'serial', label: '年号', pattern: 'Y-{yyyy}-{seq:3}' },
  ] },
  { id: 'dates', title: '日期', fields: [
    { id: 'note', type: 'text', label: '备注' },
    { id: 'opened', type: 'date', label: '开单日期', default: { formula: { text: 'TODAY()' } } },
    { id: 'today', type: 'formula', label: '今天', resultType: 'date', formula: { text: 'TODAY()' } },
    { id: 'local', type: 'formula', label: '本地时间', resultType: 'text', formula: { text: 'TEXT(NOW(), "yyyy-mm-dd hh:mm:ss")' } },
    { id: 'instant', type: 'formula', label: '时刻', resultType: 'date', formula: { text: 'NOW()' } },
  ] },
  // Datetime fields stamped by the server: the instant of the write, and the start of its day in the zone.
  { id: 'stamps', title: '登记', fields: [
    { id: 'note', type: 'text', label: '备注' },
    { id: 'at', type: 'datetime', label: '登记时间', default: { formula: { text: 'NOW()' } } },
    { id: 'dayStart', type: 'datetime', label: '当天零点', default: { formula: { text: 'TODAY()' } } },
  ] },
  { id: 'quota', title: '每日额度', fields: [
    { id: 'day', type: 'date', label: '日期' },
    { id: 'limit', type: 'number', label: '额度' },
  ] },
  { id: 'requests', title: '申请', fields: [{ id: 'qty', type: 'number', label: '数量', required: true }],
    crossChecks: [{
      id: 'quota', fieldId: 'qty',
      source: { formId: 'quota', match: { day: { TODAY: [] } }, aggregate: 'sum', field: 'limit' },
      rule: { '<=': [{ var: 'qty' }, { var: '$source' }] },
      message: { 'zh-CN': '超过今天的额度', 'en-US': 'More than today\'s quota' },
    }] },
];

const recs = (form: string) => `/api/apps/clk/forms/${form}/records`;

/** Starts a server on `clock` with the test forms published. */
async function startWithForms(clock: Clock, timeZone: string): Promise<TestApp> {
  const t = await startTestApp({ clock, env: { TESSERA_TIME_ZONE: timeZone, ...LONG_SESSIONS } });
  expect((await t.inject('POST', '/api/apps', { id: 'clk', name: '时钟' })).statusCode).toBe(201);
  for (const f of FORMS) expect((await t.inject('POST', '/api/apps/clk/forms', f)).statusCode).toBe(201);
  await t.publish('clk');
  return t;
}

/** Creates a record at the clock's current time; throws unless 201. */
async function create(t: TestApp, form: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await t.inject('POST', recs(form), body);
  if (res.statusCode !== 201) throw new Error(`create in ${form}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const serialsOf = (r: Record<string, unknown>) => [r.d, r.m, r.y];

describe('in Asia/Shanghai (UTC+8)', () => {
  const clock = settableClock('2026-12-30T04:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithForms(clock, 'Asia/Shanghai');
  });
  afterAll(() => t.close());

  test('the app, its forms and its published version carry the time the server was at', async () => {
    const at = '2026-12-30T04:00:00.000Z';
    expect((await t.inject('GET', '/api/apps/clk')).json()).toMatchObject({ createdAt: at, updatedAt: at });
    expect((await t.inject('GET', '/api/apps/clk/forms/serials?draft=true')).json()).toMatchObject({ createdAt: at, updatedAt: at });
    expect((await t.inject('GET', '/api/apps/clk/versions')).json().items).toEqual([expect.objectContaining({ version: 1, publishedAt: at })]);
  });

  test('serial numbers restart per day, month and year at Shanghai midnight, while UTC is still on the day before', async () => {
    // 1. Noon and the last second of 31 December in Shanghai.
    clock.set('2026-12-31T04:00:00Z');
    expect(serialsOf(await create(t, 'serials', { note: 'noon' }))).toEqual(['D-20261231-001', 'M-202612-001', 'Y-2026-001']);
    clock.set('2026-12-31T15:59:59Z');
    expect(serialsOf(await create(t, 'serials', { note: 'last second' }))).toEqual(['D-20261231-002', 'M-202612-002', 'Y-2026-002']);
    // 2. Two seconds later it is 1 January 2027 in Shanghai (16:00:01 on 31 December in UTC): every counter restarts.
    clock.set('2026-12-31T16:00:01Z');
    const newYear = await create(t, 'serials', { note: 'new year' });
    expect(serialsOf(newYear)).toEqual(['D-20270101-001', 'M-202701-001', 'Y-2027-001']);
    expect(newYear).toMatchObject({ _createdAt: '2026-12-31T16:00:01.000Z', _updatedAt: '2026-12-31T16:00:01.000Z' });
    // 3. The next Shanghai day: only the daily counter restarts.
    clock.set('2027-01-01T16:00:00Z');
    expect(serialsOf(await create(t, 'serials', { note: 'second day' }))).toEqual(['D-20270102-001', 'M-202701-002', 'Y-2027-002']);
    // 4. The first of February: the daily and monthly counters restart, the yearly one goes on.
    clock.set('2027-01-31T16:00:00Z');
    expect(serialsOf(await create(t, 'serials', { note: 'february' }))).toEqual(['D-20270201-001', 'M-202702-001', 'Y-2027-003']);
  });

  test('TODAY() and NOW() in defaults and formulas give the Shanghai date and time at a late UTC hour', async () => {
    clock.set('2027-03-10T23:30:00Z');
    const created = await create(t, 'dates', { note: 'late UTC' });
    expect(created).toMatchObject({
      opened: '2027-03-11',
      today: '2027-03-11',
      local: '2027-03-11 07:30:00',
      instant: '2027-03-10T23:30:00.000Z',
      _createdAt: '2027-03-10T23:30:00.000Z',
    });
    // An edit two days later recomputes the formulas at the edit's time; the default stays as created.
    clock.set('2027-03-12T23:45:30Z');
    const res = await t.inject('PATCH', `${recs('dates')}/${created._id}`, { _v: 1, note: 'edited' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      opened: '2027-03-11',
      today: '2027-03-13',
      local: '2027-03-13 07:45:30',
      instant: '2027-03-12T23:45:30.000Z',
      _createdAt: '2027-03-10T23:30:00.000Z',
      _updatedAt: '2027-03-12T23:45:30.000Z',
    });
    const history = (await t.inject('GET', `${recs('dates')}/${created._id}/history`)).json().items;
    expect(history.map((e: { action: string; at: string }) => [e.action, e.at])).toEqual([
      ['record.update', '2027-03-12T23:45:30.000Z'],
      ['record.create', '2027-03-10T23:30:00.000Z'],
    ]);
  });

  test('a datetime field defaulting to NOW() stores the instant of the write; TODAY() the start of the Shanghai day', async () => {
    // 1. 07:30:45 on 11 March in Shanghai.
    clock.set('2027-03-10T23:30:45Z');
    const created = await create(t, 'stamps', { note: 'late UTC' });
    const stamped = { at: '2027-03-10T23:30:45.000Z', dayStart: '2027-03-10T16:00:00.000Z' };
    expect({ at: created.at, dayStart: created.dayStart }).toEqual(stamped);
    const doc = await t.store.collection('r_stamps').findOne({ _id: created._id as string });
    expect({ at: doc!.at, dayStart: doc!.dayStart }).toEqual(stamped);
    // 2. A default is the create's: an edit a day later keeps it.
    clock.set('2027-03-11T23:00:00Z');
    const edited = await t.inject('PATCH', `${recs('stamps')}/${created._id}`, { _v: created._v, note: 'edited' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ ...stamped, note: 'edited', _updatedAt: '2027-03-11T23:00:00.000Z' });
  });

  test('a cross-form check by TODAY() reads the quota of the Shanghai day the record is saved on', async () => {
    clock.set('2027-04-01T00:00:00Z');
    await create(t, 'quota', { day: '2027-04-30', limit: 1 });
    await create(t, 'quota', { day: '2027-05-01', limit: 5 });
    // 23:59:59 on 30 April in Shanghai: that day's quota is 1.
    clock.set('2027-04-30T15:59:59Z');
    const refused = await t.inject('POST', recs('requests'), { qty: 3 }, { 'accept-language': 'en-US' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ fieldId: 'qty', code: 'cross_check', params: { checkId: 'quota', source: 1 } })]);
    // Two seconds later, still 30 April in UTC: 1 May in Shanghai, whose quota is 5.
    clock.set('2027-04-30T16:00:01Z');
    expect(await create(t, 'requests', { qty: 3 })).toMatchObject({ qty: 3, _createdAt: '2027-04-30T16:00:01.000Z' });
  });
});

describe('in America/Los_Angeles (UTC−8 in winter)', () => {
  const clock = settableClock('2026-12-30T20:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await startWithForms(clock, 'America/Los_Angeles');
  });
  afterAll(() => t.close());

  test("the app shell is told the tenant's zone with the published app, to type and show datetimes in it", async () => {
    expect((await t.inject('GET', '/api/apps/clk/published')).json().timeZone).toBe('America/Los_Angeles');
  });

  test('the instants of Shanghai midnight are one morning here; the counters restart at Los Angeles midnight', async () => {
    // 1. 07:59:59 and 08:00:01 on 31 December in Los Angeles: the same day, the counters go on.
    clock.set('2026-12-31T15:59:59Z');
    expect(serialsOf(await create(t, 'serials', {}))).toEqual(['D-20261231-001', 'M-202612-001', 'Y-2026-001']);
    clock.set('2026-12-31T16:00:01Z');
    expect(serialsOf(await create(t, 'serials', {}))).toEqual(['D-20261231-002', 'M-202612-002', 'Y-2026-002']);
    // 2. Los Angeles midnight is 08:00 UTC on 1 January.
    clock.set('2027-01-01T07:59:59Z');
    expect(serialsOf(await create(t, 'serials', {}))).toEqual(['D-20261231-003', 'M-202612-003', 'Y-2026-003']);
    clock.set('2027-01-01T08:00:01Z');
    expect(serialsOf(await create(t, 'serials', {}))).toEqual(['D-20270101-001', 'M-202701-001', 'Y-2027-001']);
  });

  test('TODAY() and NOW() give the Los Angeles date and time', async () => {
    clock.set('2026-12-31T16:00:01Z');
    expect(await create(t, 'dates', {})).toMatchObject({
      opened: '2026-12-31',
      today: '2026-12-31',
      local: '2026-12-31 08:00:01',
      instant: '2026-12-31T16:00:01.000Z',
    });
    // 23:30 UTC is still the afternoon of the same day here (before daylight saving time starts on 14 March).
    clock.set('2027-03-10T23:30:00Z');
    expect(await create(t, 'dates', {})).toMatchObject({ opened: '2027-03-10', today: '2027-03-10', local: '2027-03-10 15:30:00' });
  });

  test('a datetime field defaulting to NOW() stores the same instant; TODAY() the start of the Los Angeles day', async () => {
    // 15:30:45 on 10 March in Los Angeles: the instant does not depend on the zone, the day does.
    clock.set('2027-03-10T23:30:45Z');
    const created = await create(t, 'stamps', {});
    const doc = await t.store.collection('r_stamps').findOne({ _id: created._id as string });
    expect({ at: doc!.at, dayStart: doc!.dayStart }).toEqual({ at: '2027-03-10T23:30:45.000Z', dayStart: '2027-03-10T08:00:00.000Z' });
  });
});

describe('credentials', () => {
  const clock = settableClock('2026-06-01T00:00:00Z');
  let t: TestApp;
  let integrator: string;
  beforeAll(async () => {
    // Everything admin does happens here, within the hour its own session lasts.
    t = await startTestApp({ clock, env: { TESSERA_SESSION_MAX_AGE: '3600' } });
    integrator = (await t.createUser({ username: 'integrator' })).cookie;
    await t.createUser({ username: 'shift' });
  });
  afterAll(() => t.close());

  test('an API key works until its expiresAt on the server clock, and is refused with 401 from then on', async () => {
    const cookie = integrator;
    // 1. An expiry already passed by the server's clock is refused at creation.
    clock.set('2026-06-01T00:30:00Z');
    const past = await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'late', expiresAt: '2026-06-01T00:29:59Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toEqual({ code: 'VALIDATION_FAILED', message: '过期时间已过', details: [{ path: '/expiresAt', code: 'past', message: 'in the past' }] });
    // An expiry at this very instant is already past, in either language.
    const now = await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'now', expiresAt: '2026-06-01T00:30:00Z' }, { 'accept-language': 'en-US' });
    expect([now.statusCode, now.json().error.message, now.json().error.details[0].path]).toEqual([400, 'expiresAt is in the past', '/expiresAt']);
    // 2. A key expiring at 01:00 UTC.
    const created = await t.injectAs(cookie, 'POST', '/api/api-keys', { name: 'ERP', expiresAt: '2026-06-01T01:00:00Z' });
    expect(created.statusCode).toBe(201);
    const { secret, apiKey } = created.json();
    expect(apiKey).toMatchObject({ createdAt: '2026-06-01T00:30:00.000Z', expiresAt: '2026-06-01T01:00:00.000Z', lastUsedAt: null });
    // 3. Until then it works, and its use is stamped with the server's time, at most once a minute,
    // on this key only (another key, first in the store, is left as it was).
    const other = { _id: '0'.repeat(24), tenantId: 'default', userId: 'u'.repeat(24), name: 'other', hash: 'h'.repeat(64), hint: 'abcd', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u'.repeat(24), expiresAt: null, lastUsedAt: null, revokedAt: null };
    await t.store.collection('api_keys').insertOne(other);
    const lastUsed = async () => (await t.injectAs(cookie, 'GET', '/api/api-keys')).json().items.map((k: { _id: string; lastUsedAt: string | null }) => [k._id, k.lastUsedAt]);
    for (const [at, stamp] of [
      ['2026-06-01T00:58:00Z', '2026-06-01T00:58:00.000Z'],
      ['2026-06-01T00:59:00Z', '2026-06-01T00:58:00.000Z'], // a minute on, not more: left as it was
      ['2026-06-01T00:59:59Z', '2026-06-01T00:59:59.000Z'], // one second before its expiry
    ]) {
      clock.set(at);
      const use = await t.injectAs(secret, 'GET', '/api/me');
      expect([use.statusCode, use.json().user.username, use.json().via]).toEqual([200, 'integrator', 'apikey']);
      expect(await lastUsed()).toEqual([[apiKey._id, stamp]]);
    }
    expect(await t.store.collection('api_keys').findOne({ _id: other._id })).toEqual(other);
    // 4. At its expiry: refused.
    clock.set('2026-06-01T01:00:00Z');
    const after = await t.injectAs(secret, 'GET', '/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  test('a session cookie lasts TESSERA_SESSION_MAX_AGE seconds on the server clock', async () => {
    // 1. Signed in at 02:00 UTC: the token says so, and the cookie asks the browser for an hour.
    clock.set('2026-06-01T02:00:00Z');
    const login = await t.injectAs(null, 'POST', '/api/auth/login', { username: 'shift', password: 'shift-password' });
    expect(login.statusCode).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; Max-Age=3600(;|$)/);
    const token = login.cookies.find((c) => c.name === 'tessera_session')!.value;
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    const signedIn = Date.parse('2026-06-01T02:00:00Z') / 1000;
    expect({ iat: claims.iat, exp: claims.exp }).toEqual({ iat: signedIn, exp: signedIn + 3600 });
    const cookie = `tessera_session=${token}`;
    // 2. One second before the hour is up: signed in.
    clock.set('2026-06-01T02:59:59Z');
    const me = await t.injectAs(cookie, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'shift' }, via: 'session' });
    // 3. At the hour: refused.
    clock.set('2026-06-01T03:00:00Z');
    const late = await t.injectAs(cookie, 'GET', '/api/me');
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('UNAUTHENTICATED');
  });
});
