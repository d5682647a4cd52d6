#!/usr/bin/env node
// `npm run mutate [-- <folder or file> ...]`: runs StrykerJS (stryker.config.mjs) over each
// package, or over the folders given, with that package's own tests (PACKAGES below), then prints
// per package: mutants, killed, survived, timed out, without coverage, the score and the time it
// took. The survivors are listed, one a line, in reports/mutation/survivors.txt, to be read and
// either killed by a test or noted as equivalent. Each package keeps an incremental file in
// reports/incremental/, so a run only re-tests the mutants whose code or tests changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
/**
 * Each mutated package, the tests that must catch its bugs, and the program its mutants are
 * type-checked in. The embedded store is judged by its own tests (the conformance suite the
 * MongoDB store passes too): every API test goes through the store, so with the API tests as
 * judges each surviving store mutant re-ran all of them (minutes a mutant, hours a run), and a
 * store bug only an API test catches is a conformance test missing.
 */
/**
 * `timeoutMS` is added to a test's own time (×1.5) before a mutant counts as hanging: each hanging
 * mutant (a loop planted in a key walker) costs that much, so packages judged by unit tests of a
 * few milliseconds wait 3 s, those judged by API tests (a server a file) 8 s.
 */
/**
 * The identity package is judged by the API tests about accounts, sign-in, keys, roles and who may
 * do what, not by every API test: each request passes through its hook, so every API test covered
 * each of its per-request mutants, and a surviving one re-ran all 40 files (a full run: about nine
 * hours on two cores). An identity bug only a records test catches is an identity test missing.
 */
const IDENTITY_API_TESTS = [
  'tests/api/identity*.test.ts',
  ...['api-key-scopes', 'authorization-matrix', 'clock', 'login-history', 'security-headers', 'server', 'supplier-portal', 'view-as'].map((f) => `tests/api/${f}.test.ts`),
];
/**
 * The services are judged by their own tests and every API test but those about accounts and
 * sign-in alone: those go through the services only to write the audit trail, and killed none of
 * their mutants another test did not (reports/incremental/runtime-services.json, Dec 2026), yet a
 * change to one re-tested every audit mutant it covered (a third of the package, an hour and a half).
 */
const IDENTITY_ONLY = (file) => file.startsWith('identity') || ['login-history', 'security-headers', 'server'].some((f) => file === `${f}.test.ts`);
const SERVICES_API_TESTS = readdirSync(join(root, 'tests', 'api')).filter((f) => f.endsWith('.test.ts') && !IDENTITY_ONLY(f)).sort().map((f) => `tests/api/${f}`);
const PACKAGES = [
  { dirs: ['engines/form/src'], tests: ['engines/form/tests', 'designer/tests'], tsconfig: 'tsconfig.mutate-form.json', incremental: 'engines-form-src', timeoutMS: 3000 },
  { dirs: ['runtime/src/services'], tests: ['runtime/tests', ...SERVICES_API_TESTS], tsconfig: 'tsconfig.mutate-runtime.json', incremental: 'runtime-services', timeoutMS: 8000 },
  { dirs: ['runtime/src/storage/embedded'], tests: ['runtime/tests/storage'], tsconfig: 'tsconfig.mutate-runtime.json', incremental: 'runtime-embedded', timeoutMS: 3000 },
  { dirs: ['platform/src/identity'], tests: ['platform/tests', ...IDENTITY_API_TESTS], tsconfig: 'tsconfig.mutate.json', incremental: 'platform-src-identity', timeoutMS: 8000 },
];
const NOT_MUTATED = ['!engines/form/src/react/**'];

const targets = process.argv.slice(2).map((t) => relative(root, join(process.cwd(), t)).replace(/\/$/, ''));
const runs = [];
if (targets.length === 0) for (const p of PACKAGES) runs.push({ pkg: p, paths: [...p.dirs] });
for (const t of targets) {
  if (!existsSync(join(root, t))) {
    console.error(`mutate: ${t} does not exist`);
    process.exit(2);
  }
  const within = (dir) => t === dir || t.startsWith(`${dir}/`);
  const holds = (dir) => dir.startsWith(`${t}/`); // a folder above a package's folder (`runtime/src`)
  const pkgs = PACKAGES.filter((p) => p.dirs.some((d) => within(d) || holds(d)));
  if (pkgs.length === 0) {
    console.error(`mutate: ${t} is in none of the mutated packages (${PACKAGES.flatMap((p) => p.dirs).join(', ')})`);
    process.exit(2);
  }
  for (const pkg of pkgs) {
    const run = runs.find((r) => r.pkg === pkg) ?? runs[runs.push({ pkg, paths: [] }) - 1];
    for (const d of pkg.dirs) {
      const path = within(d) ? t : holds(d) ? d : undefined;
      if (path !== undefined && !run.paths.includes(path)) run.paths.push(path);
    }
  }
}

// The API tests read the built web app (tests/api/security-headers.test.ts checks its index.html);
// StrykerJS copies the checkout, designer/dist included, so build it first where a fresh clone has none.
if (runs.some((r) => r.pkg.tests.some((t) => t.startsWith('tests/api')))) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-designer-built.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

mkdirSync(join(root, 'reports', 'mutation'), { recursive: true });
const rows = [];
const survivors = [];
const began = Date.now();
for (const { pkg, paths } of runs) {
  const globs = paths.map((t) => (statSync(join(root, t)).isDirectory() ? `${t}/**/*.ts` : t));
  // The report's name says what was run; a long list of files is named by its package and a hash
  // (a file name past 255 bytes made the JSON reporter fail at the very end of a two-hour run,
  // and with it the incremental file it was writing).
  const named = paths.join('+').replace(/[^A-Za-z0-9]+/g, '-');
  const slug = named.length <= 120 ? named : `${pkg.incremental}-${createHash('sha1').update(named).digest('hex').slice(0, 10)}`;
  const report = `reports/mutation/${slug}.json`;
  // One incremental file per package, whatever part of it is run: Stryker carries the results of
  // the files outside this run's scope along, so a folder's run adds to the package's results.
  // Committed (.gitignore lets reports/incremental/ through): a fresh clone then re-tests only
  // what changed since the last committed run instead of paying hours for a run from nothing.
  const incremental = `reports/incremental/${pkg.incremental}.json`;
  const args = ['stryker', 'run', '--incrementalFile', incremental, '--timeoutMS', String(pkg.timeoutMS), '--mutate', [...globs, ...NOT_MUTATED].join(',')];
  console.log(`mutate: ${paths.join(', ')} with the tests in ${pkg.tests.join(', ')}`);
  const started = Date.now();
  const run = spawnSync('npx', args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TESSERA_MUTATE_TESTS: pkg.tests.join(','), TESSERA_MUTATE_REPORT: report, TESSERA_MUTATE_TSCONFIG: pkg.tsconfig },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0) {
    console.error(`mutate: stryker exited with ${run.status} on ${paths.join(', ')}`);
    process.exit(run.status ?? 1);
  }
  // The report holds the package's carried results too: a row counts the files of one path asked for.
  const files = Object.entries(JSON.parse(readFileSync(join(root, report), 'utf8')).files);
  for (const path of paths) {
    const row = { package: path, mutants: 0, killed: 0, survived: 0, 'timed out': 0, 'no coverage': 0, ignored: 0, 'type errors': 0, score: '', seconds };
    for (const [file, { mutants }] of files.filter(([f]) => f === path || f.startsWith(`${path}/`))) {
      for (const m of mutants) {
        row.mutants += 1;
        const key = { Killed: 'killed', Survived: 'survived', Timeout: 'timed out', NoCoverage: 'no coverage', CompileError: 'type errors' }[m.status] ?? 'ignored';
        row[key] += 1;
        if (m.status === 'Survived' || m.status === 'NoCoverage') {
          survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName}: ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 120)}`);
        }
      }
    }
    rows.push(row);
  }
}

const score = (r) => {
  const detected = r.killed + r['timed out'];
  const valid = detected + r.survived + r['no coverage'];
  return valid === 0 ? '—' : `${((100 * detected) / valid).toFixed(1)}%`;
};
if (rows.length > 1) {
  const total = { package: 'total', mutants: 0, killed: 0, survived: 0, 'timed out': 0, 'no coverage': 0, ignored: 0, 'type errors': 0, score: '', seconds: 0 };
  for (const r of rows) for (const k of Object.keys(total)) if (typeof r[k] === 'number' && k !== 'seconds') total[k] += r[k];
  total.seconds = Math.round((Date.now() - began) / 1000);
  rows.push(total);
}
for (const r of rows) r.score = score(r);
writeFileSync(join(root, 'reports', 'mutation', 'survivors.txt'), survivors.join('\n') + (survivors.length ? '\n' : ''));
console.log('');
console.table(rows);
console.log(`mutate: survivors (survived or without coverage) listed in reports/mutation/survivors.txt (${survivors.length}); "ignored" counts static mutants and those a \`// Stryker disable\` comment marks equivalent, "type errors" those the type checker refused (neither counts in the score); "seconds" is the time of the StrykerJS run the row was part of`);
