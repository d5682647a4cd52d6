// Compiles the server ahead of time: our TypeScript workspaces (platform, runtime, engines)
// bundled into dist/server/*.cjs by esbuild; everything from node_modules stays a plain
// require. `npm start` runs this bundle rather than compiling on the fly with tsx: module
// boundaries become direct calls (tsx turns every imported name into a getter call, which cost
// the form engine about a third of its speed) and the server starts faster.
// Skips the build when the bundle is newer than every source; pass --force to rebuild.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'server');
const entries = {
  cli: 'platform/src/cli.ts',
  platform: 'platform/src/index.ts',
  'form-engine': 'engines/form/src/index.ts',
  runtime: 'runtime/src/index.ts',
};
// Our sources, and the installed packages (the bundle requires some of them by path).
const sources = ['platform/src', 'runtime/src', 'engines/form/src', 'engines/form/form-schema.schema.json', 'package-lock.json', 'node_modules/.package-lock.json', 'scripts/build-server.mjs'].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

export async function buildServer({ force = false, quiet = false } = {}) {
  const outputs = Object.keys(entries).map((name) => join(out, `${name}.cjs`));
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
  if (!force && built && built >= Math.max(...sources.map(newest))) return false;
  if (!quiet) console.log('tessera: compiling the server…');
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(root, v)])),
    outdir: out,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        // Packages from node_modules are required at run time (native lmdb, pino's workers…);
        // only our own workspaces are compiled in.
        name: 'external-packages',
        setup(b) {
          // A package a workspace keeps in its own node_modules (the form engine's ajv 8 beside
          // eslint's ajv 6 at the root) is required by its path relative to the bundle.
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('@tessera/')) return undefined;
            if (isBuiltin(args.path)) return { path: args.path, external: true };
            const resolved = createRequire(args.importer).resolve(args.path);
            const atRoot = resolved.startsWith(join(root, 'node_modules') + sep) && !relative(join(root, 'node_modules'), resolved).includes(`${sep}node_modules${sep}`);
            if (atRoot) return { path: args.path, external: true };
            return { path: relative(out, resolved).split(sep).join('/').replace(/^(?!\.)/, './'), external: true };
          });
        },
      },
    ],
  });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildServer({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
