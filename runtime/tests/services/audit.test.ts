// The audit trail's hash chain: entries of both hash versions verify, tampering and truncation
// are caught, and a rolled-back write never leaves the chain forked.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit, canonicalJson, createEmbeddedStore, verifyAuditChain, type Store } from '../../src';

let dir: string;
let store: Store;
const actor = { id: 'u1', name: '王工' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-audit-'));
  store = await createEmbeddedStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const append = (recordId: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) =>
  store.withTransaction((session) => appendAudit(store, session, { actor, action: before ? 'record.update' : 'record.create', collection: 'r_f', recordId, before, after }));

test('entries written before hash version 2 (canonical JSON) still verify, followed by new ones', async () => {
  // A version-1 entry as earlier releases wrote it: sorted-key JSON, no `hv`.
  const body = { seq: 1, at: '2026-11-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'a', before: null, after: { b: 2, a: 1 }, diff: [], prevHash: '0'.repeat(64) };
  const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  await store.collection('audit').insertOne({ _id: '000000000001', ...body, hash });
  await store.collection('audit_head').insertOne({ _id: 'head', seq: 1, hash });
  const e2 = await append('a', { a: 1, b: 2 }, { a: 1, b: 3 });
  expect(e2).toMatchObject({ seq: 2, hv: 2, prevHash: hash, diff: [{ field: 'b', before: 2, after: 3 }] });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2 });
});

test('changing either kind of entry, or removing the last one, is detected', async () => {
  await append('a', null, { x: 1 });
  await append('a', { x: 1 }, { x: 2 });
  await append('b', null, { y: 'z' });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3 });
  await store.collection('audit').updateOne({ _id: '000000000002' }, { $set: { 'diff.0.after': 3 } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, brokenAt: 2, reason: 'entry 2 was changed' });
  await store.collection('audit').updateOne({ _id: '000000000002' }, { $set: { 'diff.0.after': 2 } });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3 });
  await store.collection('audit').deleteOne({ _id: '000000000003' });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, brokenAt: 3, reason: 'entries after the last one were removed' });
});

test('a write rolled back after its audit entry leaves no gap: the next entry follows the last committed one', async () => {
  await append('a', null, { x: 1 });
  await expect(
    store.withTransaction(async (session) => {
      await appendAudit(store, session, { actor, action: 'record.create', collection: 'r_f', recordId: 'b', before: null, after: { x: 2 } });
      throw new Error('a later step of the write failed');
    }),
  ).rejects.toThrow('later step');
  const next = await append('c', null, { x: 3 });
  expect(next.seq).toBe(2);
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2 });
});

test('a created record has no field diff (its values are the entry\'s after)', async () => {
  const e = await append('a', null, { x: 1, _v: 1 });
  expect(e.diff).toEqual([]);
  expect(e.after).toEqual({ x: 1, _v: 1 });
});

test('after a rolled-back append, another writer taking the same number does not fork the chain', async () => {
  await append('a', null, { x: 1 });
  await expect(
    store.withTransaction(async (session) => {
      await appendAudit(store, session, { actor, action: 'record.create', collection: 'r_f', recordId: 'b', before: null, after: { x: 2 } });
      throw new Error('rolled back');
    }),
  ).rejects.toThrow('rolled back');
  // Another server node on the same database (a separate Store object, with nothing remembered)
  // writes entry 2 with a different hash than the one rolled back here.
  const otherNode = new Proxy(store, {});
  await otherNode.withTransaction((session) => appendAudit(otherNode, session, { actor, action: 'record.create', collection: 'r_f', recordId: 'c', before: null, after: { x: 3 } }));
  const next = await append('d', null, { x: 4 });
  expect(next.seq).toBe(3);
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3 });
});
