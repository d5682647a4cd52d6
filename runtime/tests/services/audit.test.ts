// The audit trail's hash chains (one per collection written): entries of every hash version
// verify, tampering and truncation are caught in any chain, a chain removed whole is caught by the
// list of chains, a rolled-back write never leaves a chain forked, and entries written while
// verify runs are not taken for tampering.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAudit, canonicalJson, createEmbeddedStore, setAuditKey, verifyAuditChain, type Collection, type Store } from '../../src';
import { storePerTest } from './audit-stores';

let store: Store;
const actor = { id: 'u1', name: '王工' };

storePerTest('tessera-audit-', (s) => {
  store = s;
});

const append = (recordId: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null) =>
  store.withTransaction((session) => appendAudit(store, session, { actor, action: before ? 'record.update' : 'record.create', collection: 'r_f', recordId, before, after }));

const id = (seq: number, chain = 'r_f') => `${chain}:${String(seq).padStart(12, '0')}`;

test('entries of the single chain from before chains were split still verify, next to the new chains', async () => {
  // A version-1 entry as earlier releases wrote it: sorted-key JSON, no `hv`, a bare number as id.
  const body = { seq: 1, at: '2026-11-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'a', before: null, after: { b: 2, a: 1 }, diff: [], prevHash: '0'.repeat(64) };
  const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  await store.collection('audit').insertOne({ _id: '000000000001', ...body, hash });
  await store.collection('audit_head').insertOne({ _id: 'head', seq: 1, hash });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 1, chains: 1 });
  // New writes start the form's own chain.
  const e = await append('a', { a: 1, b: 2 }, { a: 1, b: 3 });
  expect(e).toMatchObject({ _id: id(1), chain: 'r_f', seq: 1, hv: 3, prevHash: '0'.repeat(64), diff: [{ field: 'b', before: 2, after: 3 }] });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 2 });
  // The legacy chain is still checked: its entry changed is caught.
  await store.collection('audit').updateOne({ _id: '000000000001' }, { $set: { recordId: 'z' } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 1, chain: '', brokenAt: 1, reason: 'entry 1 was changed' });
});

test('changing an entry, or removing the last one, is detected in its chain', async () => {
  await append('a', null, { x: 1 });
  await append('a', { x: 1 }, { x: 2 });
  await append('b', null, { y: 'z' });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3, chains: 1 });
  await store.collection('audit').updateOne({ _id: id(2) }, { $set: { 'diff.0.after': 3 } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_f', brokenAt: 2, reason: 'entry 2 was changed' });
  await store.collection('audit').updateOne({ _id: id(2) }, { $set: { 'diff.0.after': 2 } });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3, chains: 1 });
  await store.collection('audit').deleteOne({ _id: id(3) });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_f', brokenAt: 3, reason: 'entries after the last one were removed' });
});

test('each collection has its own chain: numbers and links never cross, and an entry moved to another chain is caught', async () => {
  const to = (chain: string, recordId: string) => store.withTransaction((session) => appendAudit(store, session, { actor, action: 'record.create', collection: chain, recordId, before: null, after: { n: recordId } }));
  const a1 = await to('r_a', '1');
  const b1 = await to('r_b', '1');
  const a2 = await to('r_a', '2');
  expect([a1.seq, b1.seq, a2.seq]).toEqual([1, 1, 2]);
  expect([a1._id, b1._id, a2._id]).toEqual([id(1, 'r_a'), id(1, 'r_b'), id(2, 'r_a')]);
  expect(a2.prevHash).toBe(a1.hash);
  expect(b1.prevHash).toBe('0'.repeat(64));
  expect(await store.collection('audit_head').findOne({ _id: 'chains' })).toEqual({ _id: 'chains', names: ['r_a', 'r_b'] });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3, chains: 2 });
  // A writer may name the chain (sign-ins go to one of their own).
  const named = await store.withTransaction((session) => appendAudit(store, session, { actor, action: 'auth.login', collection: 'sessions', recordId: 's', before: null, after: null, chain: 'auth' }));
  expect(named).toMatchObject({ _id: id(1, 'auth'), chain: 'auth', collection: 'sessions' });
  // The entry of r_b claims to be in r_a: its hash covers the chain, so it was changed.
  await store.collection('audit').updateOne({ _id: id(1, 'r_b') }, { $set: { chain: 'r_a' } });
  expect(await verifyAuditChain(store)).toMatchObject({ ok: false, chain: 'r_b', brokenAt: 1, reason: 'entry 1 was changed' });
});

test('a chain removed whole, head and all, is caught by the list of chains; the list cannot be edited to match without the key', async () => {
  setAuditKey(store, 'k'.repeat(32));
  for (const chain of ['r_a', 'r_b']) await store.withTransaction((session) => appendAudit(store, session, { actor, action: 'record.create', collection: chain, recordId: '1', before: null, after: { x: 1 } }));
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 2 });
  const audit = store.collection('audit');
  const heads = store.collection('audit_head');
  await audit.deleteMany({ chain: 'r_b' });
  await heads.deleteOne({ _id: 'chain:r_b' });
  expect(await verifyAuditChain(store)).toMatchObject({ ok: false, chain: 'r_b', reason: 'the head of chain r_b is missing: the chain was removed' });
  // Taking it out of the list too: the list's seal no longer fits.
  await heads.updateOne({ _id: 'chains' }, { $set: { names: ['r_a'] } });
  expect(await verifyAuditChain(store)).toMatchObject({ ok: false, reason: 'the list of chains does not carry the audit key’s seal: a chain was added or removed by hand' });
  // Without the key (a copy of the data where none is set), a head the list does not name is still caught.
  await heads.insertOne({ _id: 'chain:r_c', chain: 'r_c', seq: 0, hash: '0'.repeat(64) });
  const copyDir = mkdtempSync(join(tmpdir(), 'tessera-audit-copy-'));
  const unkeyed = await createEmbeddedStore({ dataDir: copyDir });
  try {
    for (const d of await heads.find({})) await unkeyed.collection('audit_head').insertOne(d);
    for (const d of await audit.find({})) await unkeyed.collection('audit').insertOne(d);
    expect(await verifyAuditChain(unkeyed)).toEqual({ ok: false, count: 0, chain: 'r_c', brokenAt: 1, reason: 'chain r_c is not in the list of chains' });
  } finally {
    await unkeyed.close();
    rmSync(copyDir, { recursive: true, force: true });
  }
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
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 1 });
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
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3, chains: 1 });
});

describe('verify on a live store: it reads the heads first and verifies up to them', () => {
  /** The store, but the first page of entries verify reads is read after `meanwhile` ran (a write landing mid-verify). */
  const racing = (meanwhile: () => Promise<void>): Store => {
    let first = true;
    return new Proxy(store, {
      get(target, prop) {
        if (prop !== 'collection') return Reflect.get(target, prop);
        return (name: string) => {
          const c = target.collection(name);
          if (name !== 'audit') return c;
          return new Proxy(c, {
            get(ct, p) {
              if (p !== 'find') return Reflect.get(ct, p);
              return async (...args: Parameters<Collection['find']>) => {
                if (first) {
                  first = false;
                  await meanwhile();
                }
                return ct.find(...args);
              };
            },
          });
        };
      },
    });
  };

  test('writes that land meanwhile are not tampering: past a known head they are left for the next run; a new chain is verified up to its head then', async () => {
    await append('a', null, { x: 1 });
    await append('a', { x: 1 }, { x: 2 });
    const live = racing(async () => {
      await append('b', null, { x: 3 });
      await store.withTransaction((session) => appendAudit(store, session, { actor, action: 'record.create', collection: 'r_new', recordId: 'n', before: null, after: { x: 1 } }));
    });
    expect(await verifyAuditChain(live)).toEqual({ ok: true, count: 3, chains: 2 });
    // Read again, everything is verified.
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 4, chains: 2 });
  });

  test('an entry past the head that no head ever reached is still caught', async () => {
    await append('a', null, { x: 1 });
    const first = (await store.collection('audit').findOne({ _id: id(1) })) as unknown as { hash: string };
    const live = racing(async () => {
      // Added by hand after the head was read, and the head never moves to it.
      const body = { hv: 3, chain: 'r_f', seq: 2, at: '2026-12-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'x', before: null, after: null, diff: [], prevHash: first.hash };
      await store.collection('audit').insertOne({ _id: id(2), ...body, hash: createHash('sha256').update(JSON.stringify(body)).digest('hex') });
    });
    expect(await verifyAuditChain(live)).toEqual({ ok: false, count: 1, chain: 'r_f', brokenAt: 2, reason: 'entries after 1 were added without moving the chain head' });
  });
});
