// Configuration from the environment (DESIGN.md "Configuration by environment"). Read once at
// start, validated as a whole, so a typo in one variable is reported with every other problem
// instead of surfacing later as a strange runtime failure.
import { isIP } from 'node:net';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface TesseraConfig {
  port: number;
  host: string;
  /** Data directory of the embedded store (unused when `mongoUri` is set). */
  dataDir: string;
  mongoUri?: string;
  /** Database name on MongoDB (`TESSERA_MONGODB_DB`, else the one in the URI, else 'tessera'). */
  mongoDbName?: string;
  /** Password of the first `admin` account; only read when the store has no users yet. */
  adminPassword?: string;
  /** IANA zone used for dates without a zone (serial numbers, "today" in filters). */
  timeZone: string;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  /** Largest app package `POST /api/apps/import` accepts, in bytes (packages carry records and files). */
  importBodyLimit: number;
  /** Most live records a form copy may carry over (`POST …/forms/{id}/copy` with records). */
  copyRecordLimit: number;
  /** HMAC key of session tokens; when unset one is generated once and kept in the store. */
  sessionSecret?: string;
  /**
   * The key that seals the audit chain's head (`TESSERA_AUDIT_KEY`); when unset, one is made once
   * and kept in `<dataDir>/audit.key`, outside the store. Required on MongoDB, where every node must
   * seal with the same key.
   */
  auditKey?: string;
  /** Lifetime of a session cookie, in seconds. */
  sessionMaxAge: number;
  /** A session unused for this many seconds ends, however long its lifetime still runs. */
  sessionIdleTimeout: number;
  /** Failed sign-ins allowed for one account from one client within 15 minutes (other limits derive from it). */
  loginRateLimit: number;
  /**
   * Which `X-Forwarded-*` hops to believe (behind a reverse proxy / load balancer): false (none),
   * the number of proxies in front of Tessera, or their addresses / CIDR ranges. Never "every
   * hop": a client could then name any address of its own and escape the sign-in limits.
   */
  trustProxy: false | number | string[];
  logLevel: LogLevel;
  /** Folder of the built designer SPA (`TESSERA_SPA_DIR`; default: designer/dist of the checkout). */
  spaDir?: string;
  /** Seconds a graceful shutdown waits for in-flight requests before giving up. */
  shutdownTimeout: number;
  /** Seconds a client has to send a request's headers (`TESSERA_HEADERS_TIMEOUT`). */
  headersTimeout: number;
  /** Seconds a client has to send a whole request, body included (`TESSERA_REQUEST_TIMEOUT`). */
  requestTimeout: number;
  /** Seconds an idle kept-alive connection stays open (`TESSERA_KEEP_ALIVE_TIMEOUT`). */
  keepAliveTimeout: number;
  /** Seconds a connection may pass with no traffic either way (`TESSERA_IDLE_TIMEOUT`). */
  idleTimeout: number;
}

export type Env = Record<string, string | undefined>;

/** Thrown by `loadConfig` with every problem found, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const MiB = 1024 * 1024;

export function loadConfig(env: Env = process.env): TesseraConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be an integer between ${min} and ${max}`);
      return def;
    }
    return n;
  };

  const mongoUri = str('MONGODB_URI');
  if (mongoUri !== undefined && !/^mongodb(\+srv)?:\/\//.test(mongoUri)) {
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  }

  const adminPassword = env.TESSERA_ADMIN_PASSWORD === '' ? undefined : env.TESSERA_ADMIN_PASSWORD;
  // The same floor as every password, counted by the same function (platform/src/identity/password-policy.ts,
  // which also refuses the most common passwords when the admin account is created).
  if (adminPassword !== undefined && passwordLength(adminPassword) < 10) {
    problems.push('TESSERA_ADMIN_PASSWORD must have at least 10 characters (spaces at either end do not count)');
  }

  const sessionSecret = str('TESSERA_SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('TESSERA_SESSION_SECRET must have at least 32 characters (e.g. `openssl rand -hex 32`)');
  }

  const auditKey = str('TESSERA_AUDIT_KEY');
  if (auditKey !== undefined && auditKey.length < 32) {
    problems.push('TESSERA_AUDIT_KEY must have at least 32 characters (e.g. `openssl rand -hex 32`)');
  }
  if (mongoUri !== undefined && auditKey === undefined) {
    problems.push('TESSERA_AUDIT_KEY must be set with MONGODB_URI: every node seals the audit log with the same key, kept outside the database (e.g. `openssl rand -hex 32`)');
  }

  const timeZone = str('TESSERA_TIME_ZONE') ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    problems.push(`TESSERA_TIME_ZONE=${JSON.stringify(timeZone)} is not an IANA time zone (e.g. Asia/Shanghai)`);
  }

  const defaultLevel: LogLevel = env.NODE_ENV === 'test' ? 'silent' : 'info';
  const rawLevel = str('LOG_LEVEL');
  let logLevel: LogLevel = defaultLevel;
  if (rawLevel !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as LogLevel;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const trustProxy = parseTrustProxy(str('TESSERA_TRUST_PROXY'), problems);

  const config: TesseraConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: str('HOST') ?? '0.0.0.0',
    dataDir: str('TESSERA_DATA_DIR') ?? './data',
    mongoUri,
    mongoDbName: str('TESSERA_MONGODB_DB'),
    adminPassword,
    timeZone,
    bodyLimit: int('TESSERA_BODY_LIMIT', MiB, 1024, 1024 * MiB),
    importBodyLimit: int('TESSERA_IMPORT_BODY_LIMIT', 50 * MiB, 1024, 4096 * MiB),
    copyRecordLimit: int('TESSERA_COPY_RECORD_LIMIT', 100_000, 0, 100_000_000),
    sessionSecret,
    auditKey,
    sessionMaxAge: int('TESSERA_SESSION_MAX_AGE', 7 * 24 * 3600, 60, 366 * 24 * 3600),
    sessionIdleTimeout: int('TESSERA_SESSION_IDLE_TIMEOUT', 8 * 3600, 60, 366 * 24 * 3600),
    loginRateLimit: int('TESSERA_LOGIN_RATE_LIMIT', 10, 1, 1_000_000),
    trustProxy,
    logLevel,
    spaDir: str('TESSERA_SPA_DIR'),
    shutdownTimeout: int('TESSERA_SHUTDOWN_TIMEOUT', 30, 1, 3600),
    headersTimeout: int('TESSERA_HEADERS_TIMEOUT', 30, 1, 3600),
    requestTimeout: int('TESSERA_REQUEST_TIMEOUT', 300, 1, 24 * 3600),
    keepAliveTimeout: int('TESSERA_KEEP_ALIVE_TIMEOUT', 72, 1, 3600),
    idleTimeout: int('TESSERA_IDLE_TIMEOUT', 120, 1, 24 * 3600),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

// Named ranges proxy-addr (fastify's trust-proxy) understands, beside addresses and CIDRs.
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A proxy address, CIDR range (`10.0.0.0/8`, `fd00::/8`) or named range. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [addr, bits, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * TESSERA_TRUST_PROXY: unset / false / 0 (no proxy), a hop count, or a comma-separated list of
 * proxy addresses. `true` is refused: it believes every X-Forwarded-For entry, so a client that
 * sends a new made-up address on each try would never meet a sign-in limit.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') {
    problems.push(
      'TESSERA_TRUST_PROXY=true would believe any X-Forwarded-For a client sends (and let it escape the sign-in limits): ' +
        'set the number of proxies in front of Tessera (e.g. 1) or their addresses (e.g. 10.0.0.5,10.1.0.0/16)',
    );
    return false;
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 32) return hops;
    problems.push(`TESSERA_TRUST_PROXY=${raw}: a hop count must be between 0 and 32`);
    return false;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (bad.length > 0 || entries.length === 0) {
    problems.push(
      `TESSERA_TRUST_PROXY must be false, a hop count or comma-separated proxy addresses / CIDR ranges; not ${bad.map((b) => JSON.stringify(b)).join(', ') || JSON.stringify(raw)}`,
    );
    return false;
  }
  return entries;
}

/**
 * A password's length as the policy counts it: characters (code points, NFC-composed, so a
 * Chinese passphrase counts as it reads), without spaces at either end (ten spaces are no password).
 */
export function passwordLength(password: string): number {
  return [...password.normalize('NFC').trim()].length;
}
