// The same conformance suite against a real MongoDB replica set when MONGODB_URI is set
// (MONGODB_URI=mongodb://host/?replicaSet=rs0 npx jest runtime/tests/storage). Without it, the
// adapter's pure parts are tested here; the driver paths need a server, and the run says so: a
// skipped test named for the reason and a warning, never a green suite that tested nothing.
import { MongoServerError } from 'mongodb';
import { createMongoStore, StoreError, type Store } from '../../src/storage';
import { mapMongoError } from '../../src/storage/mongo';
import { describeStoreConformance } from './conformance';

const uri = process.env.MONGODB_URI;

if (uri) {
  const dbName = `tessera_conformance_${Date.now()}`;
  describeStoreConformance('mongo', () => createMongoStore({ uri, dbName }), async (s: Store) => {
    for (const c of await s.listCollections()) await s.dropCollection(c);
    await s.close();
  });
} else {
  const why = 'MONGODB_URI is not set, so no MongoDB server was tested';
  console.warn(`Store conformance: mongo skipped: ${why}. Set MONGODB_URI to a replica set (mongodb://host/?replicaSet=rs0) to run it.`);
  // Reported as skipped (○ in the test list, "1 skipped" in the totals), never as a pass.
  // Why: CI and the build machines have no mongod (no Docker engine, no MongoDB package), so the
  // conformance suite cannot run there. It returns whenever MONGODB_URI names a replica set
  // (`MONGODB_URI=mongodb://… npx jest runtime/tests/storage`), and in CI once a MongoDB service
  // is available to it (issue #11, production on MongoDB).
  test.skip(`Store conformance: mongo (${why})`, () => undefined);
}

describe('mongo adapter (no server needed)', () => {
  test('duplicate key errors from the driver become DUPLICATE_KEY with the index and key', () => {
    const driverError = new MongoServerError({
      message: 'E11000 duplicate key error collection: t.r_x index: code_1 dup key: { code: "A" }',
      code: 11000,
      keyValue: { code: 'A' },
    });
    const mapped = mapMongoError(driverError);
    expect(mapped).toBeInstanceOf(StoreError);
    expect(mapped).toMatchObject({ code: 'DUPLICATE_KEY', details: { index: 'code_1', key: { code: 'A' } } });
  });

  test('other errors pass through unchanged', () => {
    const e = new Error('network');
    expect(mapMongoError(e)).toBe(e);
  });

  test('an unreachable server fails createMongoStore with an error instead of hanging', async () => {
    const store = await createMongoStore({ uri: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200' }).catch((e: unknown) => e);
    expect(store).toBeInstanceOf(Error);
  });
});
