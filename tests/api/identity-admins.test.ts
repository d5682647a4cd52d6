// The last administrator stays, under concurrency too: two administrators who demote, disable or
// delete each other at the same moment leave at least one enabled administrator. Both requests
// are fired together (Promise.all), several times over.
import { startTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The language the moves are asked in: none (Chinese, the product's first language) in even rounds, English in odd ones. */
let asked: Record<string, string> = {};
type Move = (cookie: string, targetId: string) => ReturnType<TestApp['injectAs']>;
const demote: Move = (cookie, id) => t.injectAs(cookie, 'PATCH', `/api/users/${id}`, { isAdmin: false }, asked);
const disable: Move = (cookie, id) => t.injectAs(cookie, 'PATCH', `/api/users/${id}`, { disabled: true }, asked);
const remove: Move = (cookie, id) => t.injectAs(cookie, 'DELETE', `/api/users/${id}`, undefined, asked);

const success = (move: Move) => (move === remove ? 204 : 200);
const activeAdmins = () => t.store.collection('users').find({ isAdmin: true, disabled: false });

/** The one enabled administrator's cookie after each round (admin to begin with). */
let survivor = { id: '', cookie: '' };

/**
 * Leaves exactly two enabled administrators, A and B (the previous survivor is demoted by A), and
 * returns them signed in.
 */
async function twoAdmins(round: string) {
  if (!survivor.cookie) survivor = { id: (await t.inject('GET', '/api/me')).json().user._id, cookie: t.adminCookie };
  const make = async (name: string) => {
    const password = `${name}-password`;
    const res = await t.injectAs(survivor.cookie, 'POST', '/api/users', { username: name, password, isAdmin: true });
    expect(res.statusCode).toBe(201);
    return { id: res.json().user._id as string, cookie: await t.loginAs(name, password) };
  };
  const a = await make(`a-${round}`);
  const b = await make(`b-${round}`);
  expect((await demote(a.cookie, survivor.id)).statusCode).toBe(200);
  expect((await activeAdmins()).map((u) => u._id).sort()).toEqual([a.id, b.id].sort());
  return { a, b };
}

test.each([
  ['demote each other', demote, demote],
  ['disable each other', disable, disable],
  ['delete each other', remove, remove],
  ['one demotes while the other deletes', demote, remove],
])('two administrators who %s at the same moment leave exactly one administrator (5 rounds)', async (name, moveOfA, moveOfB) => {
  for (let round = 0; round < 5; round++) {
    const { a, b } = await twoAdmins(`${name.split(' ')[0]}${round}`);
    // 1. Both at once.
    asked = round % 2 ? { 'accept-language': 'en-US' } : {};
    const [byA, byB] = await Promise.all([moveOfA(a.cookie, b.id), moveOfB(b.cookie, a.id)]);
    // 2. One wins; the other, no longer an administrator by the time its transaction reads, is refused.
    const aWon = byA.statusCode !== 403;
    const loser = aWon ? byB : byA;
    expect({ round, a: byA.statusCode, b: byB.statusCode, loser: [loser.json().error?.code, loser.json().error?.message] }).toEqual({
      round,
      a: aWon ? success(moveOfA) : 403,
      b: aWon ? 403 : success(moveOfB),
      loser: ['FORBIDDEN', round % 2 ? 'You are no longer an administrator' : '你已不再是管理员'],
    });
    // 3. Exactly one enabled administrator remains: the winner.
    const left = await activeAdmins();
    expect({ round, admins: left.length }).toEqual({ round, admins: 1 });
    survivor = left[0]._id === a.id ? a : b;
  }
});

test('an administrator cannot demote, disable or delete themself, so the last one always stays', async () => {
  const { a, b } = await twoAdmins('last');
  expect((await demote(a.cookie, b.id)).statusCode).toBe(200);
  survivor = a;
  // B is now a plain user: the last administrator (A) cannot be touched by the rules for admins,
  // and A cannot remove their own rights.
  for (const move of [demote, disable, remove]) {
    const res = await move(a.cookie, a.id);
    expect({ status: res.statusCode, code: res.json().error.code }).toEqual({ status: 409, code: 'CONFLICT' });
  }
  expect((await activeAdmins()).map((u) => u._id)).toEqual([a.id]);
  // Whatever leaves their rights alone is still theirs to change, last administrator or not: their
  // name, and isAdmin sent unchanged (as an edit form sends every field).
  const renamed = await t.injectAs(a.cookie, 'PATCH', `/api/users/${a.id}`, { displayName: '唯一的管理员', isAdmin: true, disabled: false });
  expect(renamed.statusCode).toBe(200);
  expect((await t.store.collection('users').findOne({ _id: a.id }))?.displayName).toBe('唯一的管理员');
  expect((await activeAdmins()).map((u) => u._id)).toEqual([a.id]);
});
