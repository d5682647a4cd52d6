// Builds the web app (designer/dist) when it is missing or older than its sources, so
// `npm start` on a fresh clone serves the UI without a separate build step. Plain Node, no deps.
// The build goes to a folder beside it and is swapped in whole: vite empties its outDir first,
// and a server or a test run reading designer/dist meanwhile would find no index.html.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(root, 'designer', 'dist');
const dist = join(distDir, 'index.html');
const sources = [join(root, 'designer', 'src'), join(root, 'designer', 'index.html'), join(root, 'designer', 'vite.config.ts'), join(root, 'engines', 'form', 'src'), join(root, 'engines', 'form', 'form-schema.schema.json')];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

const built = existsSync(dist) ? statSync(dist).mtimeMs : 0;
const changed = Math.max(...sources.map(newest));
if (built && built >= changed && !process.argv.includes('--force')) process.exit(0);

console.log(built ? 'tessera: the web app changed, rebuilding…' : 'tessera: building the web app (first start)…');
// Beside designer/dist on the same disk (a rename cannot cross disks), in an ignored folder.
const scratch = join(root, 'node_modules', '.cache', 'tessera-designer');
mkdirSync(scratch, { recursive: true });
const next = join(scratch, `dist-${process.pid}`);
const old = join(scratch, `old-${process.pid}`);
const started = new Date();
// Always a production build: when jest (NODE_ENV=test) triggered the rebuild, vite built React in
// development mode — about twice as slow to render — and `npm start` then served that build.
const res = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--outDir', next, '--emptyOutDir'], {
  cwd: join(root, 'designer'),
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
if (res.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  process.exit(res.status ?? 1);
}
try {
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(next, distDir);
  // Stamped with the time the build started: a source saved while it ran is newer, so rebuilt next time.
  utimesSync(dist, started, started);
} catch (e) {
  // Another run swapped its build in at the same moment, from the same sources: keep that one.
  if (!existsSync(dist)) throw e;
} finally {
  rmSync(next, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
}
