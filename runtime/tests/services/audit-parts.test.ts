// The audit trail's parts, exactly: canonical JSON (what the oldest entries were hashed over), the
// field differences an entry keeps, the seals of heads and of the list of chains as the start-up
// seals them, and verify over more than one page of entries; the formats older stores hold, the
// list of chains, and heads read by another node or read stale. (audit.test.ts covers the chains.)
import { createHash, createHmac } from 'node:crypto';
import { appendAudit, canonicalJson, diffRecords, sealAuditHead, setAuditKey, verifyAuditChain, type Store } from '../../src';
import { intercept, once, storePerTest, writeEntry } from './audit-stores';

let store: Store;
const actor = { id: 'u1', name: '王工' };
storePerTest('tessera-audit-parts-', (s) => {
  store = s;
});

const write = (chain: string, recordId: string) => writeEntry(store, actor, chain, recordId);

test('canonical JSON: keys sorted at every depth, arrays in order, undefined left out, null for nothing', () => {
  expect(canonicalJson({ b: 1, a: [3, { d: 'x', c: null }, [true]], u: undefined, e: 'é"' })).toBe('{"a":[3,{"c":null,"d":"x"},[true]],"b":1,"e":"é\\""}');
  expect(canonicalJson([])).toBe('[]');
  expect(canonicalJson({})).toBe('{}');
  expect(canonicalJson({ only: undefined })).toBe('{}');
  expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  expect(canonicalJson(undefined)).toBe('null');
  expect(canonicalJson('t')).toBe('"t"');
  expect(canonicalJson(2.5)).toBe('2.5');
});

test('field differences: changed, added and removed fields; bookkeeping fields skipped but deletion kept; equal objects are no change', () => {
  const before = { qty: 1, note: 'a', lines: [{ x: 1 }], gone: 'y', _v: 1, _updatedAt: 't1', _deleted: false, same: { a: 1, b: 2 } };
  const after = { qty: 2, note: 'a', lines: [{ x: 2 }], added: 'z', _v: 2, _updatedAt: 't2', _deleted: true, same: { b: 2, a: 1 } };
  expect(diffRecords(before, after)).toEqual([
    { field: 'qty', before: 1, after: 2 },
    { field: 'lines', before: [{ x: 1 }], after: [{ x: 2 }] },
    { field: 'gone', before: 'y', after: null },
    { field: '_deleted', before: false, after: true },
    { field: 'added', before: null, after: 'z' },
  ]);
  // An object against a plain value, and null against a missing field.
  expect(diffRecords({ a: { x: 1 }, b: null }, { a: 'x' })).toEqual([{ field: 'a', before: { x: 1 }, after: 'x' }]);
  expect(diffRecords({ a: 1 }, null)).toEqual([{ field: 'a', before: 1, after: null }]);
  expect(diffRecords(null, { a: 1 })).toEqual([]);
  // Numbers JSON cannot tell apart (±Infinity and NaN are all null in it) are still changes.
  expect(diffRecords({ x: Infinity, z: null }, { x: -Infinity, z: NaN })).toEqual([
    { field: 'x', before: Infinity, after: -Infinity },
    { field: 'z', before: null, after: NaN },
  ]);
});

test('the start-up seals what was written without a key: every head and the list of chains; verify then checks every seal', async () => {
  await write('r_a', '1');
  await write('r_b', '1');
  const heads = store.collection('audit_head');
  expect((await heads.find({})).every((h) => h.seal === undefined)).toBe(true);
  const key = 'k'.repeat(32);
  // With the key but before sealing: unsealed heads are refused.
  expect(await verifyAuditChain(store, { key })).toMatchObject({ ok: false, reason: 'the list of chains does not carry the audit key’s seal: a chain was added or removed by hand' });
  setAuditKey(store, key);
  await sealAuditHead(store);
  const sealed = await heads.find({}, { sort: { _id: 1 } });
  expect(sealed.map((h) => [h._id, typeof h.seal === 'string' && /^[0-9a-f]{64}$/.test(h.seal as string)])).toEqual([['chain:r_a', true], ['chain:r_b', true], ['chains', true]]);
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 2 });
  // Sealing again changes nothing; a new entry keeps its chain sealed.
  await sealAuditHead(store);
  expect(await heads.find({}, { sort: { _id: 1 } })).toEqual(sealed);
  await write('r_a', '2');
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3, chains: 2 });
  // Another key's seal is not this key's.
  expect(await verifyAuditChain(store, { key: 'other'.repeat(8) })).toMatchObject({ ok: false });
  // A chain head whose seal was taken off.
  await heads.updateOne({ _id: 'chain:r_b' }, { $unset: { seal: '' } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 0, chain: 'r_b', brokenAt: 1, reason: 'the chain head is not sealed' });
  // A head whose chain field does not match its id.
  await sealAuditHead(store);
  await heads.updateOne({ _id: 'chain:r_b' }, { $set: { chain: 'r_a' } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 0, chain: 'r_b', brokenAt: 1, reason: 'the head of chain r_b was changed' });
});

test('the legacy head is sealed too, and checked with the key', async () => {
  const body = { seq: 1, at: '2026-11-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'a', before: null, after: { a: 1 }, diff: [], prevHash: '0'.repeat(64) };
  const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  await store.collection('audit').insertOne({ _id: '000000000001', ...body, hash });
  await store.collection('audit_head').insertOne({ _id: 'head', seq: 1, hash });
  const key = 'k'.repeat(32);
  expect(await verifyAuditChain(store, { key })).toEqual({ ok: false, count: 1, chain: '', brokenAt: 1, reason: 'the chain head is not sealed' });
  setAuditKey(store, key);
  await sealAuditHead(store);
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 1, chains: 1 });
  await store.collection('audit_head').updateOne({ _id: 'head' }, { $set: { seal: 'f'.repeat(64) } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 1, chain: '', brokenAt: 1, reason: 'the chain head does not carry the audit key’s seal: the log was cut or re-chained' });
  // Entries of the legacy chain all gone, its head left: removed.
  await store.collection('audit').deleteMany({});
  await sealAuditHead(store);
  expect(await verifyAuditChain(store, { key: undefined })).toMatchObject({ ok: false, chain: '', reason: 'entries after the last one were removed' });
});

test('verify reads past one page of entries (1,000): a chain of 1,005 verifies, and a gap after the first page is found', async () => {
  await store.withTransaction(async (session) => {
    for (let i = 0; i < 1005; i++) await appendAudit(store, session, { actor, action: 'record.create', collection: 'r_big', recordId: String(i), before: null, after: { i } });
  });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 1005, chains: 1 });
  await store.collection('audit').deleteOne({ _id: `r_big:${String(1003).padStart(12, '0')}` });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 1003, chain: 'r_big', brokenAt: 1003, reason: 'entry 1003 is missing (found 1004)' });
});

test('a chain head whose entries are all gone is found; so is a chain with entries and no head', async () => {
  await write('r_a', '1');
  await write('r_b', '1');
  await store.collection('audit').deleteMany({ chain: 'r_b' });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 1, chain: 'r_b', brokenAt: 1, reason: 'entries after the last one were removed' });
  await store.collection('audit_head').deleteOne({ _id: 'chain:r_b' });
  await store.collection('audit_head').updateOne({ _id: 'chains' }, { $set: { names: ['r_a'] } });
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 1, chains: 1 });
  await write('r_c', '1');
  await store.collection('audit_head').deleteOne({ _id: 'chain:r_c' });
  await store.collection('audit_head').updateOne({ _id: 'chains' }, { $set: { names: ['r_a'] } });
  expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 2, chain: 'r_c', brokenAt: 1, reason: 'chain r_c has entries but no head' });
});

describe('formats: what stores written by this and earlier releases hold, computed here from the documented texts', () => {
  const key = 'k'.repeat(32);
  const hmac = (text: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(text).digest('hex');
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const GENESIS = '0'.repeat(64);

  test('an entry (hash version 3) is hashed over its JSON in the fixed key order; a head is sealed over `tessera-audit-chain`, the list over `tessera-audit-chains`, names sorted', async () => {
    setAuditKey(store, key);
    const at = '2026-11-02T08:00:00.000Z';
    const e = await store.withTransaction((session) => appendAudit(store, session, { actor, action: 'record.update', collection: 'r_b', recordId: 'x', before: { q: 1 }, after: { q: 2 }, at }));
    const body = { hv: 3, chain: 'r_b', seq: 1, at, actor, action: 'record.update', collection: 'r_b', recordId: 'x', before: { q: 1 }, after: { q: 2 }, diff: [{ field: 'q', before: 1, after: 2 }], prevHash: GENESIS };
    expect(e).toEqual({ _id: `r_b:${'0'.repeat(11)}1`, ...body, hash: sha256(JSON.stringify(body)) });
    await write('r_a', '1');
    const heads = store.collection('audit_head');
    expect(await heads.findOne({ _id: 'chain:r_b' })).toEqual({ _id: 'chain:r_b', chain: 'r_b', seq: 1, hash: e.hash, seal: hmac(`tessera-audit-chain\nr_b\n1\n${e.hash}`) });
    expect(await heads.findOne({ _id: 'chains' })).toEqual({ _id: 'chains', names: ['r_a', 'r_b'], seal: hmac('tessera-audit-chains\nr_a\nr_b') });
  });

  test('the legacy chain as the sealing release left it (a version-1 entry, a version-2 entry hashed as stored with unsorted keys, a head sealed over `tessera-audit-head`) verifies', async () => {
    const b1 = { seq: 1, at: '2026-10-01T00:00:00.000Z', actor, action: 'record.create', collection: 'r_f', recordId: 'a', before: null, after: { b: 2, a: 1 }, diff: [], prevHash: GENESIS };
    const h1 = sha256(canonicalJson(b1));
    const b2 = { hv: 2, seq: 2, at: '2026-10-02T00:00:00.000Z', actor, action: 'record.update', collection: 'r_f', recordId: 'a', before: { b: 2, a: 1 }, after: { b: 3, a: 1 }, diff: [{ field: 'b', before: 2, after: 3 }], prevHash: h1 };
    const h2 = sha256(JSON.stringify(b2));
    await store.collection('audit').insertMany([{ _id: '000000000001', ...b1, hash: h1 }, { _id: '000000000002', ...b2, hash: h2 }]);
    await store.collection('audit_head').insertOne({ _id: 'head', seq: 2, hash: h2, seal: hmac(`tessera-audit-head\n2\n${h2}`) });
    expect(await verifyAuditChain(store, { key })).toEqual({ ok: true, count: 2, chains: 1 });
  });
});

describe('the list of chains', () => {
  const chains = () => store.collection('audit_head').findOne({ _id: 'chains' });

  test('chains begun in one transaction are all in it, and a chain begun again is not named twice', async () => {
    await store.withTransaction(async (session) => {
      for (const chain of ['r_b', 'r_a']) await appendAudit(store, session, { actor, action: 'record.create', collection: chain, recordId: '1', before: null, after: null });
    });
    expect(await chains()).toEqual({ _id: 'chains', names: ['r_a', 'r_b'] });
    // r_a removed whole by hand but left in the list, then written again: it starts afresh.
    await store.collection('audit').deleteMany({ chain: 'r_a' });
    await store.collection('audit_head').deleteOne({ _id: 'chain:r_a' });
    expect((await write('r_a', '2')).seq).toBe(1);
    expect(await chains()).toEqual({ _id: 'chains', names: ['r_a', 'r_b'] });
  });

  test('a list edited by hand stays caught: later writes to a chain it left out do not put it back', async () => {
    setAuditKey(store, 'k'.repeat(32));
    await write('r_a', '1');
    await write('r_b', '1');
    await store.collection('audit_head').updateOne({ _id: 'chains' }, { $set: { names: ['r_a'] } });
    await write('r_b', '2');
    expect(await chains()).toMatchObject({ names: ['r_a'] });
    expect(await verifyAuditChain(store)).toEqual({ ok: false, count: 0, chain: '', brokenAt: 0, reason: 'the list of chains does not carry the audit key’s seal: a chain was added or removed by hand' });
  });
});

describe('heads read by another node, or read stale', () => {
  test('a head read afresh within a transaction sees the transaction’s own entries', async () => {
    // On MongoDB, another transaction's failed append can drop the remembered head mid-transaction;
    // here a second handle on the store, which remembers nothing, stands in for that.
    await write('r_a', '1');
    const other = new Proxy(store, {});
    await store.withTransaction(async (session) => {
      await appendAudit(store, session, { actor, action: 'record.create', collection: 'r_a', recordId: '2', before: null, after: null });
      await appendAudit(other, session, { actor, action: 'record.create', collection: 'r_a', recordId: '3', before: null, after: null });
    });
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 3, chains: 1 });
  });

  test('a head that is stale when written though it was just read is an error, not a retry loop', async () => {
    await write('r_f', '1');
    const stale = await store.collection('audit_head').findOne({ _id: 'chain:r_f' });
    await write('r_f', '2');
    let reads = 0;
    const lagging = intercept(store, 'audit_head', 'findOne', async (args, next) => {
      if ((args[0] as { _id?: string })._id !== 'chain:r_f') return next(...args);
      if (++reads > 2) throw new Error('the head was read again and again');
      return stale;
    });
    await expect(lagging.withTransaction((session) => appendAudit(lagging, session, { actor, action: 'record.create', collection: 'r_f', recordId: '3', before: null, after: null }))).rejects.toThrow(
      new Error('Audit chain head moved concurrently'),
    );
    expect(reads).toBe(1);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 1 });
  });

  test('the start-up seals a head only as it read it: one another node moved meanwhile is left for the next start-up', async () => {
    await write('r_a', '1');
    const key = 'k'.repeat(32);
    // A node not yet given the key appends between the start-up's read of the heads and its seal.
    const other = new Proxy(store, {});
    let moved: { hash: string } | undefined;
    const starting = once(store, 'audit_head', 'updateOne', async () => {
      moved = await other.withTransaction((session) => appendAudit(other, session, { actor, action: 'record.create', collection: 'r_a', recordId: '2', before: null, after: null }));
    });
    setAuditKey(starting, key);
    await sealAuditHead(starting);
    expect(await store.collection('audit_head').findOne({ _id: 'chain:r_a' })).toEqual({ _id: 'chain:r_a', chain: 'r_a', seq: 2, hash: moved!.hash });
    setAuditKey(store, key);
    await sealAuditHead(store);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 1 });
  });
});

test('the start-up seals the list of chains only as it read it: a chain another node began meanwhile leaves it for the next start-up', async () => {
  await write('r_a', '1');
  const key = 'k'.repeat(32);
  const other = new Proxy(store, {});
  let begun = false;
  // A node not yet given the key begins a chain between the start-up's read of the list and its seal.
  const starting = intercept(store, 'audit_head', 'updateOne', async (args, next) => {
    if ((args[0] as { _id?: string })._id === 'chains' && !begun) {
      begun = true;
      await other.withTransaction((session) => appendAudit(other, session, { actor, action: 'record.create', collection: 'r_b', recordId: '1', before: null, after: null }));
    }
    return next(...args);
  });
  setAuditKey(starting, key);
  await sealAuditHead(starting);
  expect(begun).toBe(true);
  expect(await store.collection('audit_head').findOne({ _id: 'chains' })).toEqual({ _id: 'chains', names: ['r_a', 'r_b'] });
  setAuditKey(store, key);
  await sealAuditHead(store);
  expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2, chains: 2 });
});
