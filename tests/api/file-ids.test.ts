// File ids through real HTTP (issue #9): a new file's id is random, so knowing one file does not
// tell the ids of the files uploaded around it; files stored under the old, time-ordered ids stay
// readable; the id format (24 hex characters) is unchanged.
import { newFileId, newId } from '@tessera/runtime';
import { startTestApp, type TestApp } from '../helpers/app';
import { upload } from './packages-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const FORMAT = /^[0-9a-f]{24}$/;
/**
 * Characters 9 to 18 of a document id are fixed per server process (ids.ts): every old file id
 * from one server shared them, and the last six counted up by one from file to file.
 */
const processPart = (id: string) => id.slice(8, 18);

test('uploaded files get random ids of the usual format: no two share what a time-ordered id would', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push(String((await upload(t, `f${i}.txt`, `file ${i}`)).id));
  expect(ids.filter((id) => !FORMAT.test(id))).toEqual([]);
  expect(new Set(ids.map(processPart)).size).toBe(20);
  expect(new Set(ids.map((id) => id.slice(0, 8))).size).toBe(20);
  // Each file is there under its id.
  const first = await t.inject('GET', `/api/files/${ids[0]}`);
  expect(first.statusCode).toBe(200);
  expect(first.body).toBe('file 0');
});

test('the id after a known one cannot be worked out', async () => {
  const a = String((await upload(t, 'a.txt', 'a')).id);
  const b = String((await upload(t, 'b.txt', 'b')).id);
  const guess = (BigInt(`0x${a}`) + 1n).toString(16).padStart(24, '0');
  expect(guess === b).toBe(false);
  expect((await t.inject('GET', `/api/files/${guess}`)).statusCode).toBe(404);
});

test('newFileId: 96 random bits as 24 hex characters, unlike newId', () => {
  const made = Array.from({ length: 1000 }, () => newFileId());
  expect(made.filter((id) => !FORMAT.test(id))).toEqual([]);
  expect(new Set(made).size).toBe(1000);
  expect(new Set(made.map(processPart)).size).toBe(1000);
  expect(new Set([newId(), newId()].map(processPart)).size).toBe(1);
});

test('a file stored under an old, time-ordered id is still served', async () => {
  const old = newId();
  await t.store.files.put({ id: old, filename: '旧文件.txt', contentType: 'text/plain', data: Buffer.from('stored before') });
  const res = await t.inject('GET', `/api/files/${old}`);
  expect(res.statusCode).toBe(200);
  expect(res.body).toBe('stored before');
  expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('旧文件.txt')}`);
});

test('a download still needs a signed-in user', async () => {
  const { id } = await upload(t, 'private.txt', 'private');
  const res = await t.injectAs(null, 'GET', `/api/files/${String(id)}`);
  expect(res.statusCode).toBe(401);
  expect(res.json().error.code).toBe('UNAUTHENTICATED');
});
