// Access control's figures: a list of 50 over 100,000 records for a member whose row scope is "my
// department and below" (in a tree of 200 departments) together with a custom condition, beside
// the same list for an administrator (no row filter), measured in the same run; and the cost of
// the permission check per record on the write path (FormAccess.reaches + lockedOn).
import autocannon from 'autocannon';
import { bundles, percentile, runBench, startBenchApp } from './lib';

const RECORDS = 100_000;

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

async function main() {
  const app = await startBenchApp();
  try {
    const { base, cookie } = app;
    // 200 departments: 20 under the root, 9 under each of those.
    const dept = async (name: string, parentId?: string) => ((await app.post('/api/departments', { name, ...(parentId ? { parentId } : {}) })) as { department: { _id: string } }).department._id;
    const top: string[] = [];
    const all: string[] = [];
    for (let i = 0; i < 20; i++) {
      const d = await dept(`部门${i}`);
      top.push(d);
      all.push(d);
      for (let j = 0; j < 9; j++) all.push(await dept(`部门${i}-${j}`, d));
    }
    const member = (await app.post('/api/users', { username: 'bench-member', password: 'bench-member-pass-42', displayName: '成员', departmentIds: [top[0]] })) as { user: { _id: string } };
    const other = (await app.post('/api/users', { username: 'bench-other', password: 'bench-member-pass-42', displayName: '成员二', departmentIds: [top[0]] })) as { user: { _id: string } };
    await app.post('/api/apps', { id: 'acl', name: 'ACL' });
    await app.post('/api/apps/acl/forms', { id: 'parts', title: 'Parts', fields: [
      { id: 'code', type: 'text', label: '编码', searchable: true },
      { id: 'status', type: 'select', label: '状态', options: [{ value: 'open', label: '未结' }, { value: 'closed', label: '已结' }] },
      { id: 'price', type: 'number', label: '单价' },
    ] });
    await app.publish('acl');
    const both = [member.user._id, other.user._id];
    await app.post('/api/apps/acl/permission-sets', { name: 'dept tree', members: { users: both, departments: [], roles: [] }, forms: { parts: { actions: ['view'], scope: { kind: 'department', withChildren: true }, fields: { price: 'hidden' } } } });
    // The member's condition compares with a value (as "supplier = my supplier" does); the other's
    // asks whether a text contains something, which no index serves.
    await app.post('/api/apps/acl/permission-sets', { name: 'one code', members: { users: [member.user._id], departments: [], roles: [] }, forms: { parts: { actions: ['view'], scope: { kind: 'condition', filter: { code: { $in: ['P-7', 'P-77', 'P-777'] } } } } } });
    await app.post('/api/apps/acl/permission-sets', { name: 'codes with -7', members: { users: [other.user._id], departments: [], roles: [] }, forms: { parts: { actions: ['view'], scope: { kind: 'condition', filter: { status: 'closed', code: { $regex: '-7' } } } } } });
    // 100,000 records spread over the 200 departments, straight into the store (loading is not measured).
    const coll = app.store.collection('r_parts');
    const at = new Date('2026-01-01T00:00:00Z').getTime();
    for (let i = 0; i < RECORDS; i += 5000) {
      const batch = Array.from({ length: 5000 }, (_, k) => {
        const n = i + k;
        const iso = new Date(at + n * 1000).toISOString();
        return { _v: 1, _createdAt: iso, _createdBy: 'someone', _updatedAt: iso, _updatedBy: 'someone', _deleted: false, _deletedAt: null, _formVersion: 1, _depts: [all[n % all.length]], code: `P-${n}`, status: n % 3 ? 'open' : 'closed', price: n % 100 };
      });
      await coll.insertMany(batch);
    }
    const signIn = async (username: string) => {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-member-pass-42' }) });
      return (login.headers.get('set-cookie') ?? '').split(';')[0];
    };
    const memberCookie = await signIn('bench-member');
    const otherCookie = await signIn('bench-other');
    const url = `${base}/api/apps/acl/forms/parts/records?limit=50`;
    const adminCheck = await (await fetch(url, { headers: { cookie } })).json() as { total: number };
    for (const [who, c] of [['member', memberCookie], ['other', otherCookie]] as const) {
      const check = await (await fetch(url, { headers: { cookie: c } })).json() as { total: number; items: unknown[] };
      console.log(`  ${who} sees ${check.total.toLocaleString('en')} of ${adminCheck.total.toLocaleString('en')} records (page of ${check.items.length})`);
    }
    const rounds: Array<{ admin: number; member: number; other: number }> = [];
    for (let r = 0; r < 4; r++) {
      const a = await run({ url, connections: 1, duration: 2, headers: { cookie } });
      const m = await run({ url, connections: 1, duration: 2, headers: { cookie: memberCookie } });
      const o = await run({ url, connections: 1, duration: 2, headers: { cookie: otherCookie } });
      rounds.push({ admin: a.latency.p50, member: m.latency.p50, other: o.latency.p50 });
    }
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const admin = med(rounds.map((x) => x.admin));
    const scoped = med(rounds.map((x) => x.member));
    const contains = med(rounds.map((x) => x.other));
    const ratio = (x: number) => (x / Math.max(admin, 0.1)).toFixed(2);
    console.log(`bench access.list: page of 50 + total over ${RECORDS.toLocaleString('en')}: admin p50 ${admin} ms; member (department and below of 200, or a condition comparing values) p50 ${scoped} ms = ${ratio(scoped)}× (goal ≤ 1.5×)`);
    console.log(`bench access.listContains: the same with a condition "code contains -7" (no index serves it; 33,000 candidates tested one by one) p50 ${contains} ms = ${ratio(contains)}×`);

    // The check on the write path: reaches(create) and lockedOn(create) for one record, with the member's two grants.
    const { FormAccess } = bundles.runtime;
    const schema = { id: 'parts', title: 'Parts', fields: [{ id: 'code', type: 'text', label: 'c' }, { id: 'status', type: 'text', label: 's' }, { id: 'price', type: 'number', label: 'p' }] } as never;
    const subject = { userId: 'u1', departmentIds: [top[0]], departmentTree: all.slice(0, 10), attributes: {} };
    const access = FormAccess.of('parts', schema, [
      { actions: ['create', 'view'], scope: { kind: 'department', withChildren: true }, fields: { price: 'readonly' } },
      { actions: ['create'], scope: { kind: 'condition', filter: { status: 'closed' } } },
    ], subject, (f) => f as never);
    const doc = { _id: 'x', _createdBy: 'u1', _depts: [top[0]], code: 'P-1', status: 'open', price: 3 };
    const times: number[] = [];
    for (let r = 0; r < 20; r++) {
      const n = 20_000;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        access.lockedOn('create', doc);
        access.reaches('create', doc);
      }
      times.push(((performance.now() - t0) * 1000) / n);
    }
    console.log(`bench access.check: permission check per record on the write path: p50 ${percentile(times, 0.5).toFixed(2)} µs (goal ≤ 20 µs)`);
  } finally {
    await app.close();
  }
}

runBench(main);
