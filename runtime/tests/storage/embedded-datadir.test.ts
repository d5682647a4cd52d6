// What only the embedded store promises about its data directory: one process owns it (the LOCK
// file, storage/embedded/lock.ts), old on-disk formats are upgraded when it is opened
// (upgrade.ts), and files are bytes in its `files` folder beside their metadata rows (files.ts).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs, { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Key } from 'lmdb';
import { createEmbeddedStore } from '../../src/storage';
import { tempDirs } from './temp-dirs';

const tempDir = tempDirs('tessera-datadir-');
afterEach(() => jest.restoreAllMocks());

const lockOf = (dir: string) => join(dir, 'LOCK');

/** The pid of a process that has exited (and been reaped). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;

describe('the lock on the data dir', () => {
  test('a lock left by a process that is gone, by this process, or before a pid was written is taken over; it then holds this pid, and close removes it', async () => {
    const dead = deadPid()!;
    // Only a whole positive pid of another process is asked about (kill 0 and -1 reach process groups).
    const kill = jest.spyOn(process, 'kill');
    for (const left of [`${dead}\n`, String(process.pid), '', 'not a pid', '0', '-1', '12.5']) {
      const dir = tempDir();
      writeFileSync(lockOf(dir), left);
      const store = await createEmbeddedStore({ dataDir: dir });
      expect({ left, lock: readFileSync(lockOf(dir), 'utf8') }).toEqual({ left, lock: String(process.pid) });
      await store.close();
      expect({ left, locked: existsSync(lockOf(dir)) }).toEqual({ left, locked: false });
    }
    expect(kill.mock.calls).toEqual([[dead, 0]]);
  });

  test('two openers taking over one stale lock: the one that finds it already removed takes the lock all the same', async () => {
    const dir = tempDir();
    const dead = deadPid()!;
    writeFileSync(lockOf(dir), String(dead));
    // The other opener removes the stale lock while this one asks whether its owner lives.
    jest.spyOn(process, 'kill').mockImplementation(() => {
      rmSync(lockOf(dir));
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    });
    const store = await createEmbeddedStore({ dataDir: dir });
    expect(readFileSync(lockOf(dir), 'utf8')).toBe(String(process.pid));
    await store.close();
  });

  test('a lock held by a live process is DATA_DIR_LOCKED, naming the dir and the pid, and is left as it is; once that process is gone it is taken over', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = once(other, 'exit');
    try {
      writeFileSync(lockOf(dir), `${other.pid}\n`);
      await expect(createEmbeddedStore({ dataDir: dir })).rejects.toMatchObject({
        code: 'DATA_DIR_LOCKED',
        message: `The data directory ${dir} is in use by another Tessera process (pid ${other.pid}). Stop that process, or point TESSERA_DATA_DIR at another directory.`,
        details: { dataDir: dir, pid: other.pid },
      });
      expect(readFileSync(lockOf(dir), 'utf8')).toBe(`${other.pid}\n`);
    } finally {
      other.kill('SIGKILL');
      await exited;
    }
    const store = await createEmbeddedStore({ dataDir: dir });
    expect(readFileSync(lockOf(dir), 'utf8')).toBe(String(process.pid));
    await store.close();
  });

  test('a lock whose owner this user may not signal (EPERM: another user\'s process) counts as held', async () => {
    const dir = tempDir();
    writeFileSync(lockOf(dir), '4194301');
    // As root every signal is allowed, so another user's process is played by process.kill.
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    await expect(createEmbeddedStore({ dataDir: dir })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED', details: { dataDir: dir, pid: 4194301 } });
    expect(kill).toHaveBeenCalledWith(4194301, 0);
    expect(readFileSync(lockOf(dir), 'utf8')).toBe('4194301');
  });

  test('a lock that is back each time it is taken over (another opener racing) ends in DATA_DIR_LOCKED after three tries, not a loop', async () => {
    const dir = tempDir();
    const dead = String(deadPid());
    writeFileSync(lockOf(dir), dead);
    const realRm = fs.rmSync;
    const rm = jest.spyOn(fs, 'rmSync').mockImplementation((path, options) => {
      realRm(path, options);
      if (path === lockOf(dir)) writeFileSync(path, dead);
    });
    await expect(createEmbeddedStore({ dataDir: dir })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED', message: `Could not lock the data directory ${dir}`, details: { dataDir: dir } });
    expect(rm.mock.calls.filter(([path]) => path === lockOf(dir))).toHaveLength(3);
  });

  test('an error other than "exists" while creating the lock (a read-only disk) is thrown as it is, and nothing is opened', async () => {
    const dir = tempDir();
    const realOpen = fs.openSync;
    jest.spyOn(fs, 'openSync').mockImplementation((path, ...rest) => {
      if (path === lockOf(dir)) throw Object.assign(new Error(`EROFS: read-only file system, open '${path}'`), { code: 'EROFS' });
      return realOpen(path, ...rest);
    });
    await expect(createEmbeddedStore({ dataDir: dir })).rejects.toMatchObject({ code: 'EROFS' });
    expect(readdirSync(dir)).toEqual([]);
  });

  test('closing a store whose lock file was removed by hand still closes, and the dir opens again', async () => {
    const dir = tempDir();
    const store = await createEmbeddedStore({ dataDir: dir });
    rmSync(lockOf(dir));
    await store.close();
    const again = await createEmbeddedStore({ dataDir: dir });
    await again.close();
  });
});

test('an upgrade of index keys written before clipping clips a long text in any part of a compound key and keeps keys of blanks and numbers as they were', async () => {
  const dir = tempDir();
  let store = await createEmbeddedStore({ dataDir: dir });
  await store.collection('r_up2').ensureIndexes([{ keys: { n: 1, t: 1 }, unique: true }]);
  await store.close();
  // Documents as an earlier release stored them: a 200-character text whole in the key beside a
  // number, a missing text (a null key part), and no record of the key format.
  const long = 'T'.repeat(200);
  const env = open({ path: join(dir, 'tessera.mdb'), maxDbs: 8, mapSize: 2 ** 34 });
  const docs = env.openDB('docs', { sharedStructuresKey: Symbol.for('structures') });
  const idx = env.openDB('idx', { encoding: 'binary' });
  const meta = env.openDB('meta', {});
  await docs.put(['r_up2', 'old'], { _id: 'old', n: 5, t: long });
  await idx.put(['r_up2', 'n_1_t_1', 5, long, 'old'], Buffer.alloc(0));
  await docs.put(['r_up2', 'blank'], { _id: 'blank', n: 1 });
  // A missing value's key part is null (keys.ts keyPart); lmdb's Key type leaves null out.
  await idx.put(['r_up2', 'n_1_t_1', 1, null, 'blank'] as unknown as Key, Buffer.alloc(0));
  await docs.put(['r_up2', 'short'], { _id: 'short', n: 2, t: 'S' });
  await idx.put(['r_up2', 'n_1_t_1', 2, 'S', 'short'], Buffer.alloc(0));
  await meta.remove(['format', 'indexKeys']);
  await env.close();
  store = await createEmbeddedStore({ dataDir: dir });
  const c = store.collection('r_up2');
  expect((await c.find({ n: 5, t: long })).map((d) => d._id)).toEqual(['old']);
  expect(await c.count({ n: 5, t: long })).toBe(1);
  await expect(c.insertOne({ n: 5, t: long })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
  expect((await c.find({ n: 1, t: null })).map((d) => d._id)).toEqual(['blank']);
  expect(await c.count({ n: 2, t: 'S' })).toBe(1);
  await store.close();
});

describe('files on disk', () => {
  test('bytes in the files folder with no metadata row are no file, and are not deleted as one', async () => {
    const dir = tempDir();
    const store = await createEmbeddedStore({ dataDir: dir });
    const stray = '000000000000000000000c01';
    writeFileSync(join(dir, 'files', stray), 'stray');
    expect(await store.files.stat(stray)).toBeNull();
    expect(await store.files.get(stray)).toBeNull();
    expect(await store.files.delete(stray)).toBe(false);
    expect(readFileSync(join(dir, 'files', stray), 'utf8')).toBe('stray');
    await store.close();
  });

  test('a put leaves its bytes under the file id, no temporary file and no file open; a row whose bytes were removed by hand reads as missing and still deletes', async () => {
    const dir = tempDir();
    let store = await createEmbeddedStore({ dataDir: dir });
    // Every descriptor the put opens in the folder is closed again (a leak ends in EMFILE).
    const [realOpen, realClose] = [fs.openSync, fs.closeSync];
    const opened: number[] = [];
    const closed: number[] = [];
    jest.spyOn(fs, 'openSync').mockImplementation((path, ...rest) => {
      const fd = realOpen(path, ...rest);
      if (String(path).startsWith(join(dir, 'files'))) opened.push(fd);
      return fd;
    });
    jest.spyOn(fs, 'closeSync').mockImplementation((fd) => {
      closed.push(fd);
      realClose(fd);
    });
    const info = await store.files.put({ filename: 'x.txt', contentType: 'text/plain', data: Buffer.from('bytes') });
    jest.restoreAllMocks();
    expect(opened).toHaveLength(1);
    expect(closed.filter((fd) => opened.includes(fd))).toEqual(opened);
    expect(readdirSync(join(dir, 'files'))).toEqual([info._id]);
    expect(readFileSync(join(dir, 'files', info._id), 'utf8')).toBe('bytes');
    await store.close();
    // Reopened, the folder is there already.
    store = await createEmbeddedStore({ dataDir: dir });
    expect((await store.files.get(info._id))!.data.toString()).toBe('bytes');
    rmSync(join(dir, 'files', info._id));
    expect(await store.files.stat(info._id)).toEqual(info);
    expect(await store.files.get(info._id)).toBeNull();
    expect(await store.files.delete(info._id)).toBe(true);
    expect(await store.files.stat(info._id)).toBeNull();
    await store.close();
  });
});
