// `tessera audit verify` as a real process against a data dir whose audit chain was tampered
// with directly in the store (docs/administration.md: it checks the hash chain for tampering).
// Each case breaks the chain one way and expects the one reason the verifier gives for it, so a
// case fails if the check that catches its tampering is taken out.
// The CLI runs from source with tsx (what `npm run tessera` compiles into dist/server/cli.cjs), so
// this test does not rebuild the shared bundle.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createStore, type AuditEntry, type Store } from '@tessera/runtime';
import { startTestApp } from '../../tests/helpers/app';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'platform', 'src', 'cli.ts');

jest.setTimeout(60_000);

interface Verified {
  code: number | null;
  stdout: string;
  stderr: string;
}

function auditVerify(dataDir: string): Promise<Verified> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'audit', 'verify'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', TESSERA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((res) => child.on('close', (code) => res({ code, stdout, stderr })));
}

/** The verifier's result, printed as JSON before its verdict line. */
function result(v: Verified): unknown {
  const json = v.stdout.slice(0, v.stdout.lastIndexOf('}') + 1);
  return JSON.parse(json);
}

/** An entry's hash as appendAudit computes it for hash version 3: its stored JSON without _id and hash. */
function rehash(entry: AuditEntry): AuditEntry {
  const { _id, hash: _old, ...body } = entry;
  expect(body.hv).toBe(3);
  return { _id, ...body, hash: createHash('sha256').update(JSON.stringify(body)).digest('hex') } as AuditEntry;
}

let work: string;
let pristine: string;
/** The chain tampered with: the records of the form below. */
const CHAIN = 'r_nc';
const HEAD = `chain:${CHAIN}`;
/** How many entries CHAIN has, how many there are in all, in the chains before CHAIN (verified first), and how many chains. */
let n: number;
let total: number;
let before: number;
let chains: number;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tessera-audit-'));
  pristine = join(work, 'pristine');
  // 1. Audited writes through the real app: records created, changed and deleted.
  const t = await startTestApp({ dataDir: pristine });
  try {
    expect((await t.inject('POST', '/api/apps', { id: 'qa', name: '质量' })).statusCode).toBe(201);
    const form = { id: 'nc', title: '不合格', fields: [{ id: 'what', type: 'text', label: '描述' }, { id: 'qty', type: 'number', label: '数量' }] };
    expect((await t.inject('POST', '/api/apps/qa/forms', form)).statusCode).toBe(201);
    await t.publish('qa');
    const base = '/api/apps/qa/forms/nc/records';
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const res = await t.inject('POST', base, { what: `划伤 ${i}`, qty: i });
      expect(res.statusCode).toBe(201);
      ids.push(res.json()._id);
    }
    expect((await t.inject('PATCH', `${base}/${ids[0]}`, { _v: 1, qty: 10 })).statusCode).toBe(200);
    expect((await t.inject('DELETE', `${base}/${ids[1]}`)).statusCode).toBe(200);
  } finally {
    // 2. Closed: the CLI needs the data dir to itself.
    await t.close();
  }
  const store = await createStore({ dataDir: pristine });
  n = await store.collection('audit').count({ chain: CHAIN });
  total = await store.collection('audit').count({});
  before = await store.collection('audit').count({ _id: { $lt: `${CHAIN}:` } });
  const names = ((await store.collection('audit_head').findOne({ _id: 'chains' })) as unknown as { names: string[] }).names;
  chains = names.length;
  await store.close();
  // Every chain the writes above made (the admin's sign-in, the app, its form, its records), and
  // on the records' one: five created, one changed, one deleted.
  expect([...names].sort()).toEqual(['apps', 'auth', 'forms', CHAIN]);
  expect(n).toBe(7);
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A copy of the pristine data dir with `tamper` applied through the store. */
async function tampered(name: string, tamper: (audit: ReturnType<Store['collection']>, store: Store) => Promise<void>): Promise<string> {
  const dir = join(work, name);
  await cp(pristine, dir, { recursive: true });
  const store = await createStore({ dataDir: dir });
  try {
    await tamper(store.collection('audit'), store);
  } finally {
    await store.close();
  }
  return dir;
}

const idOf = (seq: number) => `${CHAIN}:${String(seq).padStart(12, '0')}`;

async function entry(audit: ReturnType<Store['collection']>, seq: number): Promise<AuditEntry> {
  const e = await audit.findOne({ _id: idOf(seq) });
  expect(e).not.toBeNull();
  return e as AuditEntry;
}

/** Stores `e` in place of the entry with its _id. */
async function put(audit: ReturnType<Store['collection']>, e: AuditEntry): Promise<void> {
  const { _id, ...rest } = e;
  expect((await audit.replaceOne({ _id }, rest)).matched).toBe(1);
}

test('an untouched chain verifies: exit 0', async () => {
  const v = await auditVerify(pristine);
  expect(v.stderr).not.toContain('FAILED');
  expect(v.code).toBe(0);
  expect(result(v)).toEqual({ ok: true, count: total, chains });
  expect(v.stdout).toContain('Audit chain verified: no tampering found.');
});

describe('a tampered chain fails with exit 1 and says where and how', () => {
  /** `count`: the entries of CHAIN verified before it broke (those of the chains before it come first); heads are checked before any entry. */
  const failed = async (dir: string, expected: { count: number; brokenAt: number; reason: string }, headsFirst = false) => {
    const v = await auditVerify(dir);
    expect(result(v)).toEqual({ ok: false, ...expected, count: headsFirst ? 0 : before + expected.count, chain: CHAIN });
    expect(v.stderr).toContain('Audit chain verification FAILED.');
    expect(v.code).toBe(1);
  };

  test('a changed entry whose hash was left as it was: its own hash does not match', async () => {
    const k = 3;
    const dir = await tampered('changed', async (audit) => {
      const e = await entry(audit, k);
      await put(audit, { ...e, actor: { id: e.actor.id, name: 'someone else' } });
    });
    await failed(dir, { count: k, brokenAt: k, reason: `entry ${k} was changed` });
  });

  test('a forged entry with its hash recomputed: valid by itself, the next entry no longer follows it', async () => {
    const k = 3;
    const dir = await tampered('forged', async (audit) => {
      const e = await entry(audit, k);
      await put(audit, rehash({ ...e, actor: { id: e.actor.id, name: 'someone else' } }));
    });
    await failed(dir, { count: k + 1, brokenAt: k + 1, reason: `entry ${k + 1} does not follow the previous entry` });
  });

  test('the last entry forged with its hash recomputed: it no longer matches the chain head', async () => {
    const dir = await tampered('forged-last', async (audit) => {
      const e = await entry(audit, n);
      await put(audit, rehash({ ...e, action: 'record.restore' }));
    });
    await failed(dir, { count: n, brokenAt: n, reason: `entry ${n} does not match the chain head` });
  });

  test('a deleted middle entry: its number is missing', async () => {
    const k = 4;
    const dir = await tampered('deleted', async (audit) => {
      expect((await audit.deleteOne({ _id: idOf(k) })).deleted).toBe(1);
    });
    await failed(dir, { count: k, brokenAt: k, reason: `entry ${k} is missing (found ${k + 1})` });
  });

  test('a cut tail (the last two entries removed): the chain head says there were more', async () => {
    const dir = await tampered('cut', async (audit) => {
      expect((await audit.deleteMany({ _id: { $in: [idOf(n), idOf(n - 1)] } })).deleted).toBe(2);
    });
    await failed(dir, { count: n - 2, brokenAt: n - 1, reason: 'entries after the last one were removed' });
  });

  test('a cut tail with the chain head deleted too: a chain without a head is refused', async () => {
    const dir = await tampered('cut-headless', async (audit, store) => {
      expect((await audit.deleteMany({ _id: { $in: [idOf(n), idOf(n - 1)] } })).deleted).toBe(2);
      expect((await store.collection('audit_head').deleteOne({ _id: HEAD })).deleted).toBe(1);
    });
    await failed(dir, { count: 0, brokenAt: 1, reason: `the head of chain ${CHAIN} is missing: the chain was removed` }, true);
  });

  test('an entry appended after the head, linked correctly: the head was not moved to it', async () => {
    const dir = await tampered('appended', async (audit) => {
      const last = await entry(audit, n);
      const extra = rehash({ ...last, _id: idOf(n + 1), seq: n + 1, prevHash: last.hash, action: 'record.delete' });
      const { _id, ...rest } = extra;
      await audit.insertOne({ _id, ...rest });
    });
    await failed(dir, { count: n, brokenAt: n + 1, reason: `entries after ${n} were added without moving the chain head` });
  });

  // Whoever can change the store but not read the audit key (outside it) cannot seal a head.
  const unsealed = 'the chain head does not carry the audit key’s seal: the log was cut or re-chained';

  test('a cut tail with the head moved back to match: only the seal catches it', async () => {
    const dir = await tampered('cut-resealed', async (audit, store) => {
      const last = await entry(audit, n - 2);
      expect((await audit.deleteMany({ _id: { $in: [idOf(n), idOf(n - 1)] } })).deleted).toBe(2);
      const heads = store.collection('audit_head');
      const head = (await heads.findOne({ _id: HEAD })) as unknown as { seal: string };
      expect(head.seal).toMatch(/^[0-9a-f]{64}$/);
      expect((await heads.replaceOne({ _id: HEAD }, { chain: CHAIN, seq: n - 2, hash: last.hash, seal: head.seal })).matched).toBe(1);
    });
    await failed(dir, { count: 0, brokenAt: n - 2, reason: unsealed }, true);
  });

  test('a re-chained log (an entry changed, every later hash recomputed, the head moved): only the seal catches it', async () => {
    const k = 3;
    const dir = await tampered('rechained', async (audit, store) => {
      let prev = (await entry(audit, k - 1)).hash;
      for (let seq = k; seq <= n; seq++) {
        const e = await entry(audit, seq);
        const forged = rehash({ ...e, prevHash: prev, ...(seq === k ? { actor: { id: e.actor.id, name: 'someone else' } } : {}) });
        await put(audit, forged);
        prev = forged.hash;
      }
      const heads = store.collection('audit_head');
      const head = (await heads.findOne({ _id: HEAD })) as unknown as { seal: string };
      expect((await heads.replaceOne({ _id: HEAD }, { chain: CHAIN, seq: n, hash: prev, seal: head.seal })).matched).toBe(1);
    });
    await failed(dir, { count: 0, brokenAt: n, reason: unsealed }, true);
  });

  test("a form's whole chain removed, entries and head: the list of chains still names it, and is sealed", async () => {
    const dir = await tampered('chain-removed', async (audit, store) => {
      expect((await audit.deleteMany({ chain: CHAIN })).deleted).toBe(n);
      expect((await store.collection('audit_head').deleteOne({ _id: HEAD })).deleted).toBe(1);
    });
    await failed(dir, { count: 0, brokenAt: 1, reason: `the head of chain ${CHAIN} is missing: the chain was removed` }, true);
    const dir2 = await tampered('chain-removed-listed', async (audit, store) => {
      await audit.deleteMany({ chain: CHAIN });
      const heads = store.collection('audit_head');
      await heads.deleteOne({ _id: HEAD });
      const list = (await heads.findOne({ _id: 'chains' })) as unknown as { names: string[]; seal: string };
      await heads.updateOne({ _id: 'chains' }, { $set: { names: list.names.filter((x) => x !== CHAIN) } });
    });
    const v = await auditVerify(dir2);
    expect(result(v)).toEqual({ ok: false, count: 0, chain: '', brokenAt: 0, reason: 'the list of chains does not carry the audit key’s seal: a chain was added or removed by hand' });
    expect(v.code).toBe(1);
  });

  test('a head whose seal was removed is refused', async () => {
    const dir = await tampered('seal-removed', async (_audit, store) => {
      const heads = store.collection('audit_head');
      const head = (await heads.findOne({ _id: HEAD })) as unknown as { seq: number; hash: string };
      expect((await heads.replaceOne({ _id: HEAD }, { chain: CHAIN, seq: head.seq, hash: head.hash })).matched).toBe(1);
    });
    await failed(dir, { count: 0, brokenAt: n, reason: 'the chain head is not sealed' }, true);
  });
});

test('the audit key lives outside the store, readable by its owner only; without it the CLI says the seal went unchecked', async () => {
  const { stat, rename } = await import('node:fs/promises');
  const file = join(pristine, 'audit.key');
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  const dir = join(work, 'keyless');
  await cp(pristine, dir, { recursive: true });
  await rename(join(dir, 'audit.key'), join(work, 'moved.key'));
  const v = await auditVerify(dir);
  expect(result(v)).toEqual({ ok: true, count: total, chains });
  expect(v.stderr).toContain('No audit key');
});
