// A StrykerJS reporter (`live-survivors` in stryker.config.mjs): appends each surviving or
// uncovered mutant to reports/mutation/survivors-live.txt the moment it is tested, in the format
// of survivors.txt. A run of a package takes up to hours and StrykerJS writes its reports only at
// the end; with this file the survivors can be read (and tests written) while the run goes on.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';

const root = join(import.meta.dirname, '..');
const file = join(root, 'reports', 'mutation', 'survivors-live.txt');

class LiveSurvivors {
  onDryRunCompleted() {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
  }

  onMutantTested(m) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') return;
    const where = `${relative(root, m.fileName)}:${m.location.start.line}:${m.location.start.column}`;
    appendFileSync(file, `${where} ${m.status} ${m.mutatorName}: ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 120)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'live-survivors', LiveSurvivors)];
