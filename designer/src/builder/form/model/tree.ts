// Addressing fields inside a form's nested layout, by id. A container is where fields sit:
// the form itself ('root'), a section or a subform (its field id), a tab or a column
// ('<fieldId>/<tabId>'). Commands name containers and fields this way, so a history entry
// stays valid however the fields around it move. Every update is immutable: the parts of the
// schema that did not change are shared, which keeps React's memoised canvas cheap.
import type { Field, FormSchema } from '@tessera/form-engine';

export type ContainerKey = string;
export const ROOT: ContainerKey = 'root';

export interface Position {
  container: ContainerKey;
  index: number;
}

export interface Located extends Position {
  field: Field;
  /** The containers above this field, innermost last (for "a container cannot go into itself"). */
  ancestors: string[];
  /** The subform whose rows hold this field (absent at the form's own level). */
  subform?: string;
}

type ContainerField = Extract<Field, { type: 'section' | 'subform' | 'tabs' | 'columns' }>;

export const isContainer = (f: Field): f is ContainerField => f.type === 'section' || f.type === 'subform' || f.type === 'tabs' || f.type === 'columns';

/** Keys of a field that hold other fields: they change by the field's own commands, never as properties. */
export const CHILD_KEYS: ReadonlySet<string> = new Set(['fields', 'tabs', 'columns']);

/** The containers a field holds, in order, with their lists. */
export function innerContainers(f: Field): Array<{ key: ContainerKey; fields: Field[] }> {
  if (f.type === 'section' || f.type === 'subform') return [{ key: f.id, fields: f.fields }];
  if (f.type === 'tabs') return f.tabs.map((t) => ({ key: `${f.id}/${t.id}`, fields: t.fields }));
  if (f.type === 'columns') return f.columns.map((c) => ({ key: `${f.id}/${c.id}`, fields: c.fields }));
  return [];
}

/** The field that owns a container key (undefined for the root). */
export const ownerOf = (key: ContainerKey): string | undefined => (key === ROOT ? undefined : key.split('/')[0]);

// Worked out once per list of fields: schemas are immutable, and an edit that leaves the fields
// alone (form.update) keeps the same list. A drag asks where fields are on every pointer move,
// and a keystroke in the property panel locates its field several times.
const walks = new WeakMap<readonly Field[], readonly Located[]>();
const indexes = new WeakMap<readonly Field[], ReadonlyMap<string, Located>>();

/** Every field, depth-first in visual order, with where it sits. */
export function walk(schema: Pick<FormSchema, 'fields'>): readonly Located[] {
  const hit = walks.get(schema.fields);
  if (hit) return hit;
  const out: Located[] = [];
  const visit = (list: Field[], container: ContainerKey, ancestors: string[], subform: string | undefined) => {
    list.forEach((field, index) => {
      out.push({ field, container, index, ancestors, ...(subform !== undefined ? { subform } : {}) });
      const inner = [...ancestors, field.id];
      for (const c of innerContainers(field)) visit(c.fields, c.key, inner, field.type === 'subform' ? field.id : subform);
    });
  };
  visit(schema.fields, ROOT, [], undefined);
  walks.set(schema.fields, out);
  return out;
}

export function locate(schema: Pick<FormSchema, 'fields'>, id: string): Located | undefined {
  let index = indexes.get(schema.fields);
  if (!index) {
    const byId = new Map<string, Located>();
    for (const l of walk(schema)) if (!byId.has(l.field.id)) byId.set(l.field.id, l);
    index = byId;
    indexes.set(schema.fields, index);
  }
  return index.get(id);
}

/** The subform whose rows the fields of a container sit in, if any. */
export function subformAt(schema: Pick<FormSchema, 'fields'>, key: ContainerKey): string | undefined {
  const owner = ownerOf(key);
  const at = owner === undefined ? undefined : locate(schema, owner);
  return at?.field.type === 'subform' ? at.field.id : at?.subform;
}

/** The list of a container, or undefined when the key names nothing. */
export function listOf(schema: Pick<FormSchema, 'fields'>, key: ContainerKey): Field[] | undefined {
  if (key === ROOT) return schema.fields;
  const [ownerId, part] = key.split('/');
  const owner = locate(schema, ownerId)?.field;
  if (!owner) return undefined;
  return innerContainers(owner).find((c) => c.key === (part === undefined ? ownerId : `${ownerId}/${part}`))?.fields;
}

/** The field with the list of its container `part` (undefined for a section or subform) replaced, or undefined when it has no such list. */
function withInner(f: Field, part: string | undefined, update: (l: Field[]) => Field[]): Field | undefined {
  if ((f.type === 'section' || f.type === 'subform') && part === undefined) return { ...f, fields: update(f.fields) };
  if (f.type === 'tabs' && part !== undefined && f.tabs.some((t) => t.id === part)) return { ...f, tabs: f.tabs.map((t) => (t.id === part ? { ...t, fields: update(t.fields) } : t)) };
  if (f.type === 'columns' && part !== undefined && f.columns.some((c) => c.id === part)) return { ...f, columns: f.columns.map((c) => (c.id === part ? { ...c, fields: update(c.fields) } : c)) };
  return undefined;
}

/**
 * Replaces the list of a container (immutably); throws when the container does not exist. Only
 * the lists on the way from the root to it are copied.
 */
export function withList<S extends Pick<FormSchema, 'fields'>>(schema: S, key: ContainerKey, fn: (list: Field[]) => Field[]): S {
  if (key === ROOT) return { ...schema, fields: fn(schema.fields) };
  const [ownerId, part] = key.split('/');
  const owner = locate(schema, ownerId);
  const next = owner && withInner(owner.field, part, fn);
  if (!owner || !next) throw new Error(`no container ${key}`);
  return withList(schema, owner.container, (list) => list.map((f, i) => (i === owner.index ? next : f)));
}

/** Applies `fn` to every inner list of a container field (to reach what it holds); unchanged lists keep the field as it is. */
export function mapInner(f: Field, fn: (list: Field[]) => Field[]): Field {
  if (f.type === 'section' || f.type === 'subform') {
    const fields = fn(f.fields);
    return fields === f.fields ? f : { ...f, fields };
  }
  if (f.type === 'tabs') {
    let changed = false;
    const tabs = f.tabs.map((t) => {
      const fields = fn(t.fields);
      if (fields === t.fields) return t;
      changed = true;
      return { ...t, fields };
    });
    return changed ? { ...f, tabs } : f;
  }
  if (f.type === 'columns') {
    let changed = false;
    const columns = f.columns.map((c) => {
      const fields = fn(c.fields);
      if (fields === c.fields) return c;
      changed = true;
      return { ...c, fields };
    });
    return changed ? { ...f, columns } : f;
  }
  return f;
}

/** A list with `fn` applied to each field; the same list when nothing changed. */
export function mapList(list: Field[], fn: (f: Field) => Field): Field[] {
  let changed = false;
  const next = list.map((f) => {
    const g = fn(f);
    if (g !== f) changed = true;
    return g;
  });
  return changed ? next : list;
}

/** Replaces one field (found anywhere) by `fn(field)`. */
export function withField<S extends Pick<FormSchema, 'fields'>>(schema: S, id: string, fn: (f: Field) => Field): S {
  const at = locate(schema, id);
  if (!at) throw new Error(`no field ${id}`);
  return withList(schema, at.container, (list) => list.map((f) => (f.id === id ? fn(f) : f)));
}

export function insertAt<S extends Pick<FormSchema, 'fields'>>(schema: S, pos: Position, fields: Field[]): S {
  return withList(schema, pos.container, (list) => {
    const i = Math.max(0, Math.min(pos.index, list.length));
    return [...list.slice(0, i), ...fields, ...list.slice(i)];
  });
}

export function removeAt<S extends Pick<FormSchema, 'fields'>>(schema: S, container: ContainerKey, id: string): S {
  return withList(schema, container, (list) => list.filter((f) => f.id !== id));
}

/** Every id used in the form: fields, tabs and columns (ids must be unique across all three). */
export function usedIds(schema: Pick<FormSchema, 'fields'>): Set<string> {
  const ids = new Set<string>();
  for (const l of walk(schema)) {
    ids.add(l.field.id);
    if (l.field.type === 'tabs') l.field.tabs.forEach((t) => ids.add(t.id));
    if (l.field.type === 'columns') l.field.columns.forEach((c) => ids.add(c.id));
  }
  return ids;
}

/** A container key's depth-first position, to keep multi-field moves in visual order. */
export function visualOrder(schema: Pick<FormSchema, 'fields'>, ids: readonly string[]): string[] {
  const rank = new Map(walk(schema).map((l, i) => [l.field.id, i]));
  return [...ids].filter((id) => rank.has(id)).sort((a, b) => rank.get(a)! - rank.get(b)!);
}
