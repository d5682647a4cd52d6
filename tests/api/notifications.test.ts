// @mentions and the notification centre through HTTP: a comment's mentions notify the people
// mentioned (never the author), in the comment's own write; a mention of someone who cannot see
// the record is refused naming them, with nothing written; the picker offers only people the one
// permission check lets see the record; a person lists, counts and marks only their own.
import { startTestApp, type TestApp } from '../helpers/app';
import { grant } from '../helpers/access';

let t: TestApp;
const recs = '/api/apps/qms/forms/insp/records';
/** ann comments (view + comment on every record), bob sees every record, cat only his own, dan is named by no set, sup is a supplier's account. */
const u: Record<string, { id: string; cookie: string }> = {};
let adminId: string;
/** A record made by the admin: ann, bob, sup and the admin see it; cat and dan do not. */
let rec: string;

const form = {
  id: 'insp',
  title: { 'zh-CN': '巡检记录', 'en-US': 'Patrol checks' },
  fields: [{ id: 'code', type: 'text', label: '编号' }],
};

async function count(who: string): Promise<number> {
  const res = await t.injectAs(u[who].cookie, 'GET', '/api/notifications/count');
  expect(res.statusCode).toBe(200);
  return res.json().unread;
}

async function list(who: string, query = ''): Promise<{ items: Array<Record<string, unknown> & { _id: string }>; nextCursor: string | null }> {
  const res = await t.injectAs(u[who].cookie, 'GET', `/api/notifications${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function comment(who: string, text: string, mentions: string[], record = rec) {
  return t.injectAs(u[who].cookie, 'POST', `${recs}/${record}/comments`, { text, mentions });
}

const stored = async () => ({ comments: await t.store.collection('comments').count({}), notifications: await t.store.collection('notifications').count({}) });

beforeAll(async () => {
  t = await startTestApp();
  adminId = (await t.inject('GET', '/api/me')).json().user._id;
  for (const [username, displayName] of [['ann', '安妮'], ['bob', '鲍勃'], ['cat', '凯特'], ['dan', '丹']]) {
    const made = await t.createUser({ username, displayName });
    u[username] = { id: String(made.user._id), cookie: made.cookie };
  }
  const sup = await t.inject('POST', '/api/users', { username: 'sup', password: 'supplier-one-pass', displayName: '供应商门户', kind: 'external' });
  expect(sup.statusCode).toBe(201);
  u.sup = { id: sup.json().user._id, cookie: await t.loginAs('sup', 'supplier-one-pass') };
  u.admin = { id: adminId, cookie: t.adminCookie };
  expect((await t.inject('POST', '/api/apps', { id: 'qms', name: '质量' })).statusCode).toBe(201);
  expect((await t.inject('POST', '/api/apps/qms/forms', form)).statusCode).toBe(201);
  await t.publish('qms');
  await grant(t, 'qms', { name: 'commenters', users: [u.ann.id], forms: { insp: { actions: ['view', 'comment'] } } });
  await grant(t, 'qms', { name: 'readers', users: [u.bob.id, u.sup.id], forms: { insp: { actions: ['view', 'comment'] } } });
  await grant(t, 'qms', { name: 'own only', users: [u.cat.id], forms: { insp: { actions: ['view', 'create', 'comment'], scope: { kind: 'creator' } } } });
  rec = (await t.inject('POST', recs, { code: 'P-1' })).json()._id;
});
afterAll(() => t.close());

describe('mentions notify', () => {
  test('the person mentioned gets one notification with who, what and the record; the author, mentioning themself, gets none', async () => {
    const before = { ann: await count('ann'), bob: await count('bob'), admin: await count('admin') };
    const res = await comment('ann', '@鲍勃 请复核 @安妮', [u.bob.id, u.ann.id]);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ text: '@鲍勃 请复核 @安妮', mentions: [u.bob.id, u.ann.id], authorId: u.ann.id });
    expect({ ann: await count('ann'), bob: await count('bob'), admin: await count('admin') }).toEqual({ ...before, bob: before.bob + 1 });
    const [newest] = (await list('bob')).items;
    expect(newest).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      kind: 'mention',
      actor: { id: u.ann.id, displayName: '安妮' },
      title: form.title,
      text: '@鲍勃 请复核 @安妮',
      link: { appId: 'qms', formId: 'insp', recordId: rec },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      readAt: null,
    });
    // The comment reads back with its author by name.
    const comments = (await t.injectAs(u.bob.cookie, 'GET', `${recs}/${rec}/comments`)).json().items;
    expect(comments.at(-1)).toMatchObject({ _id: res.json()._id, author: { id: u.ann.id, displayName: '安妮' } });
    // Stored with what it came from (the list leaves it out): a later kind of notice names its own.
    const notices = await t.store.collection('notifications').find({ 'source.id': res.json()._id });
    expect(notices.map((n) => [n.userId, n.source])).toEqual([[u.bob.id, { type: 'comment', id: res.json()._id }]]);
  });

  test('a long comment is cut in the notification, whole on the record', async () => {
    const text = `请看 ${'很长的说明'.repeat(100)}`;
    expect((await comment('ann', text, [u.bob.id])).statusCode).toBe(201);
    const [newest] = (await list('bob')).items;
    expect(String(newest.text)).toHaveLength(200);
    expect(String(newest.text).endsWith('…')).toBe(true);
  });

  test('a comment of exactly 200 characters is kept whole in the notification', async () => {
    const eve = await t.createUser({ username: 'eve200', displayName: '伊芙', isAdmin: true });
    const text = `@伊芙 ${'一'.repeat(196)}`;
    expect(text).toHaveLength(200);
    expect((await t.inject('POST', `${recs}/${rec}/comments`, { text, mentions: [String(eve.user._id)] })).statusCode).toBe(201);
    const items = (await t.injectAs(eve.cookie, 'GET', '/api/notifications')).json().items;
    expect(items.map((n: { text: string }) => n.text)).toEqual([text]);
  });

  test('mentioning someone who cannot see the record is 400 naming them, and neither comment nor notification is written', async () => {
    const before = await stored();
    // bob could see it; cat (his own records only) and dan (no set) cannot: the whole comment is refused.
    const res = await comment('ann', '@鲍勃 @凯特 @丹', [u.bob.id, u.cat.id, u.dan.id]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'MENTION_NOT_ALLOWED',
      details: [
        { path: '/mentions/1', code: 'cannot_see_record', userId: u.cat.id, displayName: '凯特' },
        { path: '/mentions/2', code: 'cannot_see_record', userId: u.dan.id, displayName: '丹' },
      ],
    });
    expect(res.json().error.message).toBe('凯特、丹 无权查看这条记录，不能被提及');
    const en = await t.injectAs(u.ann.cookie, 'POST', `${recs}/${rec}/comments`, { text: 'x', mentions: [u.dan.id] }, { 'accept-language': 'en-US' });
    expect(en.json().error.message).toBe('丹 cannot see this record, so cannot be mentioned');
    expect(await stored()).toEqual(before);
  });

  test('the comment and its notifications are one write: a notification that cannot be stored takes the comment back', async () => {
    // A unique index on what made a notification lets only the first of a comment's two be stored.
    const notifications = t.store.collection('notifications');
    await notifications.ensureIndexes([{ name: 'one_per_source', keys: { 'source.id': 1 }, unique: true }]);
    try {
      const before = await stored();
      const res = await comment('ann', '@鲍勃 @Administrator', [u.bob.id, u.admin.id]);
      expect(res.statusCode).toBe(409);
      expect(await stored()).toEqual(before);
    } finally {
      await notifications.dropIndex('one_per_source');
    }
  });

  test('an id that is no account is refused the same way', async () => {
    const before = await stored();
    const res = await comment('ann', '@nobody', ['0123456789abcdef01234567']);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: '/mentions/0', code: 'unknown_user', userId: '0123456789abcdef01234567', displayName: null }]);
    // With no name to give, the message names the id.
    expect(res.json().error.message).toBe('0123456789abcdef01234567 无权查看这条记录，不能被提及');
    expect(await stored()).toEqual(before);
  });

  test('a disabled account cannot be mentioned', async () => {
    const gone = await t.createUser({ username: 'gone', displayName: '离职者', isAdmin: true });
    expect((await t.inject('PATCH', `/api/users/${gone.user._id}`, { disabled: true })).statusCode).toBe(200);
    expect((await comment('ann', '@离职者', [String(gone.user._id)])).statusCode).toBe(400);
  });
});

describe('a record\'s comments', () => {
  test('are that record\'s only, oldest first, the latest 500 of a long thread', async () => {
    const thread = (await t.inject('POST', recs, { code: 'P-THREAD' })).json()._id;
    // The other record has comments of its own, newer and older than these.
    expect((await comment('ann', 'on the other record', [])).statusCode).toBe(201);
    for (let i = 1; i <= 501; i++) expect((await t.inject('POST', `${recs}/${thread}/comments`, { text: `#${i}` })).statusCode).toBe(201);
    expect((await comment('ann', 'on the other record, later', [])).statusCode).toBe(201);
    const res = await t.injectAs(u.bob.cookie, 'GET', `${recs}/${thread}/comments`);
    expect(res.statusCode).toBe(200);
    const items: Array<{ text: string; recordId: string }> = res.json().items;
    expect(items.map((c) => c.text)).toEqual(Array.from({ length: 500 }, (_, i) => `#${i + 2}`));
    expect(new Set(items.map((c) => c.recordId))).toEqual(new Set([thread]));
  });
});

describe('who may comment', () => {
  test('someone who may view but not comment is 403; someone who cannot see the record gets 404, to list or to comment', async () => {
    const viewer = await t.createUser({ username: 'viewer', displayName: '只读' });
    await grant(t, 'qms', { name: 'view only', users: [String(viewer.user._id)], forms: { insp: { actions: ['view'] } } });
    const before = await stored();
    const refused = await t.injectAs(viewer.cookie, 'POST', `${recs}/${rec}/comments`, { text: '看过了', mentions: [] });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect(await stored()).toEqual(before);
    for (const [method, body] of [['GET', undefined], ['POST', { text: '?', mentions: [] }]] as const) {
      const res = await t.injectAs(u.cat.cookie, method, `${recs}/${rec}/comments`, body);
      expect([method, res.statusCode, res.json().error.code]).toEqual([method, 404, 'NOT_FOUND']);
    }
  });

  test('on a deleted record, only people who may restore it are offered or mentioned', async () => {
    const gone = (await t.inject('POST', recs, { code: 'P-DEL' })).json()._id;
    expect((await t.inject('DELETE', `${recs}/${gone}`)).statusCode).toBe(200);
    // ann, bob and sup may view the live records, not restore: none of them is offered.
    const names = (await t.inject('GET', `${recs}/${gone}/mentionable`)).json().items.map((p: { displayName: string }) => p.displayName);
    for (const viewer of ['安妮', '鲍勃', '供应商门户']) expect(names).not.toContain(viewer);
    const res = await t.inject('POST', `${recs}/${gone}/comments`, { text: '@鲍勃', mentions: [u.bob.id] });
    expect([res.statusCode, res.json().error.details[0].code]).toEqual([400, 'cannot_see_record']);
  });
});

describe('the picker offers people who can see the record', () => {
  test('by name, without the caller, without people who cannot see it', async () => {
    const res = await t.injectAs(u.ann.cookie, 'GET', `${recs}/${rec}/mentionable`);
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((p: { displayName: string }) => p.displayName);
    expect(names).toEqual(expect.arrayContaining(['Administrator', '鲍勃', '供应商门户']));
    expect(names).not.toEqual(expect.arrayContaining(['安妮']));
    for (const hidden of ['凯特', '丹', '离职者']) expect(names).not.toContain(hidden);
    expect(res.json().items.find((p: { displayName: string }) => p.displayName === '鲍勃')).toEqual({ id: u.bob.id, displayName: '鲍勃' });
  });

  test('q narrows by part of the name; limit caps the list', async () => {
    expect((await t.injectAs(u.ann.cookie, 'GET', `${recs}/${rec}/mentionable?q=${encodeURIComponent('鲍')}`)).json().items).toEqual([{ id: u.bob.id, displayName: '鲍勃' }]);
    expect((await t.injectAs(u.ann.cookie, 'GET', `${recs}/${rec}/mentionable?limit=1`)).json().items).toHaveLength(1);
    expect((await t.injectAs(u.ann.cookie, 'GET', `${recs}/${rec}/mentionable?limit=0`)).statusCode).toBe(400);
  });

  test('looks past the first hundred accounts for people who see the record', async () => {
    // 100 accounts named before the one who sees it, none of them named by any set: a full first batch.
    for (let i = 0; i < 100; i++) {
      const res = await t.inject('POST', '/api/users', { username: `w${i}`, password: 'worker-one-pass', displayName: `质检员 ${String(i).padStart(3, '0')}` });
      expect(res.statusCode).toBe(201);
    }
    const late = (await t.inject('POST', '/api/users', { username: 'wz', password: 'worker-one-pass', displayName: '质检员 组长' })).json().user._id;
    await grant(t, 'qms', { name: 'late reader', users: [late], forms: { insp: { actions: ['view'] } } });
    const res = await t.injectAs(u.ann.cookie, 'GET', `${recs}/${rec}/mentionable?q=${encodeURIComponent('质检员')}`);
    expect(res.json().items).toEqual([{ id: late, displayName: '质检员 组长' }]);
  });

  test('someone who cannot see the record gets 404; an external account 403', async () => {
    expect((await t.injectAs(u.cat.cookie, 'GET', `${recs}/${rec}/mentionable`)).statusCode).toBe(404);
    expect((await t.injectAs(u.dan.cookie, 'GET', `${recs}/${rec}/mentionable`)).statusCode).toBe(404);
    const sup = await t.injectAs(u.sup.cookie, 'GET', `${recs}/${rec}/mentionable`);
    expect(sup.statusCode).toBe(403);
    expect(sup.json().error.code).toBe('FORBIDDEN');
  });

  test('on cat’s own record, cat is offered to others and can be mentioned', async () => {
    const own = (await t.injectAs(u.cat.cookie, 'POST', recs, { code: 'C-1' })).json()._id;
    const names = (await t.inject('GET', `${recs}/${own}/mentionable`)).json().items.map((p: { displayName: string }) => p.displayName);
    expect(names).toContain('凯特');
    const before = await count('cat');
    expect((await t.inject('POST', `${recs}/${own}/comments`, { text: '@凯特 看看', mentions: [u.cat.id] })).statusCode).toBe(201);
    expect(await count('cat')).toBe(before + 1);
  });
});

describe('a person’s own notifications', () => {
  test('read: one is marked read (again: no change), and the count goes down', async () => {
    // bob's older notifications are read, and he gets two more: the newer is marked, only it.
    expect((await t.injectAs(u.bob.cookie, 'POST', '/api/notifications/read-all')).statusCode).toBe(200);
    for (const text of ['@鲍勃 第一条', '@鲍勃 第二条']) expect((await comment('ann', text, [u.bob.id])).statusCode).toBe(201);
    const [n, older] = (await list('bob')).items;
    const others = { ann: await count('ann'), admin: await count('admin') };
    expect(await count('bob')).toBe(2);
    const res = await t.injectAs(u.bob.cookie, 'POST', `/api/notifications/${n._id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ _id: n._id, text: '@鲍勃 第二条', readAt: expect.stringMatching(/^\d{4}-/) });
    expect(await count('bob')).toBe(1);
    expect((await list('bob', '?unread=true')).items.map((i) => i._id)).toEqual([older._id]);
    expect({ ann: await count('ann'), admin: await count('admin') }).toEqual(others);
    const again = await t.injectAs(u.bob.cookie, 'POST', `/api/notifications/${n._id}/read`);
    expect(again.json()).toMatchObject({ _id: n._id, readAt: res.json().readAt });
  });

  test('another person’s notification cannot be read or marked: 404, and it stays unread', async () => {
    expect((await comment('ann', '@鲍勃 只给鲍勃', [u.bob.id])).statusCode).toBe(201);
    const [n] = (await list('bob')).items;
    for (const who of ['ann', 'cat', 'admin']) {
      const res = await t.injectAs(u[who].cookie, 'POST', `/api/notifications/${n._id}/read`);
      expect([who, res.statusCode, res.json().error.code, res.json().error.details]).toEqual([who, 404, 'NOT_FOUND', [{ path: 'id', code: 'unknown_notification' }]]);
      expect((await list(who)).items.map((i) => i._id)).not.toContain(n._id);
    }
    expect((await list('bob')).items[0]).toMatchObject({ _id: n._id, readAt: null });
    expect((await t.injectAs(u.bob.cookie, 'POST', '/api/notifications/not-an-id!/read')).statusCode).toBe(400);
  });

  test('read-all marks only the caller’s; upTo leaves newer ones unread', async () => {
    for (const text of ['@鲍勃 一', '@鲍勃 二', '@鲍勃 三']) expect((await comment('ann', text, [u.bob.id])).statusCode).toBe(201);
    const annBefore = await count('ann');
    const items = (await list('bob', '?unread=true&limit=100')).items;
    // Everything up to the second newest: the newest stays unread.
    const upTo = await t.injectAs(u.bob.cookie, 'POST', '/api/notifications/read-all', { upTo: items[1]._id });
    expect(upTo.statusCode).toBe(200);
    expect(upTo.json().updated).toBe(items.length - 1);
    expect((await list('bob', '?unread=true')).items.map((i) => i._id)).toEqual([items[0]._id]);
    const all = await t.injectAs(u.bob.cookie, 'POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 1 });
    expect(await count('bob')).toBe(0);
    expect(await count('ann')).toBe(annBefore);
  });

  test('the list is newest first, a page at a time', async () => {
    for (const text of ['@鲍勃 a', '@鲍勃 b', '@鲍勃 c']) expect((await t.inject('POST', `${recs}/${rec}/comments`, { text, mentions: [u.bob.id] })).statusCode).toBe(201);
    const first = await list('bob', '?limit=2');
    expect(first.items.map((i) => i.text)).toEqual(['@鲍勃 c', '@鲍勃 b']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list('bob', `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0].text).toBe('@鲍勃 a');
    expect(second.items.every((i) => !first.items.some((f) => f._id === i._id))).toBe(true);
    expect((await t.injectAs(u.bob.cookie, 'GET', '/api/notifications?cursor=nonsense')).statusCode).toBe(400);
  });

  test('a page that ends exactly at the last notification has no cursor', async () => {
    const fay = await t.createUser({ username: 'fay', displayName: '菲', isAdmin: true });
    for (const text of ['@菲 一', '@菲 二']) expect((await t.inject('POST', `${recs}/${rec}/comments`, { text, mentions: [String(fay.user._id)] })).statusCode).toBe(201);
    const page = async (query: string) => (await t.injectAs(fay.cookie, 'GET', `/api/notifications${query}`)).json();
    const both = await page('?limit=2');
    expect([both.items.map((n: { text: string }) => n.text), both.nextCursor]).toEqual([['@菲 二', '@菲 一'], null]);
    const first = await page('?limit=1');
    expect(first.nextCursor).toEqual(expect.any(String));
    const last = await page(`?limit=1&cursor=${first.nextCursor}`);
    expect([last.items.map((n: { text: string }) => n.text), last.nextCursor]).toEqual([['@菲 一'], null]);
  });

  test('signed out: 401', async () => {
    for (const [method, url] of [['GET', '/api/notifications'], ['GET', '/api/notifications/count'], ['POST', '/api/notifications/read-all']] as const) {
      expect((await t.injectAs(null, method, url)).statusCode).toBe(401);
    }
  });

  test('a record deleted for good takes its notifications with it', async () => {
    const gone = (await t.inject('POST', recs, { code: 'P-GONE' })).json()._id;
    const kept = (await t.inject('POST', recs, { code: 'P-KEPT' })).json()._id;
    for (const id of [gone, kept]) expect((await t.inject('POST', `${recs}/${id}/comments`, { text: '@鲍勃', mentions: [u.bob.id] })).statusCode).toBe(201);
    const about = async (id: string) => t.store.collection('notifications').count({ 'link.recordId': id });
    expect(await about(gone)).toBe(1);
    expect((await t.inject('DELETE', `${recs}/${gone}`)).statusCode).toBe(200);
    expect((await t.inject('POST', `${recs}/${gone}/purge`)).statusCode).toBe(200);
    expect(await about(gone)).toBe(0);
    // Those about other records stay.
    expect(await about(kept)).toBe(1);
  });

  test('the routes are in the OpenAPI document', async () => {
    const paths = Object.keys((await t.inject('GET', '/api/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/notifications', '/api/notifications/count', '/api/notifications/{id}/read', '/api/notifications/read-all', '/api/apps/{appId}/forms/{formId}/records/{id}/mentionable']));
  });
});
