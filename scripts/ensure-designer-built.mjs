// Builds the web app (designer/dist) when it is missing or older than its sources, so
// `npm start` on a fresh clone serves the UI without a separate build step. Plain Node, no deps.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'designer', 'dist', 'index.html');
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
// Always a production build: when jest (NODE_ENV=test) triggered the rebuild, vite built React in
// development mode — about twice as slow to render — and `npm start` then served that build.
const res = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: join(root, 'designer'),
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(res.status ?? 1);
