// What verify reports, exactly, for each way a chain can be tampered with: seals that are not the
// key's, a head that does not match its chain, entries re-chained or moved with their hashes
// recomputed to fit (without the key nothing else catches them), entries of the legacy chain out
// of place, and entries landing while verify runs. (audit.test.ts covers the chains as written.)
import { createHash } from 'node:crypto';
import { canonicalJson, setAuditKey, verifyAuditChain, type Doc, type Store } from '../../src';
import { intercept, once, storePerTest, writeEntry } from './audit-stores';

let store: Store;
const actor = { id: 'u1', name: '王工' };
const key = 'k'.repeat(32);
const SEAL_REFUSED = 'the chain head does not carry the audit key’s seal: the log was cut or re-chained';
storePerTest('tessera-audit-verify-', (s) => {
  store = s;
});

const write = (chain: string, recordId: string) => writeEntry(store, actor, chain, recordId);
const id = (chain: string, seq: number) => `${chain}:${String(seq).padStart(12, '0')}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const audit = () => store.collection('audit');
const heads = () => store.collection('audit_head');

/** Entry `_id` rewritten by `change` (key order kept), its hash recomputed and the head moved to it, as someone without the key would. */
async function rewrite(_id: string, change: (body: Record<string, unknown>) => Record<string, unknown>, newId = _id): Promise<void> {
  const { _id: _old, hash: _hash, ...body } = (await audit().findOne({ _id })) as Doc;
  const changed = change(body);
  const hash = sha256(JSON.stringify(changed));
  await audit().deleteOne({ _id });
  await audit().insertOne({ _id: newId, ...changed, hash });
  await heads().updateOne({ _id: `chain:${_id.slice(0, _id.indexOf(':'))}` }, { $set: { hash } });
}

test('a chain head whose seal is not the key’s is refused, a forged seal of the wrong length too', async () => {
  setAuditKey(store, key);
  await write('r_a', '1');
  await write('r_b', '1');
  await heads().updateOne({ _id: 'chain:r_b' }, { $set: { seal: 'f'.repeat(64) } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 0, chain: 'r_b', brokenAt: 1, reason: SEAL_REFUSED });
  await heads().updateOne({ _id: 'chain:r_b' }, { $set: { seal: 'forged' } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 0, chain: 'r_b', brokenAt: 1, reason: SEAL_REFUSED });
});

test('a head whose hash is not its last entry’s', async () => {
  const first = await write('r_f', '1');
  await write('r_f', '2');
  await heads().updateOne({ _id: 'chain:r_f' }, { $set: { hash: first.hash } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_f', brokenAt: 2, reason: 'entry 2 does not match the chain head' });
});

test('without the key, an entry re-linked with its hash recomputed is caught: it does not follow the entry before', async () => {
  await write('r_f', '1');
  await write('r_f', '2');
  await rewrite(id('r_f', 2), (b) => ({ ...b, prevHash: 'a'.repeat(64) }));
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_f', brokenAt: 2, reason: 'entry 2 does not follow the previous entry' });
});

test('without the key, an entry claiming another chain, or kept under another id, is caught', async () => {
  await write('r_f', '1');
  await write('r_f', '2');
  // 1. The body names chain r_x, the id and the head say r_f.
  await rewrite(id('r_f', 2), (b) => ({ ...b, chain: 'r_x' }));
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_f', brokenAt: 2, reason: 'entry 2 was changed' });
  // 2. Back in r_f, but under an id its number does not give.
  await rewrite(id('r_f', 2), (b) => ({ ...b, chain: 'r_f' }), 'r_f:2');
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_f', brokenAt: 2, reason: 'entry 2 was changed' });
});

test('legacy-chain entries with no head, or one sorting among the new chains, are caught', async () => {
  const body = { seq: 1, at: '2026-11-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'a', before: null, after: { a: 1 }, diff: [], prevHash: '0'.repeat(64) };
  const legacy = { _id: '000000000001', ...body, hash: sha256(canonicalJson(body)) };
  await audit().insertOne(legacy);
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 1, chain: '', brokenAt: 1, reason: 'the chain head is missing' });
  await heads().insertOne({ _id: 'head', seq: 1, hash: legacy.hash });
  await write('r_f', '1');
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 2 });
  // A copy of the legacy entry under a bare id that sorts after r_f's.
  await audit().insertOne({ ...legacy, _id: 'x000000000001' });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: '', brokenAt: 1, reason: 'entry 1 was changed' });
});

test('an entry past the head that does not follow it is a gap, not a write landing meanwhile', async () => {
  const first = await write('r_f', '1');
  const body = { hv: 3, chain: 'r_f', seq: 3, at: '2026-12-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'x', before: null, after: null, diff: [], prevHash: first.hash };
  await audit().insertOne({ _id: id('r_f', 3), ...body, hash: sha256(JSON.stringify(body)) });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_f', brokenAt: 2, reason: 'entry 2 is missing (found 3)' });
});

test('verify asks for entries in _id order: a store that keeps its own order for unsorted reads (MongoDB) verifies the same', async () => {
  await write('r_a', '1');
  await write('r_b', '1');
  await write('r_a', '2');
  const ownOrder = intercept(store, 'audit', 'find', async (args, next) => {
    const docs = (await next(...args)) as Doc[];
    const sort = (args[1] as { sort?: object } | undefined)?.sort;
    return sort && Object.keys(sort).length ? docs : [...docs].reverse();
  });
  expect(await verifyAuditChain(ownOrder)).toEqual({ ok: true, count: 3, chains: 2 });
});

describe('entries landing while verify runs (the first page of entries is read after `meanwhile`)', () => {
  const live = (meanwhile: () => Promise<void>) => once(store, 'audit', 'find', meanwhile);

  test('a chain begun meanwhile has its head’s seal checked', async () => {
    setAuditKey(store, key);
    await write('r_a', '1');
    const racing = live(async () => {
      await write('r_new', '1');
      await heads().updateOne({ _id: 'chain:r_new' }, { $set: { seal: 'f'.repeat(64) } });
    });
    expect(await verifyAuditChain(racing, { key })).toEqual({ ok: false, count: 1, chain: 'r_new', brokenAt: 1, reason: SEAL_REFUSED });
  });

  test('an entry past its head is checked against that chain’s head now, not another’s', async () => {
    for (const n of ['1', '2', '3']) await write('r_a', n);
    const first = await write('r_f', '1');
    const racing = live(async () => {
      // Added by hand after the heads were read; r_f's head never moves to it (r_a's is at 3).
      const body = { hv: 3, chain: 'r_f', seq: 2, at: '2026-12-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'x', before: null, after: null, diff: [], prevHash: first.hash };
      await audit().insertOne({ _id: id('r_f', 2), ...body, hash: sha256(JSON.stringify(body)) });
    });
    expect(await verifyAuditChain(racing)).toEqual({ ok: false, count: 4, chain: 'r_f', brokenAt: 2, reason: 'entries after 1 were added without moving the chain head' });
  });
});
