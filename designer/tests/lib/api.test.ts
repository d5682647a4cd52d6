// What a person is told when a call fails, and how names of people are asked for by id.
import { ApiError, errorText, formServices } from '../../src/lib/api';
import { DICTS } from '../../src/lib/i18n';

describe('errorText', () => {
  const zh = DICTS['zh-CN'];
  const en = DICTS['en-US'];

  test('a coded server error is told in the server\'s own words (already in the reader\'s language)', () => {
    const e = new ApiError(409, 'CONFLICT', '编号已存在', null);
    expect(errorText(e, zh)).toBe('编号已存在');
    expect(errorText(e, en)).toBe('编号已存在');
  });

  test('an answer without a code or message says the server failed, with its status', () => {
    expect(errorText(new ApiError(502, 'HTTP_502', 'Bad Gateway', null), zh)).toBe('服务器出错（502），请稍后重试');
    expect(errorText(new ApiError(500, 'INTERNAL', '', null), en)).toBe('The server ran into a problem (500). Try again later.');
  });

  test('a call that never reached the server is a sentence, never "Failed to fetch"', () => {
    expect(errorText(new TypeError('Failed to fetch'), zh)).toBe('无法连接服务器，请检查网络后重试');
    expect(errorText(new TypeError('Failed to fetch'), en)).toBe('Could not reach the server. Check your connection and try again.');
    expect(errorText('boom', en)).toBe(en.networkError);
    expect(errorText(undefined, en)).toBe('Could not reach the server. Check your connection and try again.');
  });
});

describe('membersByIds', () => {
  const asked: string[][] = [];
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    (globalThis as { localStorage?: unknown }).localStorage = { getItem: () => 'zh-CN' };
    globalThis.fetch = (async (url: string) => {
      const ids = new URL(url, 'http://x').searchParams.get('ids')!.split(',');
      asked.push(ids);
      // The directory answers ids and display names only (a display name is never empty: it starts as the login name).
      const items = ids.filter((id) => !id.startsWith('gone')).map((id) => ({ _id: id, displayName: `Name ${id}` }));
      return new Response(JSON.stringify({ items }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });
  beforeEach(() => void (asked.length = 0));

  test('asks in calls the lookup accepts (200 ids, 5,000 characters), once per id', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `u${String(i).padStart(23, '0')}`);
    const found = await formServices('app', 'form').membersByIds([...ids, ...ids.slice(0, 10), 'gone1']);
    expect(asked.flat().sort()).toEqual([...ids, 'gone1'].sort());
    for (const batch of asked) {
      expect(batch.length).toBeLessThanOrEqual(200);
      expect(batch.join(',').length).toBeLessThanOrEqual(5000);
    }
    expect(found).toHaveLength(450);
    expect(found.find((u) => u.id === ids[10])).toEqual({ id: ids[10], displayName: `Name ${ids[10]}` });
  });

  test('long ids: the 5,000-character limit splits before 200', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `x${String(i).padStart(63, '0')}`);
    await formServices('app', 'form').membersByIds(ids);
    expect(asked.length).toBe(2);
    for (const batch of asked) expect(batch.join(',').length).toBeLessThanOrEqual(5000);
  });

  test('no ids, no call', async () => {
    expect(await formServices('app', 'form').membersByIds([])).toEqual([]);
    expect(asked).toEqual([]);
  });

  test('one function for every form, so the names learnt are shared', () => {
    expect(formServices('a', 'f1').membersByIds).toBe(formServices('b', 'f2').membersByIds);
  });
});
