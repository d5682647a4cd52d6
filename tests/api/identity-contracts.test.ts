// The identity routes' contracts: what each accepts (its body, query and path rules, refused with
// the property named and nothing stored) and what the OpenAPI document promises the integrators
// who generate clients from it. Each test builds its own app while it runs: StrykerJS credits a
// route's declaration only to the tests running when the app is built, so checks made on an app
// built in beforeAll would not count against a planted bug in a declaration (docs/testing.md).
import { startTestApp, type TestApp } from '../helpers/app';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Runs `check` on a fresh app, closing it after. */
async function onFreshApp(check: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await startTestApp();
  try {
    await check(t);
  } finally {
    await t.close();
  }
}

/** A refusal as one value: its status, code, and each problem as "path code". */
async function refusal(t: TestApp, method: Method, url: string, body?: unknown) {
  const res = await t.inject(method, url, body);
  const { code, details } = res.json().error as { code: string; details: Array<{ path: string; code: string }> };
  return [res.statusCode, code, details.map((d) => `${d.path} ${d.code}`)];
}

/** The JSON schema the OpenAPI document gives for one answer of one route. */
function answer(doc: { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>> }, path: string, method: string, status: number) {
  return doc.paths[path][method].responses[String(status)].content['application/json'].schema as {
    required?: string[];
    properties: Record<string, { type?: string; required?: string[]; properties?: Record<string, unknown>; items?: { properties: Record<string, unknown> } }>;
  };
}

test('API keys: malformed bodies, queries and ids are refused naming the property, and no key is made', async () => {
  await onFreshApp(async (t) => {
    const keys = () => t.store.collection('api_keys').count({});
    const before = await keys();
    const invalid = (paths: string[]) => [400, 'VALIDATION_FAILED', paths];
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
