// Which records a list, an export or a grouped view reads for a caller: the rows their grant
// reaches, the client's filter (only on fields they see, on the rows where they see them), and a
// search over the title, searchable fields, serial numbers and what relations and lookups show.
import { dataFields, titleFieldOf, type FormEngine, type FormSchema } from '@tessera/form-engine';
import type { Filter } from '../storage';
import { compileFilter, escapeRegex, filterableFields, NOTHING, scopeFilter, type FilterPath } from './filter';
import { filterPaths, pushRows, topField } from './record-helpers';
import { forbidden, type Action, type Caller } from './permissions';

export interface ListScope {
  filter?: unknown;
  q?: string;
  deleted?: 'exclude' | 'include' | 'only';
}

/**
 * The filter of the records `query` selects for the caller (403 when the action reaches none), and
 * the field paths the caller may name (fields hidden on all their records are left out).
 */
export function listFilter(caller: Caller, schema: FormSchema, query: ListScope, action: Action, engine: Pick<FormEngine, 'fieldType'>, timeZone: string): { base: Filter; fields: Map<string, FilterPath> } {
  const { access } = caller;
  const live = query.deleted === 'exclude' || query.deleted === undefined;
  const rows = access.rowFilter(live ? action : 'restore');
  if (rows === null) throw forbidden(live ? action : 'restore');
  // The HTTP routes pass the form as the caller gets it, already without these fields: leaving them
  // out here too keeps any other caller from filtering or searching by them (a mutant dropping
  // it survives through HTTP, read).
  const hidden = access.hiddenEverywhere();
  const all = filterableFields(schema, engine);
  const fields = hidden.size ? new Map([...all].filter(([path]) => !hidden.has(topField(path)))) : all;
  const parts: Filter[] = [scopeFilter(caller.principal, { deleted: query.deleted })];
  if (Object.keys(rows).length) parts.push(rows);
  if (query.filter !== undefined) {
    parts.push(compileFilter(query.filter, fields, { timeZone }));
    if (!access.isFull) for (const f of new Set([...filterPaths(query.filter)].map(topField))) pushRows(parts, access.visibleRows(f));
  }
  if (query.q?.trim()) {
    // A search looks where the list shows what a record is: its title (the form's title field, or
    // the first field the caller sees when it names none or hides it from them, as the list does),
    // searchable fields and serial numbers; a supplier is found by its name: relations search what
    // they show, lookups what they copied. A caller who sees none of these finds nothing (the text
    // ignored would show every record as if it matched).
    const shown = dataFields(schema.fields).filter((f) => !hidden.has(f.id));
    const title = titleFieldOf(schema, shown)?.id;
    const searchable = shown.filter((f) => f.searchable || f.type === 'serial' || f.type === 'relation' || f.type === 'lookup' || f.id === title);
    const re = escapeRegex(query.q.trim().slice(0, 100));
    parts.push(
      searchable.length === 0 ? NOTHING : {
        $or: searchable.map((f) => {
          const term: Filter = { [f.type === 'relation' ? `${f.id}.display` : f.id]: { $regex: re, $options: 'i' } };
          const where = access.visibleRows(f.id);
          return where && Object.keys(where).length ? { $and: [term, where] } : term;
        }),
      },
    );
  }
  return { base: parts.length === 1 ? parts[0] : { $and: parts }, fields };
}
