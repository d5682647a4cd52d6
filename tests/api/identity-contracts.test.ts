// The identity routes' contracts: what each accepts (its body, query and path rules, refused with
// the property named and nothing stored) and what the OpenAPI document promises the integrators
// who generate clients from it. Each test builds its own app while it runs: StrykerJS credits a
// route's declaration only to the tests running when the app is built, so checks made on an app
// built in beforeAll would not count against a planted bug in a declaration (docs/testing.md).
import { startTestApp, type TestApp } from '../helpers/app';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Runs `check` on a fresh app, closing it after. */
async function onFreshApp(check: (t: TestApp) => Promise<void>, opts: Parameters<typeof startTestApp>[0] = {}): Promise<void> {
  const t = await startTestApp(opts);
  try {
    await check(t);
  } finally {
    await t.close();
  }
}

/** A refusal as one value: its status, code, and each problem as "path code". Asked as admin unless `as` says otherwise (null: signed out). */
async function refusal(t: TestApp, method: Method, url: string, body?: unknown, as: string | null = t.adminCookie) {
  const res = await t.injectAs(as, method, url, body);
  const { code, details } = res.json().error as { code: string; details: Array<{ path: string; code: string }> };
  return [res.statusCode, code, details.map((d) => `${d.path} ${d.code}`)];
}

/** What a request refused by its route's rules answers: 400, and each problem named. */
const invalid = (problems: string[]) => [400, 'VALIDATION_FAILED', problems];

/** The JSON schema the OpenAPI document gives for one answer of one route. */
function answer(doc: { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>> }, path: string, method: string, status: number) {
  return doc.paths[path][method].responses[String(status)].content['application/json'].schema as {
    required?: string[];
    properties: Record<string, { type?: string; required?: string[]; properties?: Record<string, unknown>; items?: { required?: string[]; properties: Record<string, unknown> } }>;
  };
}

test('API keys: malformed bodies, queries and ids are refused naming the property, and no key is made', async () => {
  await onFreshApp(async (t) => {
    const keys = () => t.store.collection('api_keys').count({});
    const before = await keys();
    expect(await refusal(t, 'POST', '/api/api-keys', {})).toEqual(invalid(['/name required']));
    expect(await refusal(t, 'POST', '/api/api-keys', { name: '' })).toEqual(invalid(['/name minLength']));
    expect(await refusal(t, 'POST', '/api/api-keys', { name: '   ' })).toEqual(invalid(['/name pattern']));
    expect(await refusal(t, 'POST', '/api/api-keys', { name: 'k'.repeat(101) })).toEqual(invalid(['/name maxLength']));
    expect(await refusal(t, 'POST', '/api/api-keys', { name: 'k', expiresAt: 'next week' })).toEqual(invalid(['/expiresAt format']));
    expect(await refusal(t, 'POST', '/api/api-keys', { name: 'k', userId: 'not an id' })).toEqual(invalid(['/userId pattern']));
    expect(await refusal(t, 'POST', '/api/api-keys', { name: 'k', scope: { access: 'root' } })).toEqual(invalid(['/scope/access enum']));
    expect(await refusal(t, 'POST', '/api/api-keys', { name: 'k', colour: 'red' })).toEqual(invalid(['/colour additionalProperties']));
    expect(await keys()).toBe(before);
    expect(await refusal(t, 'GET', '/api/api-keys?all=maybe')).toEqual(invalid(['/all type']));
    expect(await refusal(t, 'GET', '/api/api-keys?mine=1')).toEqual(invalid(['/mine additionalProperties']));
    expect(await refusal(t, 'DELETE', '/api/api-keys/not%20an%20id')).toEqual(invalid(['/id pattern']));
    // A name is kept without the spaces around it.
    const made = await t.inject('POST', '/api/api-keys', { name: '  ERP 同步 ' });
    expect([made.statusCode, made.json().apiKey.name]).toEqual([201, 'ERP 同步']);
  });
});

test('API keys: the OpenAPI document says what each answer holds (never the hash)', async () => {
  await onFreshApp(async (t) => {
    const doc = (await t.injectAs(null, 'GET', '/api/openapi.json')).json();
    const created = answer(doc, '/api/api-keys', 'post', 201);
    expect([created.required, created.properties.secret.type, created.properties.apiKey.required]).toEqual([
      ['apiKey', 'secret'],
      'string',
      ['_id', 'userId', 'name', 'hint', 'createdAt'],
    ]);
    const listed = answer(doc, '/api/api-keys', 'get', 200).properties.items.items!.properties;
    const revoked = answer(doc, '/api/api-keys/{id}', 'delete', 200);
    expect([revoked.required, Object.keys(revoked.properties.apiKey.properties!)]).toEqual([['apiKey'], Object.keys(listed)]);
    expect(Object.keys(listed)).toEqual(expect.arrayContaining(['_id', 'name', 'hint', 'scope', 'lastUsedAt']));
    expect(Object.keys(listed)).not.toContain('hash');
    // The refusals each route may answer with.
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    expect([statuses('/api/api-keys', 'get'), statuses('/api/api-keys', 'post'), statuses('/api/api-keys/{id}', 'delete')]).toEqual([
      ['200', '400', '401', '403'],
      ['201', '400', '401', '403'],
      ['200', '401', '403', '404'],
    ]);
  });
});

test('roles: malformed bodies and ids are refused naming the property, and no role is made or changed', async () => {
  await onFreshApp(async (t) => {
    const roles = async () => JSON.stringify(await t.store.collection('roles').find({}, { sort: { _id: 1 } }));
    const before = await roles();
    expect(await refusal(t, 'POST', '/api/roles', { description: 'no name' })).toEqual(invalid(['/name required']));
    expect(await refusal(t, 'POST', '/api/roles', { name: '' })).toEqual(invalid(['/name minLength']));
    expect(await refusal(t, 'POST', '/api/roles', { name: ' \t ' })).toEqual(invalid(['/name pattern']));
    expect(await refusal(t, 'POST', '/api/roles', { name: 'r'.repeat(101) })).toEqual(invalid(['/name maxLength']));
    expect(await refusal(t, 'POST', '/api/roles', { name: 'QA', description: 'd'.repeat(1001) })).toEqual(invalid(['/description maxLength']));
    expect(await refusal(t, 'POST', '/api/roles', { name: 'QA', description: 7 })).toEqual(invalid(['/description type']));
    expect(await refusal(t, 'POST', '/api/roles', { name: 'QA', members: [] })).toEqual(invalid(['/members additionalProperties']));
    const role = (await t.inject('POST', '/api/roles', { name: ' 质检员 ', description: 'd'.repeat(1000) })).json().role;
    expect([role.name, role.description.length]).toEqual(['质检员', 1000]);
    // No description: an empty one.
    expect((await t.inject('POST', '/api/roles', { name: 'QA' })).json().role.description).toBe('');
    const made = await roles();
    const at = `/api/roles/${role._id}`;
    expect(await refusal(t, 'PATCH', at, {})).toEqual(invalid(['/ minProperties']));
    expect(await refusal(t, 'PATCH', at, { name: '' })).toEqual(invalid(['/name minLength']));
    expect(await refusal(t, 'PATCH', at, { name: '  ' })).toEqual(invalid(['/name pattern']));
    expect(await refusal(t, 'PATCH', at, { name: 'r'.repeat(101) })).toEqual(invalid(['/name maxLength']));
    expect(await refusal(t, 'PATCH', at, { description: 'd'.repeat(1001) })).toEqual(invalid(['/description maxLength']));
    expect(await refusal(t, 'PATCH', at, { name: 'QA', tenantId: 'elsewhere' })).toEqual(invalid(['/tenantId additionalProperties']));
    expect(await refusal(t, 'PATCH', '/api/roles/not%20an%20id', { name: 'QA' })).toEqual(invalid(['/id pattern']));
    expect(await refusal(t, 'DELETE', '/api/roles/not%20an%20id')).toEqual(invalid(['/id pattern']));
    expect(await roles()).toBe(made);
    expect(made).not.toBe(before);
    // A rename keeps the name without the spaces around it.
    const renamed = await t.inject('PATCH', at, { name: ' 检验员\t' });
    expect([renamed.statusCode, renamed.json().role.name]).toEqual([200, '检验员']);
  });
});

test('roles: the OpenAPI document says what each answer holds', async () => {
  await onFreshApp(async (t) => {
    const doc = (await t.injectAs(null, 'GET', '/api/openapi.json')).json();
    const listed = answer(doc, '/api/roles', 'get', 200).properties.items.items!;
    expect(listed).toMatchObject({ required: ['_id', 'name', 'description'] });
    for (const [method, status] of [['post', 201], ['patch', 200]] as const) {
      const one = answer(doc, method === 'post' ? '/api/roles' : '/api/roles/{id}', method, status);
      expect([method, one.required, one.properties.role]).toEqual([method, ['role'], listed]);
    }
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    expect([statuses('/api/roles', 'get'), statuses('/api/roles', 'post'), statuses('/api/roles/{id}', 'patch'), statuses('/api/roles/{id}', 'delete')]).toEqual([
      ['200', '401', '403'],
      ['201', '400', '401', '403', '409'],
      ['200', '400', '401', '403', '404', '409'],
      ['204', '401', '403', '404'],
    ]);
    // A deletion answers with no body at all.
    expect(doc.paths['/api/roles/{id}'].delete.responses['204']).toEqual({ description: 'Default Response' });
  });
});

test('departments: a name of only spaces is refused, a name is kept without the spaces around it, and a change is stamped with its time', async () => {
  let now = Date.parse('2026-03-02T08:00:00.000Z');
  await onFreshApp(async (t) => {
    expect(await refusal(t, 'POST', '/api/departments', { name: '   ' })).toEqual(invalid(['/name pattern']));
    const dept = (await t.inject('POST', '/api/departments', { name: ' 质量部 ' })).json().department;
    expect(Object.keys(dept).sort()).toEqual(['_id', 'createdAt', 'name', 'order', 'parentId', 'path', 'updatedAt']);
    expect(dept.name).toBe('质量部');
    expect(await refusal(t, 'PATCH', `/api/departments/${dept._id}`, { name: '\t' })).toEqual(invalid(['/name pattern']));
    now += 60_000;
    const renamed = await t.inject('PATCH', `/api/departments/${dept._id}`, { name: '品质部 ' });
    expect([renamed.statusCode, renamed.json().department.name]).toEqual([200, '品质部']);
    expect([dept.createdAt, renamed.json().department.updatedAt]).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-02T08:01:00.000Z']);
    expect((await t.inject('GET', '/api/departments')).json().items.map((d: { name: string }) => d.name)).toEqual(['品质部']);
    // Other rules of a department's body, refused naming the property, nothing made.
    expect(await refusal(t, 'POST', '/api/departments', { order: 1 })).toEqual(invalid(['/name required']));
    expect(await refusal(t, 'POST', '/api/departments', { name: 'x', order: 1.5 })).toEqual(invalid(['/order type']));
    expect(await refusal(t, 'POST', '/api/departments', { name: 'x', colour: 'red' })).toEqual(invalid(['/colour additionalProperties']));
    expect(await refusal(t, 'PATCH', `/api/departments/${dept._id}`, {})).toEqual(invalid(['/ minProperties']));
    expect(await refusal(t, 'PATCH', `/api/departments/${dept._id}`, { colour: 'red' })).toEqual(invalid(['/colour additionalProperties']));
    expect(await refusal(t, 'PATCH', `/api/departments/${dept._id}`, { order: 'first' })).toEqual(invalid(['/order type']));
    expect(await refusal(t, 'PATCH', '/api/departments/not%20an%20id', { order: 1 })).toEqual(invalid(['/id pattern']));
    expect(await refusal(t, 'DELETE', '/api/departments/not%20an%20id')).toEqual(invalid(['/id pattern']));
    const doc = (await t.inject('GET', '/api/openapi.json')).json();
    expect(Object.keys(doc.paths['/api/departments/{id}'].delete.responses).sort()).toEqual(['204', '401', '403', '404', '409']);
    expect(doc.paths['/api/departments/{id}'].delete.responses['204']).toEqual({ description: 'Default Response' });
    expect(answer(doc, '/api/departments/{id}', 'patch', 200).required).toEqual(['department']);
    expect(await t.store.collection('departments').count({})).toBe(1);
    // The list answers what its schema says, never the tenant a department belongs to.
    const [listed] = (await t.inject('GET', '/api/departments')).json().items;
    expect(listed).toEqual({ _id: dept._id, name: '品质部', parentId: null, path: [dept._id], order: 0, createdAt: dept.createdAt, updatedAt: renamed.json().department.updatedAt });
  }, { clock: { now: () => new Date(now) } });
});

test('sign-in history: a malformed page is refused naming the property', async () => {
  await onFreshApp(async (t) => {
    expect(await refusal(t, 'GET', '/api/login-history?limit=0')).toEqual(invalid(['/limit minimum']));
    expect(await refusal(t, 'GET', '/api/login-history?limit=201')).toEqual(invalid(['/limit maximum']));
    expect(await refusal(t, 'GET', '/api/login-history?before=abc')).toEqual(invalid(['/before pattern']));
    expect(await refusal(t, 'GET', '/api/login-history?page=2')).toEqual(invalid(['/page additionalProperties']));
    const [first] = (await t.inject('GET', '/api/login-history?limit=1')).json().items;
    expect(Object.keys(first).sort()).toEqual(['action', 'at', 'id', 'ip', 'user']);
  });
});

test('users: malformed bodies, queries and ids are refused naming the property, and no user is made or changed', async () => {
  await onFreshApp(async (t) => {
    const users = async () => JSON.stringify(await t.store.collection('users').find({}, { sort: { _id: 1 } }));
    const before = await users();
    const post = (body: unknown) => refusal(t, 'POST', '/api/users', body);
    expect(await post({ displayName: '无名' })).toEqual(invalid(['/username required']));
    expect(await post({ username: 'li si' })).toEqual(invalid(['/username pattern']));
    expect(await post({ username: 'lisi', displayName: '  ' })).toEqual(invalid(['/displayName pattern']));
    expect(await post({ username: 'lisi', email: 'not-an-address' })).toEqual(invalid(['/email format']));
    expect(await post({ username: 'lisi', roles: ['not an id'] })).toEqual(invalid(['/roles/0 pattern']));
    expect(await post({ username: 'lisi', kind: 'robot' })).toEqual(invalid(['/kind enum']));
    expect(await post({ username: 'lisi', locale: 'fr-FR' })).toEqual(invalid(['/locale enum']));
    expect(await post({ username: 'lisi', sessionEpoch: 0 })).toEqual(invalid(['/sessionEpoch additionalProperties']));
    expect(await users()).toBe(before);
    const { user } = await t.createUser({ username: 'lisi', displayName: ' 李四 ' });
    expect(user.displayName).toBe('李四');
    const made = await users();
    const at = `/api/users/${user._id}`;
    expect(await refusal(t, 'PATCH', at, {})).toEqual(invalid(['/ minProperties']));
    expect(await refusal(t, 'PATCH', at, { displayName: '\t' })).toEqual(invalid(['/displayName pattern']));
    expect(await refusal(t, 'PATCH', at, { username: 'renamed' })).toEqual(invalid(['/username additionalProperties']));
    expect(await refusal(t, 'PATCH', '/api/users/not%20an%20id', { disabled: true })).toEqual(invalid(['/id pattern']));
    expect(await refusal(t, 'GET', '/api/users/not%20an%20id')).toEqual(invalid(['/id pattern']));
    expect(await refusal(t, 'DELETE', '/api/users/not%20an%20id')).toEqual(invalid(['/id pattern']));
    expect(await users()).toBe(made);
    const renamed = await t.inject('PATCH', at, { displayName: ' 李四（质检） ' });
    expect([renamed.statusCode, renamed.json().user.displayName]).toEqual([200, '李四（质检）']);
    // The lists' queries.
    expect(await refusal(t, 'GET', '/api/users?limit=0')).toEqual(invalid(['/limit minimum']));
    expect(await refusal(t, 'GET', '/api/users?limit=501')).toEqual(invalid(['/limit maximum']));
    expect(await refusal(t, 'GET', '/api/users?skip=-1')).toEqual(invalid(['/skip minimum']));
    expect(await refusal(t, 'GET', `/api/users?q=${'q'.repeat(101)}`)).toEqual(invalid(['/q maxLength']));
    expect(await refusal(t, 'GET', '/api/users?role=not%20an%20id')).toEqual(invalid(['/role pattern']));
    expect(await refusal(t, 'GET', '/api/users?departmentId=not%20an%20id')).toEqual(invalid(['/departmentId pattern']));
    expect(await refusal(t, 'GET', '/api/users?username=admin')).toEqual(invalid(['/username additionalProperties']));
    expect(await refusal(t, 'GET', '/api/users/lookup?limit=201')).toEqual(invalid(['/limit maximum']));
    expect(await refusal(t, 'GET', '/api/users/lookup?limit=0')).toEqual(invalid(['/limit minimum']));
    expect(await refusal(t, 'GET', `/api/users/lookup?q=${'q'.repeat(101)}`)).toEqual(invalid(['/q maxLength']));
    expect(await refusal(t, 'GET', `/api/users/lookup?ids=${'a,'.repeat(2501)}`)).toEqual(invalid(['/ids maxLength']));
    expect(await refusal(t, 'GET', '/api/users/lookup?username=admin')).toEqual(invalid(['/username additionalProperties']));
    // The largest pages asked for are served.
    expect((await t.inject('GET', '/api/users?limit=500&skip=0')).statusCode).toBe(200);
    expect((await t.inject('GET', '/api/users/lookup?limit=200')).statusCode).toBe(200);
  });
});

test('users: the OpenAPI document says what each answer holds, and the lookup only ids and display names', async () => {
  await onFreshApp(async (t) => {
    const doc = (await t.injectAs(null, 'GET', '/api/openapi.json')).json();
    const listed = answer(doc, '/api/users', 'get', 200);
    expect([Object.keys(listed.properties), listed.properties.total.type]).toEqual([['items', 'total'], 'integer']);
    const user = listed.properties.items.items!;
    expect(Object.keys(user.properties)).toEqual(expect.arrayContaining(['_id', 'username', 'displayName', 'roles', 'isAdmin', 'disabled']));
    expect(Object.keys(user.properties)).not.toContain('passwordHash');
    const looked = answer(doc, '/api/users/lookup', 'get', 200).properties.items.items!;
    expect([looked.required, looked.properties]).toEqual([['_id', 'displayName'], { _id: { type: 'string' }, displayName: { type: 'string' } }]);
    for (const [path, method, status] of [['/api/users', 'post', 201], ['/api/users/{id}', 'get', 200], ['/api/users/{id}', 'patch', 200]] as const) {
      const one = answer(doc, path, method, status);
      expect([path, method, one.required, one.properties.user]).toEqual([path, method, ['user'], user]);
    }
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    expect([
      statuses('/api/users/lookup', 'get'), statuses('/api/users', 'get'), statuses('/api/users', 'post'),
      statuses('/api/users/{id}', 'get'), statuses('/api/users/{id}', 'patch'), statuses('/api/users/{id}', 'delete'),
    ]).toEqual([
      ['200', '400', '401'],
      ['200', '400', '401', '403'],
      ['201', '400', '401', '403', '409'],
      ['200', '401', '403', '404'],
      ['200', '400', '401', '403', '404', '409'],
      ['204', '401', '403', '404', '409'],
    ]);
    expect(doc.paths['/api/users/{id}'].delete.responses['204']).toEqual({ description: 'Default Response' });
  });
});

test('sign-in and one\'s own account: malformed bodies are refused naming the property, and a display name is kept trimmed', async () => {
  await onFreshApp(async (t) => {
    const login = (body: unknown) => refusal(t, 'POST', '/api/auth/login', body, null);
    expect(await login({ password: 'whatever-password' })).toEqual(invalid(['/username required']));
    expect(await login({ username: 'admin' })).toEqual(invalid(['/password required']));
    expect(await login({ username: '', password: 'whatever-password' })).toEqual(invalid(['/username minLength']));
    expect(await login({ username: 'a'.repeat(65), password: 'whatever-password' })).toEqual(invalid(['/username maxLength']));
    expect(await login({ username: 'admin', password: '' })).toEqual(invalid(['/password minLength']));
    expect(await login({ username: 'admin', password: 'p'.repeat(257) })).toEqual(invalid(['/password maxLength']));
    expect(await login({ username: 'admin', password: 'whatever-password', remember: true })).toEqual(invalid(['/remember additionalProperties']));
    expect(await refusal(t, 'POST', '/api/auth/logout', { everywhere: 'yes' })).toEqual(invalid(['/everywhere type']));
    expect(await refusal(t, 'POST', '/api/auth/logout', { all: true })).toEqual(invalid(['/all additionalProperties']));
    expect(await refusal(t, 'PATCH', '/api/me', {})).toEqual(invalid(['/ minProperties']));
    expect(await refusal(t, 'PATCH', '/api/me', { displayName: '   ' })).toEqual(invalid(['/displayName pattern']));
    expect(await refusal(t, 'PATCH', '/api/me', { locale: 'fr-FR' })).toEqual(invalid(['/locale enum']));
    expect(await refusal(t, 'PATCH', '/api/me', { isAdmin: false })).toEqual(invalid(['/isAdmin additionalProperties']));
    expect(await refusal(t, 'POST', '/api/me/password', { newPassword: 'a-new-password-1' })).toEqual(invalid(['/currentPassword required']));
    expect(await refusal(t, 'POST', '/api/me/password', { currentPassword: 'x' })).toEqual(invalid(['/newPassword required']));
    expect(await refusal(t, 'POST', '/api/me/password', { currentPassword: 'c'.repeat(257), newPassword: 'a-new-password-1' })).toEqual(invalid(['/currentPassword maxLength']));
    expect(await refusal(t, 'POST', '/api/me/password', { currentPassword: 'x', newPassword: 'a-new-password-1', confirm: 'x' })).toEqual(invalid(['/confirm additionalProperties']));
    const me = await t.inject('PATCH', '/api/me', { displayName: ' 系统管理员 ', locale: 'en-US' });
    expect([me.statusCode, me.json().user.displayName, me.json().user.locale]).toEqual([200, '系统管理员', 'en-US']);
    // What /me promises: the user and how they came in.
    const doc = (await t.injectAs(null, 'GET', '/api/openapi.json')).json();
    const meAnswer = answer(doc, '/api/me', 'get', 200);
    expect([meAnswer.required, meAnswer.properties.via]).toEqual([['user', 'via'], { type: 'string', enum: ['session', 'apikey'] }]);
    expect(answer(doc, '/api/auth/logout', 'post', 200).properties).toEqual({ ok: { type: 'boolean' } });
    // A change to one's own name, language or password answers the user, as the user list shows one.
    const user = answer(doc, '/api/users', 'get', 200).properties.items.items!;
    for (const [path, method] of [['/api/me', 'patch'], ['/api/me/password', 'post']] as const) {
      const one = answer(doc, path, method, 200);
      expect([path, one.required, one.properties.user]).toEqual([path, ['user'], user]);
    }
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
  });
});

test('invitations and the sign-in history: a malformed user id, link or password is refused naming the property, no link is made, and the OpenAPI document says what each answer holds', async () => {
  await onFreshApp(async (t) => {
    expect(await refusal(t, 'POST', '/api/users/not%20an%20id/invite')).toEqual(invalid(['/id pattern']));
    expect(await t.store.collection('invites').count({})).toBe(0);
    const open = (token: string) => refusal(t, 'GET', `/api/auth/invite/${token}`, undefined, null);
    expect(await open('short')).toEqual(invalid(['/token minLength']));
    expect(await open(`${'t'.repeat(20)}.x`)).toEqual(invalid(['/token pattern']));
    const accept = (body: unknown) => refusal(t, 'POST', `/api/auth/invite/${'t'.repeat(20)}`, body, null);
    expect(await accept({})).toEqual(invalid(['/password required']));
    expect(await accept({ password: 'a-good-password-1', username: 'me' })).toEqual(invalid(['/username additionalProperties']));
    // What the OpenAPI document promises: a link's path and expiry always (its token too), and the sign-in history's items.
    const doc = (await t.inject('GET', '/api/openapi.json')).json();
    const link = answer(doc, '/api/users/{id}/invite', 'post', 201);
    expect([link.required, link.properties]).toEqual([['path', 'expiresAt'], { path: { type: 'string' }, token: { type: 'string' }, expiresAt: { type: 'string' } }]);
    expect(Object.keys(answer(doc, '/api/auth/invite/{token}', 'post', 200).properties.user.properties ?? {})).not.toContain('passwordHash');
    expect(answer(doc, '/api/auth/invite/{token}', 'post', 200).properties.user.required).toEqual(expect.arrayContaining(['_id', 'username', 'displayName']));
    expect(answer(doc, '/api/auth/invite/{token}', 'get', 200).properties).toEqual({ displayName: { type: 'string' }, username: { type: 'string' }, expiresAt: { type: 'string' } });
    const history = answer(doc, '/api/login-history', 'get', 200);
    expect([history.required, history.properties.items.type, history.properties.items.items?.required, history.properties.next]).toEqual([
      ['items'], 'array', ['id', 'at', 'action', 'user', 'ip'], { type: 'string', nullable: true },
    ]);
  });
});

test('names that must be unique: a second account with a login name, or a second role with a name, is refused (the store\'s unique indexes, made when the app starts)', async () => {
  await onFreshApp(async (t) => {
    expect((await t.inject('POST', '/api/users', { username: 'same-name', password: 'same-name-pass-1' })).statusCode).toBe(201);
    // Login names are kept in lower case: another letter case is the same name.
    expect(await refusal(t, 'POST', '/api/users', { username: 'Same-Name', password: 'same-name-pass-2' })).toEqual([409, 'DUPLICATE', ['/username duplicate']]);
    expect((await t.inject('POST', '/api/roles', { name: 'QA' })).statusCode).toBe(201);
    expect(await refusal(t, 'POST', '/api/roles', { name: 'QA' })).toEqual([409, 'DUPLICATE', ['/name duplicate']]);
    expect([await t.store.collection('users').count({ username: 'same-name' }), await t.store.collection('roles').count({ name: 'QA' })]).toEqual([1, 1]);
  });
});
