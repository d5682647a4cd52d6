// The `tessera` command: `npm start` runs `tessera start`. Each subcommand reads the same
// configuration (environment variables) as the server.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import * as runtime from '@tessera/runtime';
import { ConfigError, StoreError, createStore, installGracefulShutdown, loadConfig, type Store, type TesseraConfig } from '@tessera/runtime';
import { buildApp } from './app';
import { createUser, ensureIdentityIndexes, identityCollections, MIN_PASSWORD_LENGTH, passwordIssues } from './identity';
import { AUDIT_KEY_FILE, resolveAuditKey } from './audit-key';

const HELP = `Tessera — no-code apps for quality and supply chain

Usage:
  tessera start                 Start the server (npm start)
  tessera user create --username <name> [--password <pw>] [--display-name <name>] [--admin]
                                Create a user (prints a generated password when none is given)
  tessera audit verify          Check the audit log's hash chain for tampering
  tessera --help                This help

Configuration (environment): PORT (3000), HOST (0.0.0.0), TESSERA_DATA_DIR (./data),
MONGODB_URI, TESSERA_ADMIN_PASSWORD, TESSERA_SESSION_SECRET, TESSERA_TIME_ZONE,
TESSERA_BODY_LIMIT, TESSERA_IMPORT_BODY_LIMIT, TESSERA_COPY_RECORD_LIMIT, LOG_LEVEL.
See docs/administration.md.
`;

class UsageError extends Error {}

function banner(lines: string[]): string {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '='.repeat(width);
  return [bar, ...lines.map((l) => `  ${l}`), bar].join('\n');
}

async function openStore(config: TesseraConfig): Promise<Store> {
  return createStore({ dataDir: config.dataDir, mongoUri: config.mongoUri, dbName: config.mongoDbName });
}

async function start(): Promise<void> {
  const config = loadConfig();
  const t = await buildApp({ env: process.env });
  try {
    await t.app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await t.close();
    throw err;
  }
  installGracefulShutdown(t.app, { onClosed: () => t.store.close(), timeoutSeconds: config.shutdownTimeout });
  const { port } = t.app.server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [`Tessera is running at http://${shownHost}:${port}`, `Store: ${t.store.kind}${t.store.kind === 'embedded' ? ` (${config.dataDir})` : ''}`];
  if (t.adminPassword && t.adminPasswordGenerated) {
    lines.push(
      '',
      'First start: an administrator account was created.',
      '  username: admin',
      `  password: ${t.adminPassword}`,
      'This one-time password is shown only now; you must change it after signing in.',
    );
  } else if (t.adminPassword) {
    lines.push('', 'First start: the administrator account "admin" was created with TESSERA_ADMIN_PASSWORD.');
  } else {
    lines.push('Sign in with your account (the administrator is "admin").');
  }
  process.stdout.write(`\n${banner(lines)}\n\n`);
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      admin: { type: 'boolean', default: false },
    },
  });
  if (!values.username) throw new UsageError('tessera user create needs --username <name>');
  const generated = values.password === undefined;
  const password = values.password ?? randomBytes(12).toString('base64url');
  const weak = passwordIssues(password, '--password')[0];
  if (weak) throw new UsageError(`--password must have at least ${MIN_PASSWORD_LENGTH} characters and not be a common password (${weak.message})`);
  const store = await openStore(loadConfig());
  try {
    const c = identityCollections(store);
    await ensureIdentityIndexes(c);
    const user = await createUser(c, {
      username: values.username,
      password,
      displayName: values['display-name'],
      isAdmin: values.admin,
      mustChangePassword: generated,
    });
    console.log(`Created user "${user.username}"${user.isAdmin ? ' (administrator)' : ''} with id ${user._id}.`);
    if (generated) console.log(`One-time password: ${password}  (must be changed after the first sign-in)`);
  } finally {
    await store.close();
  }
}

async function auditVerify(): Promise<void> {
  const verify = (runtime as Record<string, unknown>).verifyAuditChain;
  if (typeof verify !== 'function') {
    console.error('tessera audit verify is not available yet: this build has no audit log (verifyAuditChain missing).');
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  // The seal is checked with the key kept outside the store (never made here: none means unsealed).
  const key = await resolveAuditKey(config, { create: false });
  if (!key) console.error(`No audit key (TESSERA_AUDIT_KEY or ${AUDIT_KEY_FILE} in the data directory): the chain is checked without its seal, so a cut or re-chained log may go unseen.`);
  const store = await openStore(config);
  try {
    const result = (await (verify as (s: Store, o: { key?: string }) => Promise<unknown>)(store, key ? { key } : {})) as { ok?: boolean } | undefined;
    console.log(JSON.stringify(result, null, 2));
    if (!result || result.ok !== true) {
      console.error('Audit chain verification FAILED.');
      process.exitCode = 1;
    } else {
      console.log('Audit chain verified: no tampering found.');
    }
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [cmd, sub, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (cmd === 'start') return start();
  if (cmd === 'user' && sub === 'create') return userCreate(rest);
  if (cmd === 'audit' && sub === 'verify') return auditVerify();
  throw new UsageError(`Unknown command: ${argv.join(' ')}`);
}

function explain(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError) return { message: `${err.message}\n\n${HELP}`, code: 64 };
  if (err instanceof ConfigError) return { message: err.message, code: 78 };
  if (err instanceof StoreError && err.code === 'DATA_DIR_LOCKED') {
    return {
      message:
        `The data directory is locked: another Tessera process is using it.\n${err.message}\n` +
        'Stop the other process, or set TESSERA_DATA_DIR to another folder (or use MONGODB_URI to run several nodes).',
      code: 1,
    };
  }
  if (err instanceof StoreError && err.code === 'UNSUPPORTED_SERVER') return { message: `${err.message}\nSee docs/storage.md.`, code: 1 };
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EADDRINUSE') return { message: `The port is already in use (${e.message}). Set PORT to another port.`, code: 1 };
  return { message: e?.stack ?? String(err), code: 1 };
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const { message, code } = explain(err);
  process.stderr.write(`tessera: ${message}\n`);
  process.exit(code);
});
