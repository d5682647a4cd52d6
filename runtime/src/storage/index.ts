// Storage entry: the Store port, its two adapters and the factory the server uses.
import { resolve } from 'node:path';
import type { Store } from './types';
import { createEmbeddedStore } from './embedded/store';
import { createMongoStore } from './mongo';

export * from './types';
export { newId } from './ids';
export { newFileId } from './file-id';
export { checkFilter, checkUpdate, indexName, MAX_INDEXES, MAX_DOCUMENT_BYTES } from './guard';
export { createEmbeddedStore, EmbeddedStore } from './embedded/store';
export { createMongoStore, databaseName, unsupportedServer, MIN_MONGODB } from './mongo';

/** MongoDB when `mongoUri` is given, else the embedded store in `dataDir` (default ./data). */
export async function createStore(opts: { dataDir?: string; mongoUri?: string; dbName?: string } = {}): Promise<Store> {
  if (opts.mongoUri) return createMongoStore({ uri: opts.mongoUri, dbName: opts.dbName });
  return createEmbeddedStore({ dataDir: resolve(opts.dataDir ?? './data') });
}
