// The same conformance suite against a real MongoDB replica set when MONGODB_URI is set
// (MONGODB_URI=mongodb://host/?replicaSet=rs0 npx jest runtime/tests/storage). Without it, the
// adapter's pure parts are tested here; the driver paths need a server, and the run says so: a
// skipped test named for the reason and a warning, never a green suite that tested nothing.
import { MongoServerError } from 'mongodb';
import { createMongoStore, StoreError, type Store } from '../../src/storage';
import { mapMongoError, mapTransactionError } from '../../src/storage/mongo';
import { describeStoreConformance } from './conformance';

const uri = process.env.MONGODB_URI;

if (uri) {
  const dbName = `tessera_conformance_${Date.now()}`;
  describeStoreConformance(
    'mongo',
    () => createMongoStore({ uri, dbName }),
    async (s: Store) => {
      for (const c of await s.listCollections()) await s.dropCollection(c);
      await s.close();
    },
    // A second client: its own connections, as a second app node has.
    () => createMongoStore({ uri, dbName }),
  );
} else {
  const why = 'MONGODB_URI is not set, so no MongoDB server was tested';
  console.warn(`Store conformance: mongo skipped: ${why}. Set MONGODB_URI to a replica set (mongodb://host/?replicaSet=rs0) to run it.`);
  // Reported as skipped (○ in the test list, "1 skipped" in the totals), never as a pass.
  // Why: CI and the build machines have no mongod (no Docker engine, no MongoDB package), so the
  // conformance suite cannot run there. It returns whenever MONGODB_URI names a replica set
  // (`MONGODB_URI=mongodb://… npx jest runtime/tests/storage`), and in CI once a MongoDB service
  // is available to it (issue #11, production on MongoDB).
  test.skip(`Store conformance: mongo (${why}; it runs again once MONGODB_URI names a replica set)`, () => undefined);
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

  test('a transaction still conflicting when the driver gives up is TX_CONFLICT; a document past 16 MiB is DOCUMENT_TOO_LARGE', () => {
    const conflict = new MongoServerError({ message: 'WriteConflict error: this operation conflicted with another operation', code: 112, codeName: 'WriteConflict' });
    expect(mapTransactionError(conflict)).toMatchObject({ code: 'TX_CONFLICT' });
    const labelled = new MongoServerError({ message: 'Transaction 7 has been aborted', code: 251, codeName: 'NoSuchTransaction' });
    labelled.addErrorLabel('TransientTransactionError');
    expect(mapTransactionError(labelled)).toMatchObject({ code: 'TX_CONFLICT' });
    const commitUnknown = new MongoServerError({ message: 'operation exceeded time limit', code: 50 });
    commitUnknown.addErrorLabel('UnknownTransactionCommitResult');
    expect(mapTransactionError(commitUnknown)).toMatchObject({ code: 'TX_CONFLICT' });
    // Inside the transaction the labelled error stays the driver's: its label is what makes the
    // driver run the callback again.
    expect(mapMongoError(labelled)).toBe(labelled);
    expect(mapTransactionError(new MongoServerError({ message: 'E11000 duplicate key error index: u_code dup key', code: 11000 }))).toMatchObject({ code: 'DUPLICATE_KEY' });
    for (const code of [10334, 17419]) {
      expect(mapMongoError(new MongoServerError({ message: 'Resulting document after update is larger than 16777216', code }))).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', details: { limit: 16 * 1024 * 1024 } });
    }
    // A server error that is neither stays itself (a 500, logged).
    const other = new MongoServerError({ message: 'not authorized', code: 13 });
    expect(mapMongoError(other)).toBe(other);
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
