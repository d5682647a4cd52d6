// A data directory from before drafts: its forms were live at once. At the first start with
// drafts they are published as they stand (once), so their users keep working, and the first
// navigation format is converted; versions published then keep it, and restoring one as the
// draft converts it too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '@tessera/runtime';
import { startTestApp } from '../helpers/app';

test('forms that were live before drafts keep running, published once, navigation converted', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-upgrade-'));
  try {
    // 1. what the previous release stored
    const store = await createStore({ dataDir });
    const at = '2026-01-01T00:00:00.000Z';
    await store.collection('apps').insertOne({ _id: 'old', tenantId: 'default', name: '旧应用', navigation: [{ id: 'g', label: '组', formIds: ['f1', 'gone'] }], createdAt: at, updatedAt: at });
    await store.collection('forms').insertOne({ _id: 'f1', tenantId: 'default', appId: 'old', schema: { id: 'f1', title: '表一', version: 3, fields: [{ id: 'a', type: 'text', label: 'A' }] }, createdAt: at, updatedAt: at });
    await store.collection('apps').insertOne({ _id: 'empty', tenantId: 'default', name: '空应用', createdAt: at, updatedAt: at });
    await store.close();

    // 2. the first start with drafts
    const t = await startTestApp({ dataDir });
    try {
      const pub = (await t.inject('GET', '/api/apps/old/published')).json();
      expect(pub).toMatchObject({ version: 1, app: { navigation: [{ type: 'group', id: 'g', label: '组', children: [{ type: 'form', id: 'f1' }] }] } });
      expect(pub.forms.map((f: { id: string; version: number }) => [f.id, f.version])).toEqual([['f1', 3]]);
      const r = await t.inject('POST', '/api/apps/old/forms/f1/records', { a: 'x' });
      expect(r.statusCode).toBe(201);
      expect(r.json()._formVersion).toBe(3);
      const empty = await t.inject('GET', '/api/apps/empty/published');
      expect(empty.statusCode).toBe(404);
      expect(empty.json().error.code).toBe('NOT_PUBLISHED');
      const home = (await t.inject('GET', '/api/apps')).json().items;
      expect(home.map((a: { id: string; updatedBy: unknown; draftChanged: boolean }) => [a.id, a.updatedBy, a.draftChanged])).toEqual([['empty', null, false], ['old', null, false]]); // the same creation time: by id
      expect((await t.inject('GET', '/api/apps/old/versions')).json().items[0].publishedBy).toEqual({ id: 'system', name: 'Tessera' });
      // Published the way every publish is: with its audit entry, by Tessera itself.
      const audit = await t.store.collection('audit').find({ action: 'app.publish', recordId: 'old' });
      expect(audit.map((e) => [e.actor, e.before, (e.after as { publishedVersion: number }).publishedVersion])).toEqual([[{ id: 'system', name: 'Tessera' }, { publishedVersion: null }, 1]]);
      expect((await t.inject('GET', '/api/apps/old/publish/preview')).json()).toEqual({ problems: [], changes: [], canPublish: true, timeZone: 'Asia/Shanghai' });
    } finally {
      await t.close();
    }

    // 3. later starts change nothing
    const again = await startTestApp({ dataDir });
    try {
      expect((await again.inject('GET', '/api/apps/old/versions')).json().items).toHaveLength(1);
    } finally {
      await again.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a version published before navigation entries had types restores as a draft that publishes', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-upgrade-'));
  try {
    // 1. what the previous release stored: an app published as version 1, its snapshot the whole
    // app document with groups of form ids (the same forms as the drafts, so the upgrade leaves it)
    const store = await createStore({ dataDir });
    const at = '2026-01-01T00:00:00.000Z';
    const app = { _id: 'legacy', tenantId: 'default', name: '旧版', navigation: [{ id: 'g', label: '组', formIds: ['lf'] }], createdAt: at, updatedAt: at };
    const schema = { id: 'lf', title: '表', version: 2, fields: [{ id: 'a', type: 'text', label: 'A' }] };
    await store.collection('apps').insertOne({ ...app, publishedVersion: 1 });
    await store.collection('forms').insertOne({ _id: 'lf', tenantId: 'default', appId: 'legacy', schema, createdAt: at, updatedAt: at });
    await store.collection('app_versions').insertOne({ _id: 'legacy@1', appId: 'legacy', version: 1, note: '', publishedAt: at, publishedBy: 'u1', snapshot: { app, forms: [schema] } });
    await store.close();

    const t = await startTestApp({ dataDir });
    try {
      expect((await t.inject('GET', '/api/apps/legacy/versions')).json().items).toHaveLength(1);
      // 2. restore version 1 as the draft: its navigation comes back in the current format
      expect((await t.inject('POST', '/api/apps/legacy/versions/1/restore')).statusCode).toBe(200);
      const group = { type: 'group', id: 'g', label: '组', children: [{ type: 'form', id: 'lf' }] };
      expect((await t.inject('GET', '/api/apps/legacy')).json().navigation).toEqual([group]);
      // 3. and the draft publishes
      expect((await t.inject('GET', '/api/apps/legacy/publish/preview')).json()).toEqual({ problems: [], changes: [], canPublish: true, timeZone: 'Asia/Shanghai' });
      const published = await t.inject('POST', '/api/apps/legacy/publish', {});
      expect(published.statusCode).toBe(200);
      expect((await t.inject('GET', '/api/apps/legacy/published')).json()).toMatchObject({ version: 2, app: { navigation: [group] } });
    } finally {
      await t.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('datetimes stored before they were normalised become UTC instants, once, and filters find them', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tessera-upgrade-'));
  try {
    // 1. what the previous release stored: a published form whose records hold datetimes as sent
    // (an offset, `Z` without milliseconds), in a subform cell too, and text that names no instant
    const store = await createStore({ dataDir });
    const at = '2026-01-01T00:00:00.000Z';
    const schema = {
      id: 'ev', title: '事件', version: 1, fields: [
        { id: 'label', type: 'text', label: '名称' },
        { id: 'at', type: 'datetime', label: '时间' },
        { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'when', type: 'datetime', label: '时刻' }] },
      ],
    };
    const app = { _id: 'dt', tenantId: 'default', name: '时间', createdAt: at, updatedAt: at };
    await store.collection('apps').insertOne({ ...app, publishedVersion: 1 });
    await store.collection('forms').insertOne({ _id: 'ev', tenantId: 'default', appId: 'dt', schema, createdAt: at, updatedAt: at });
    await store.collection('app_versions').insertOne({ _id: 'dt@1', appId: 'dt', version: 1, note: '', publishedAt: at, publishedBy: 'u1', snapshot: { app, forms: [schema] } });
    const sys = { _v: 1, _createdAt: at, _createdBy: 'u1', _updatedAt: at, _updatedBy: 'u1', _deleted: false, _deletedAt: null, _formVersion: 1 };
    await store.collection('r_ev').insertOne({ _id: 'e1', ...sys, label: 'E1', at: '2026-03-02T00:00:00+08:00', lines: [{ _rowId: 'r1', when: '2026-03-01T16:00:00Z' }] });
    await store.collection('r_ev').insertOne({ _id: 'e2', ...sys, label: 'E2', at: '2026-03-01T16:00:00Z', lines: [] });
    await store.collection('r_ev').insertOne({ _id: 'e3', ...sys, label: 'E3', at: 'not a time', lines: null });
    await store.close();

    // 2. the first start rewrites them as their instants, leaving the rest of each record alone
    const t = await startTestApp({ dataDir });
    try {
      const stored = await t.store.collection('r_ev').find({}, { sort: { _id: 1 } });
      expect(stored.map((r) => [r._id, r.at, r.lines, r._v, r._updatedAt])).toEqual([
        ['e1', '2026-03-01T16:00:00.000Z', [{ _rowId: 'r1', when: '2026-03-01T16:00:00.000Z' }], 1, at],
        ['e2', '2026-03-01T16:00:00.000Z', [], 1, at],
        ['e3', 'not a time', null, 1, at],
      ]);
      const labels = async (filter: unknown) =>
        (await t.inject('GET', `/api/apps/dt/forms/ev/records?sort=label&filter=${encodeURIComponent(JSON.stringify(filter))}`)).json().items.map((r: { label: string }) => r.label);
      expect(await labels({ at: { $lte: '2026-03-01T16:00:00Z' } })).toEqual(['E1', 'E2']);
      expect(await labels({ at: '2026-03-02' })).toEqual(['E1', 'E2']);
      expect(await labels({ 'lines.when': { $gte: '2026-03-01T16:00:00Z', $lt: '2026-03-01T16:00:01Z' } })).toEqual(['E1']);
      expect(await t.store.collection('settings').findOne({ _id: 'records.datetimes-utc-v1' })).not.toBeNull();
      // 3. a value written as it was stored later is not normalised again by a restart
      await t.store.collection('r_ev').updateOne({ _id: 'e2' }, { $set: { at: '2026-03-01T16:00:00Z' } });
    } finally {
      await t.close();
    }
    const again = await startTestApp({ dataDir });
    try {
      expect((await again.store.collection('r_ev').findOne({ _id: 'e2' }))!.at).toBe('2026-03-01T16:00:00Z');
    } finally {
      await again.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
