// The Store port: the one storage interface the runtime codes against. Two adapters implement it
// (embedded: LMDB + mingo, the default; mongo: the official driver) and one conformance suite
// (runtime/tests/storage/conformance.ts) holds both to the same MongoDB semantics.

/** A stored document. `_id` is a string everywhere (we never expose ObjectId). */
export interface Doc {
  _id: string;
  [key: string]: unknown;
}

/** A MongoDB query filter. Adapters accept the MongoDB query language (as checked by the caller). */
export type Filter = Record<string, unknown>;
/** A MongoDB update document using `$set $inc $push $pull $unset` (others are refused). */
export type Update = Record<string, unknown>;
/** `{ field: 1 | -1 }`, in key order. */
export type Sort = Record<string, 1 | -1>;
/** `{ field: 1 }` (include) or `{ field: 0 }` (exclude); `_id` is always returned unless `_id: 0`. */
export type Projection = Record<string, 0 | 1>;
export type Pipeline = Record<string, unknown>[];

/** Opaque handle of a running transaction; pass it to every call that must join it. */
export interface TxSession {
  readonly id: string;
}

export interface ReadOptions {
  session?: TxSession;
}

export interface FindOptions extends ReadOptions {
  sort?: Sort;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface WriteOptions {
  session?: TxSession;
}

export interface UpdateOptions extends WriteOptions {
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  /** Default 'after'. */
  returnDocument?: 'before' | 'after';
  projection?: Projection;
}

export interface UpdateResult {
  /** How many documents matched the filter (0 means a conditional update did not apply). */
  matched: number;
  modified: number;
  /** Set when an upsert inserted a document. */
  upsertedId?: string;
}

export interface DeleteResult {
  deleted: number;
}

export interface IndexSpec {
  /** Stable name; defaults to the fields joined by `_`. */
  name?: string;
  /** Ordered keys, e.g. `{ status: 1, _createdAt: -1 }`. */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Index only documents where every key exists (MongoDB's partial `$exists: true`). */
  sparse?: boolean;
}

export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  /** Inserts; `_id` is generated (time-ordered, 24 hex chars) when absent. Duplicate key → StoreError DUPLICATE_KEY. */
  insertOne(doc: Omit<T, '_id'> & { _id?: string }, opts?: WriteOptions): Promise<T>;
  insertMany(docs: Array<Omit<T, '_id'> & { _id?: string }>, opts?: WriteOptions): Promise<T[]>;
  findOne(filter: Filter, opts?: FindOptions): Promise<T | null>;
  find(filter: Filter, opts?: FindOptions): Promise<T[]>;
  count(filter: Filter, opts?: ReadOptions): Promise<number>;
  /** Conditional update: `matched` says whether the filter matched (e.g. `{ qty: { $gte: n } }`). */
  updateOne(filter: Filter, update: Update, opts?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update, opts?: WriteOptions): Promise<UpdateResult>;
  findOneAndUpdate(filter: Filter, update: Update, opts?: FindOneAndUpdateOptions): Promise<T | null>;
  /** Replaces the whole document (except `_id`). An upsert's filter names the `_id` (else INVALID_QUERY). */
  replaceOne(filter: Filter, doc: Omit<T, '_id'>, opts?: UpdateOptions): Promise<UpdateResult>;
  deleteOne(filter: Filter, opts?: WriteOptions): Promise<DeleteResult>;
  deleteMany(filter: Filter, opts?: WriteOptions): Promise<DeleteResult>;
  aggregate<R = Doc>(pipeline: Pipeline, opts?: ReadOptions): Promise<R[]>;
  /** Creates the declared indexes (idempotent); existing data violating a unique index → DUPLICATE_KEY. */
  ensureIndexes(specs: IndexSpec[]): Promise<void>;
  listIndexes(): Promise<IndexSpec[]>;
  /** Drops the index with this name; false when there was none. */
  dropIndex(name: string): Promise<boolean>;
}

export interface FileInfo {
  _id: string;
  filename: string;
  contentType: string;
  length: number;
  uploadedAt: string;
  metadata?: Record<string, unknown>;
}

/** Binary files (GridFS on MongoDB, a folder on the embedded store). */
export interface FilePut {
  /** Keep this id (24 hex characters, else INVALID_ID; an app package's files keep theirs); taken → DUPLICATE_KEY. */
  id?: string;
  filename: string;
  contentType: string;
  data: Buffer;
  metadata?: Record<string, unknown>;
}

export interface FileStore {
  put(input: FilePut): Promise<FileInfo>;
  get(id: string): Promise<{ info: FileInfo; data: Buffer } | null>;
  stat(id: string): Promise<FileInfo | null>;
  delete(id: string): Promise<boolean>;
}

export interface Store {
  readonly kind: 'embedded' | 'mongo';
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  listCollections(): Promise<string[]>;
  dropCollection(name: string): Promise<void>;
  /**
   * Runs `fn` as one all-or-nothing transaction across collections: every call made with the
   * session commits together when `fn` resolves, or none does when it throws (the error is
   * rethrown). Reads with the session see the transaction's own writes.
   *
   * `fn` may run more than once: on MongoDB the driver runs it again after a write conflict
   * (for up to 120 s, then TX_CONFLICT). So `fn` changes nothing outside the transaction: it
   * keeps no count, cache or list that outlives a failed run, and leaves side effects (files,
   * caches, messages) to after the commit. Reads inside it start afresh each run.
   */
  withTransaction<R>(fn: (session: TxSession) => Promise<R>): Promise<R>;
  readonly files: FileStore;
  /** Flushes pending writes and releases the data dir / connection. */
  close(): Promise<void>;
}

export type StoreErrorCode =
  | 'DUPLICATE_KEY'
  | 'INVALID_ID'
  | 'INVALID_QUERY'
  | 'INVALID_UPDATE'
  | 'DATA_DIR_LOCKED'
  | 'TX_CONFLICT'
  | 'STORE_CLOSED'
  | 'UNSUPPORTED_SERVER'
  | 'INVALID_KEY'
  | 'DOCUMENT_TOO_LARGE'
  | 'INDEX_LIMIT';

/** Errors every adapter throws with the same codes, so callers never look at driver errors. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
