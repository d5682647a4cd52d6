// Composes the Tessera server: configuration, the store, runtime's HTTP core, identity, then
// apps/forms/records. Used by the CLI (`tessera start`) and by every API test.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, createStore, loadConfig, sealAuditHead, setAuditKey, systemClock, type Clock, type Store, type TesseraConfig } from '@tessera/runtime';
import { appsPlugin } from './apps';
import { bootstrapIdentity, ensureIdentityIndexes, identityCollections, identityPlugin } from './identity';
import { resolveAuditKey } from './audit-key';

export interface BuildAppOptions {
  /** Use this store (the caller closes it); otherwise one is opened from the configuration. */
  store?: Store;
  dataDir?: string;
  mongoUri?: string;
  /** Password of `admin` when the store has no user yet (else TESSERA_ADMIN_PASSWORD, else generated). */
  adminPassword?: string;
  /** false: no log output at all. Default: LOG_LEVEL (silent under NODE_ENV=test, else info). */
  logger?: boolean;
  /** Environment to read the configuration from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Folder of the built SPA (default TESSERA_SPA_DIR, else designer/dist of this checkout); false: serve none. */
  spaDir?: string | false;
  /**
   * Where every service reads the time (default: the system clock): what records, audit entries
   * and identity stamp, serial numbers' periods, TODAY() and NOW(), session and API key expiry.
   */
  clock?: Clock;
}

export interface TesseraApp {
  app: FastifyInstance;
  store: Store;
  config: TesseraConfig;
  /** Closes the server, then the store when buildApp opened it. */
  close(): Promise<void>;
  /** Set only when this start created `admin`: the password to show the operator once. */
  adminPassword?: string;
  /** True when that password was generated (print it; it must be changed at first sign-in). */
  adminPasswordGenerated: boolean;
}

const DEFAULT_SPA_DIR = join(__dirname, '..', '..', 'designer', 'dist');

/**
 * fastify's trustProxy from TESSERA_TRUST_PROXY (loadConfig refuses `true`): proxy addresses as
 * they are; a hop count as "believe the nearest n hops". fastify 5 ignores a bare number, since a
 * client reaching the server directly could then name its own address: a count is right only
 * when nothing but the proxies can reach Tessera, which docs/administration.md says.
 */
function trustProxyOption(trust: TesseraConfig['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

export async function buildApp(opts: BuildAppOptions = {}): Promise<TesseraApp> {
  const config = loadConfig(opts.env ?? process.env);
  if (opts.dataDir !== undefined) config.dataDir = opts.dataDir;
  if (opts.mongoUri !== undefined) config.mongoUri = opts.mongoUri;
  if (opts.adminPassword !== undefined) config.adminPassword = opts.adminPassword;
  const clock = opts.clock ?? systemClock;

  const ownsStore = opts.store === undefined;
  const store =
    opts.store ?? (await createStore({ dataDir: config.dataDir, mongoUri: config.mongoUri, dbName: config.mongoDbName }));
  try {
    // The audit log's seal comes first: every audited write from here on seals the chain's head.
    const auditKey = await resolveAuditKey(config, { create: true });
    if (auditKey) setAuditKey(store, auditKey);
    await sealAuditHead(store);
    const c = identityCollections(store);
    await ensureIdentityIndexes(c);
    const boot = await bootstrapIdentity(c, clock, config.adminPassword);

    const app = buildServer({
      storeKind: store.kind,
      bodyLimit: config.bodyLimit,
      logLevel: opts.logger === false ? 'silent' : config.logLevel,
      // buildServer types this option as a boolean but hands it to fastify unchanged, which takes
      // an address list or a trust function as well (see trustProxyOption).
      trustProxy: trustProxyOption(config.trustProxy) as unknown as boolean,
      spaDir: opts.spaDir === false ? undefined : (opts.spaDir ?? config.spaDir ?? DEFAULT_SPA_DIR),
      timeouts: {
        headers: config.headersTimeout * 1000,
        request: config.requestTimeout * 1000,
        keepAlive: config.keepAliveTimeout * 1000,
        idle: config.idleTimeout * 1000,
      },
    });
    await app.register(identityPlugin, {
      store,
      clock,
      sessionSecret: config.sessionSecret,
      sessionMaxAge: config.sessionMaxAge,
      sessionIdleTimeout: config.sessionIdleTimeout,
      loginRateLimit: config.loginRateLimit,
    });
    await app.register(appsPlugin, {
      prefix: '/api',
      store,
      clock,
      timeZone: config.timeZone,
      importBodyLimit: config.importBodyLimit,
      copyRecordLimit: config.copyRecordLimit,
    });
    await app.ready();

    let closed = false;
    return {
      app,
      store,
      config,
      adminPassword: boot.createdAdminPassword,
      adminPasswordGenerated: boot.generated,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        if (ownsStore) await store.close();
      },
    };
  } catch (err) {
    if (ownsStore) await store.close().catch(() => undefined);
    throw err;
  }
}
