// Jest's globalSetup (jest.config.cjs): builds the web app once, before any browser test file
// starts (each file used to rebuild designer/dist on its own, and one file's build emptied the
// folder while another file's server served it), then copies the build into a folder of this
// run's own that the harness's servers serve, so a build by another run or by `npm start`
// meanwhile changes nothing under the tests. When no browser test is selected
// (`npx jest tests/api`), it does nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GlobalConfig } from 'jest';

/** The environment variable that tells the harness where this run's copy of the web app is. */
export const SPA_ENV = 'TESSERA_BROWSER_TEST_SPA';

const ROOT = join(__dirname, '..', '..');

/** Whether the run's path patterns select any browser test (when unsure: yes). */
function browserTestsSelected(config: GlobalConfig): boolean {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.ts')).map((f) => join(__dirname, f));
  try {
    const patterns = config.testPathPatterns.toExecutor({ rootDir: config.rootDir });
    return files.some((f) => patterns.isMatch(f));
  } catch {
    return true;
  }
}

export default function globalSetup(config: GlobalConfig): void {
  if (!browserTestsSelected(config)) return;
  // Builds only when designer/dist is missing (a fresh clone) or older than its sources.
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-designer-built.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app (scripts/ensure-designer-built.mjs) failed');
  const copy = mkdtempSync(join(tmpdir(), 'tessera-browser-spa-'));
  cpSync(join(ROOT, 'designer', 'dist'), copy, { recursive: true });
  // Set before jest starts its workers, which inherit it.
  process.env[SPA_ENV] = copy;
}
