// Every id a field brings into a form: its own and those of what it holds (tabs, columns,
// children). Ids must be unique across all of them.
import type { Field } from '@tessera/form-engine';
import { innerContainers } from '../tree';

export function fieldIdsOf(f: Field): string[] {
  const ids = [f.id];
  if (f.type === 'tabs') ids.push(...f.tabs.map((t) => t.id));
  if (f.type === 'columns') ids.push(...f.columns.map((c) => c.id));
  for (const c of innerContainers(f)) for (const child of c.fields) ids.push(...fieldIdsOf(child));
  return ids;
}
