// The MongoDB adapter: the official driver behind the same Store port. `_id`s are strings we
// generate (never ObjectId), transactions use driver sessions (a replica set is required),
// files live in GridFS, and driver errors are mapped to StoreError codes.
import { GridFSBucket, MongoClient, MongoError, MongoServerError, type ClientSession, type Db, type Document } from 'mongodb';
import {
  StoreError,
  type Collection,
  type Doc,
  type FileInfo,
  type FilePut,
  type FileStore,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type IndexSpec,
  type Pipeline,
  type ReadOptions,
  type Store,
  type TxSession,
  type Update,
  type UpdateOptions,
  type WriteOptions,
} from './types';
import { checkDocument, checkFilter, checkPipeline, checkIndexCount, checkName, checkUpdate, indexName, MAX_DOCUMENT_BYTES, requireIdToUpsert } from './guard';
import { newId } from './ids';
import { fileIdFor } from './file-id';

/** The server's codes for a document past 16 MiB (BSONObjectTooLarge; an update's result too large). */
const TOO_LARGE_CODES = new Set([10334, 17419, 17420]);
/** A write conflict, and a transaction the server aborted or no longer knows. */
const CONFLICT_CODES = new Set([112, 244, 251]);

/** Maps a driver error to a StoreError (duplicate keys, documents too large) or returns it unchanged. */
export function mapMongoError(e: unknown): unknown {
  if (e instanceof MongoServerError && e.code === 11000) {
    const key = (e as MongoServerError & { keyValue?: Record<string, unknown> }).keyValue ?? {};
    const index = /index: (\S+)/.exec(e.message)?.[1] ?? 'unknown';
    return new StoreError('DUPLICATE_KEY', `Duplicate key for index ${index}: ${JSON.stringify(key)}`, { index, key });
  }
  if (e instanceof MongoServerError && typeof e.code === 'number' && TOO_LARGE_CODES.has(e.code)) {
    return new StoreError('DOCUMENT_TOO_LARGE', `The document would be larger than MongoDB's 16 MiB: ${e.message}`, { limit: MAX_DOCUMENT_BYTES });
  }
  return e;
}

/**
 * What a whole transaction's failure is: mapMongoError's, or TX_CONFLICT when it still conflicted
 * once the driver's retries (120 s of them) ran out, which the HTTP layer answers with 409 and
 * "try again". Only the transaction as a whole maps conflicts: an operation inside it must throw
 * the driver's labelled error, which is what tells the driver to run the callback again.
 */
export function mapTransactionError(e: unknown): unknown {
  if (e instanceof MongoError && (e.hasErrorLabel('TransientTransactionError') || e.hasErrorLabel('UnknownTransactionCommitResult') || (typeof e.code === 'number' && CONFLICT_CODES.has(e.code)))) {
    return new StoreError('TX_CONFLICT', `The transaction kept conflicting with other writes: ${e.message}`);
  }
  return mapMongoError(e);
}

async function mapped<R>(fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (e) {
    throw mapMongoError(e);
  }
}

/** The values an update stores (whole subdocuments under $set, $push and $setOnInsert) pass checkDocument's key and size rules. */
function checkValues(update: Update): void {
  for (const body of Object.values(update)) for (const value of Object.values(body as object)) if (value !== null && typeof value === 'object') checkDocument(value);
}

/** An upsert's update, giving the document it may insert an _id of ours (a filter that names one keeps it). */
function withNewId(filter: Filter, update: Update): Update {
  if (filter._id !== undefined) return update;
  return { ...update, $setOnInsert: { ...((update.$setOnInsert as object) ?? {}), _id: newId() } };
}

class MongoSessions {
  private readonly byId = new Map<string, ClientSession>();
  add(s: ClientSession): TxSession {
    const id = newId();
    this.byId.set(id, s);
    return { id };
  }
  remove(t: TxSession): void {
    this.byId.delete(t.id);
  }
  of(t?: TxSession): ClientSession | undefined {
    if (!t) return undefined;
    const s = this.byId.get(t.id);
    if (!s) throw new StoreError('TX_CONFLICT', 'The transaction session has already ended');
    return s;
  }
}

class MongoCollection implements Collection<Doc> {
  constructor(
    private readonly db: Db,
    readonly name: string,
    private readonly sessions: MongoSessions,
  ) {}

  private get c() {
    return this.db.collection<Document>(this.name);
  }

  async insertOne(doc: Omit<Doc, '_id'> & { _id?: string }, opts?: WriteOptions): Promise<Doc> {
    const full = { ...doc, _id: doc._id ?? newId() } as Doc;
    checkDocument(full);
    await mapped(() => this.c.insertOne(full as Document, { session: this.sessions.of(opts?.session) }));
    return full;
  }

  async insertMany(docs: Array<Omit<Doc, '_id'> & { _id?: string }>, opts?: WriteOptions): Promise<Doc[]> {
    const full = docs.map((d) => ({ ...d, _id: d._id ?? newId() }) as Doc);
    for (const d of full) checkDocument(d);
    if (full.length) await mapped(() => this.c.insertMany(full as Document[], { session: this.sessions.of(opts?.session) }));
    return full;
  }

  async findOne(filter: Filter, opts: FindOptions = {}): Promise<Doc | null> {
    return (await this.find(filter, { ...opts, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, opts: FindOptions = {}): Promise<Doc[]> {
    checkFilter(filter);
    let cursor = this.c.find(filter, { session: this.sessions.of(opts.session), projection: opts.projection });
    if (opts.sort && Object.keys(opts.sort).length) cursor = cursor.sort(opts.sort);
    if (opts.skip) cursor = cursor.skip(opts.skip);
    if (opts.limit) cursor = cursor.limit(opts.limit);
    return mapped(async () => (await cursor.toArray()) as unknown as Doc[]);
  }

  async count(filter: Filter, opts?: ReadOptions): Promise<number> {
    checkFilter(filter);
    return mapped(() => this.c.countDocuments(filter, { session: this.sessions.of(opts?.session) }));
  }

  async updateOne(filter: Filter, update: Update, opts?: UpdateOptions) {
    checkFilter(filter);
    checkUpdate(update);
    checkValues(update);
    const r = await mapped(() => this.c.updateOne(filter, opts?.upsert ? withNewId(filter, update) : update, { upsert: !!opts?.upsert, session: this.sessions.of(opts?.session) }));
    return { matched: r.matchedCount, modified: r.modifiedCount, ...(r.upsertedId ? { upsertedId: String(r.upsertedId) } : {}) };
  }

  async updateMany(filter: Filter, update: Update, opts?: WriteOptions) {
    checkFilter(filter);
    checkUpdate(update);
    checkValues(update);
    const r = await mapped(() => this.c.updateMany(filter, update, { session: this.sessions.of(opts?.session) }));
    return { matched: r.matchedCount, modified: r.modifiedCount };
  }

  async findOneAndUpdate(filter: Filter, update: Update, opts: FindOneAndUpdateOptions = {}): Promise<Doc | null> {
    checkFilter(filter);
    checkUpdate(update);
    checkValues(update);
    const withId = opts.upsert ? withNewId(filter, update) : update;
    const r = await mapped(() =>
      this.c.findOneAndUpdate(filter, withId, {
        upsert: !!opts.upsert,
        returnDocument: opts.returnDocument ?? 'after',
        projection: opts.projection,
        session: this.sessions.of(opts.session),
        includeResultMetadata: false,
      }),
    );
    return (r as Doc | null) ?? null;
  }

  async replaceOne(filter: Filter, doc: Omit<Doc, '_id'>, opts?: UpdateOptions) {
    checkFilter(filter);
    const { _id: _ignored, ...body } = doc as Doc;
    checkDocument(body);
    requireIdToUpsert(filter, opts);
    const r = await mapped(() => this.c.replaceOne(filter, body as Document, { upsert: !!opts?.upsert, session: this.sessions.of(opts?.session) }));
    return { matched: r.matchedCount, modified: r.modifiedCount, ...(r.upsertedId ? { upsertedId: String(r.upsertedId) } : {}) };
  }

  async deleteOne(filter: Filter, opts?: WriteOptions) {
    checkFilter(filter);
    const r = await mapped(() => this.c.deleteOne(filter, { session: this.sessions.of(opts?.session) }));
    return { deleted: r.deletedCount };
  }

  async deleteMany(filter: Filter, opts?: WriteOptions) {
    checkFilter(filter);
    const r = await mapped(() => this.c.deleteMany(filter, { session: this.sessions.of(opts?.session) }));
    return { deleted: r.deletedCount };
  }

  async aggregate<R = Doc>(pipeline: Pipeline, opts?: ReadOptions): Promise<R[]> {
    checkPipeline(pipeline);
    return mapped(() => this.c.aggregate(pipeline, { session: this.sessions.of(opts?.session) }).toArray() as Promise<R[]>);
  }

  async ensureIndexes(specs: IndexSpec[]): Promise<void> {
    // Counted before any is made, so a refused set leaves the collection as it was.
    checkIndexCount(this.name, new Set([...(await this.listIndexes()).map((i) => i.name!), ...specs.map(indexName)]));
    for (const spec of specs) {
      const name = indexName(spec);
      checkName('index', name);
      const partial = spec.sparse ? { partialFilterExpression: Object.fromEntries(Object.keys(spec.keys).map((k) => [k, { $exists: true }])) } : {};
      await mapped(() => this.c.createIndex(spec.keys, { name, unique: !!spec.unique, ...partial }));
    }
  }

  async listIndexes(): Promise<IndexSpec[]> {
    // A collection never written has no indexes (the server answers NamespaceNotFound, 26).
    const list = await mapped(() => this.c.listIndexes().toArray()).catch((e: unknown) => {
      if (e instanceof MongoServerError && e.code === 26) return [];
      throw e;
    });
    return list
      .filter((i) => i.name !== '_id_')
      .map((i) => ({ name: i.name as string, keys: i.key as Record<string, 1 | -1>, unique: !!i.unique, ...(i.partialFilterExpression ? { sparse: true } : {}) }));
  }

  async dropIndex(name: string): Promise<boolean> {
    if (!(await this.listIndexes()).some((i) => i.name === name)) return false;
    await mapped(() => this.c.dropIndex(name));
    return true;
  }
}

class GridFiles implements FileStore {
  constructor(private readonly db: Db) {}
  private get bucket() {
    return new GridFSBucket(this.db, { bucketName: 'files' });
  }
  private info(f: Document): FileInfo {
    return {
      _id: String(f._id),
      filename: f.filename,
      contentType: f.metadata?.contentType ?? 'application/octet-stream',
      length: f.length,
      uploadedAt: new Date(f.uploadDate).toISOString(),
      ...(f.metadata?.extra ? { metadata: f.metadata.extra } : {}),
    };
  }
  async put(input: FilePut): Promise<FileInfo> {
    const id = await fileIdFor(this, input.id);
    await new Promise<void>((resolve, reject) => {
      const up = this.bucket.openUploadStreamWithId(id as never, input.filename, { metadata: { contentType: input.contentType, extra: input.metadata } });
      up.once('finish', () => resolve()).once('error', reject);
      up.end(input.data);
    });
    return (await this.stat(id))!;
  }
  async stat(id: string): Promise<FileInfo | null> {
    const [f] = await this.bucket.find({ _id: id as never }).toArray();
    return f ? this.info(f) : null;
  }
  async get(id: string): Promise<{ info: FileInfo; data: Buffer } | null> {
    const info = await this.stat(id);
    if (!info) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket.openDownloadStream(id as never)) chunks.push(chunk as Buffer);
    return { info, data: Buffer.concat(chunks) };
  }
  async delete(id: string): Promise<boolean> {
    if (!(await this.stat(id))) return false;
    await this.bucket.delete(id as never);
    return true;
  }
}

export class MongoStore implements Store {
  readonly kind = 'mongo' as const;
  readonly files: FileStore;
  private readonly sessions = new MongoSessions();

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {
    this.files = new GridFiles(db);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    checkName('collection', name);
    return new MongoCollection(this.db, name, this.sessions) as unknown as Collection<T>;
  }

  async listCollections(): Promise<string[]> {
    const list = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return list.map((c) => c.name).filter((n) => !n.startsWith('system.') && !n.startsWith('files.')).sort();
  }

  async dropCollection(name: string): Promise<void> {
    await this.db.dropCollection(name).catch((e: unknown) => {
      if (!(e instanceof MongoServerError && e.codeName === 'NamespaceNotFound')) throw e;
    });
  }

  async withTransaction<R>(fn: (session: TxSession) => Promise<R>): Promise<R> {
    const session = this.client.startSession();
    const handle = this.sessions.add(session);
    try {
      let result!: R;
      // Snapshot reads: the transaction sees one point in time, and a write to what it read
      // conflicts at commit. Majority writes: a commit survives the primary's failover. The
      // driver runs `fn` again on a transient error (a write conflict), for up to 120 s; callers
      // keep their callbacks safe to run twice (see Store.withTransaction).
      await session
        .withTransaction(
          async () => {
            result = await fn(handle);
          },
          { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' }, readPreference: 'primary' },
        )
        .catch((e: unknown) => {
          throw mapTransactionError(e);
        });
      return result;
    } finally {
      this.sessions.remove(handle);
      await session.endSession();
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * The database Tessera uses: the one given (TESSERA_MONGODB_DB), else the one the URI names, else
 * `tessera` (the driver's own default would be `test`).
 */
export function databaseName(uri: string, dbName?: string): string {
  if (dbName) return dbName;
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : 'tessera';
}

/** The oldest MongoDB Tessera runs on (snapshot reads in transactions, $getField and the like). */
export const MIN_MONGODB = [5, 0] as const;

/**
 * Why a server cannot hold Tessera's data, from its `hello` and `buildInfo` answers; null when it
 * can. Transactions need a replica set (or a sharded cluster, whose router answers
 * `msg: 'isdbgrid'`): on a standalone server every write would fail.
 */
export function unsupportedServer(hello: { setName?: unknown; msg?: unknown }, buildInfo: { version?: unknown; versionArray?: unknown }): string | null {
  const version = typeof buildInfo.version === 'string' ? buildInfo.version : '?';
  const parts = Array.isArray(buildInfo.versionArray) ? (buildInfo.versionArray as number[]) : version.split('.').map(Number);
  const [major = 0, minor = 0] = parts;
  if (major < MIN_MONGODB[0] || (major === MIN_MONGODB[0] && minor < MIN_MONGODB[1])) {
    return `MongoDB ${version} is too old: Tessera needs ${MIN_MONGODB.join('.')} or later.`;
  }
  if (typeof hello.setName !== 'string' && hello.msg !== 'isdbgrid') {
    return 'This MongoDB server is a standalone server: Tessera needs a replica set (transactions need one), e.g. mongod --replSet rs0 then rs.initiate() — a one-member set will do.';
  }
  return null;
}

export async function createMongoStore(opts: { uri: string; dbName?: string }): Promise<MongoStore> {
  const client = new MongoClient(opts.uri, { ignoreUndefined: true });
  await client.connect();
  // Fail fast: a server that cannot run transactions would answer every write with an error.
  const admin = client.db('admin');
  const why = unsupportedServer(await admin.command({ hello: 1 }), await admin.command({ buildInfo: 1 }));
  if (why) {
    await client.close();
    throw new StoreError('UNSUPPORTED_SERVER', why);
  }
  return new MongoStore(client, client.db(databaseName(opts.uri, opts.dbName)));
}
