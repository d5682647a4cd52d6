// What in a form refers to a field, found the way the engine resolves names: formulas, rules,
// defaults and cross-form checks read var paths ('qty', 'lines.qty', '$row.qty'); relations,
// lookups, totals, the title field and checks against this same form name fields directly.
// One visitor knows every such place: finding uses (may this field move?) and renaming a field
// (rewrite them all) both go through it, so the two cannot disagree about what a reference is.
import { referencedFields, type CrossCheck, type Field, type FormSchema, type Formula, type Logic } from '@tessera/form-engine';
import { mapInner, mapList, walk } from './tree';

/** Where a reference sits: the field it belongs to ('' for the form itself), and the subform whose row its logic reads (if any). */
export interface Site {
  by: string;
  sub?: string;
}

/** Called at every reference; each returns what it was given, or a rewritten copy. */
export interface RefVisitor {
  /** An expression whose var paths are read at the site. */
  logic(logic: Logic, site: Site): Logic;
  /** A field named directly, as a path at the form's level ('qty', or 'lines.n' for a subform column). */
  name(path: string, site: Site): string;
}

/** A list with `fn` applied to each item; the same list when nothing changed. */
function mapItems<T>(list: T[], fn: (x: T) => T): T[] {
  let changed = false;
  const next = list.map((x) => {
    const y = fn(x);
    if (y !== x) changed = true;
    return y;
  });
  return changed ? next : list;
}

/** A formula with its logic visited; the cached text goes where the logic changed (the designer formats it from the logic). */
function mapFormula(f: Formula, logic: (l: Logic) => Logic): Formula {
  if (f.logic === undefined) return f;
  const next = logic(f.logic);
  if (next === f.logic) return f;
  const { text: _text, ...rest } = f;
  return { ...rest, logic: next };
}

/** Relations pointing at this same form: what they show, scan, copy and look up are fields of this form. */
function selfRelations(schema: FormSchema): ReadonlySet<string> {
  return new Set(walk(schema).flatMap((l) => (l.field.type === 'relation' && l.field.formId === schema.id ? [l.field.id] : [])));
}

/** The references a field holds itself (not those of the fields it holds). */
function mapFieldSites(f: Field, v: RefVisitor, sub: string | undefined, self: ReadonlySet<string>): Field {
  const site: Site = sub === undefined ? { by: f.id } : { by: f.id, sub };
  const logic = (l: Logic) => v.logic(l, site);
  const name = (p: string) => v.name(p, site);
  let g: Field = f;
  const set = (k: string, value: unknown) => {
    if ((g as unknown as Record<string, unknown>)[k] !== value) g = { ...g, [k]: value } as Field;
  };
  if (f.visibleIf !== undefined) set('visibleIf', logic(f.visibleIf));
  if (f.requiredIf !== undefined) set('requiredIf', logic(f.requiredIf));
  if (f.rules) set('rules', mapItems(f.rules, (r) => ((l) => (l === r.logic ? r : { ...r, logic: l }))(logic(r.logic))));
  if (f.default && 'formula' in f.default) {
    const formula = mapFormula(f.default.formula, logic);
    if (formula !== f.default.formula) set('default', { ...f.default, formula });
  }
  if (f.type === 'formula') set('formula', mapFormula(f.formula, logic));
  if (f.type === 'lookup') {
    if (self.has(f.relationField)) set('targetField', name(f.targetField));
    set('relationField', name(f.relationField));
  }
  if (f.type === 'relation') {
    const own = self.has(f.id);
    if (own) {
      set('displayField', name(f.displayField));
      if (f.scanField !== undefined) set('scanField', name(f.scanField));
    }
    if (f.autofill) {
      set('autofill', mapItems(f.autofill, (m) => {
        const to = name(m.to);
        const from = own ? name(m.from) : m.from;
        return to === m.to && from === m.from ? m : { ...m, from, to };
      }));
    }
  }
  if (f.type === 'subform' && f.totals) {
    set('totals', mapItems(f.totals, (t) => {
      const p = name(`${f.id}.${t.field}`);
      const column = p.slice(p.indexOf('.') + 1);
      return column === t.field ? t : { ...t, field: column };
    }));
  }
  return g;
}

function mapCheck(c: CrossCheck, formId: string, logic: (l: Logic) => Logic, name: (p: string) => string): CrossCheck {
  // A check against this same form also names its fields on the "source" side.
  const own = c.source.formId === formId;
  let changed = false;
  const entries = Object.entries(c.source.match).map(([k, l]): [string, Logic] => {
    const key = own ? name(k) : k;
    const value = logic(l);
    if (key !== k || value !== l) changed = true;
    return [key, value];
  });
  const match = changed ? Object.fromEntries(entries) : c.source.match;
  const field = own && c.source.field !== undefined ? name(c.source.field) : c.source.field;
  const rule = logic(c.rule);
  const fieldId = c.fieldId !== undefined ? name(c.fieldId) : undefined;
  if (match === c.source.match && field === c.source.field && rule === c.rule && fieldId === c.fieldId) return c;
  return { ...c, rule, source: { ...c.source, match, ...(field !== undefined ? { field } : {}) }, ...(fieldId !== undefined ? { fieldId } : {}) };
}

/** Visits every reference in the form; the schema comes back the same object unless the visitor rewrote something. */
export function mapRefs(schema: FormSchema, v: RefVisitor): FormSchema {
  const self = selfRelations(schema);
  const visit = (f: Field, sub: string | undefined): Field => {
    const inner = f.type === 'subform' ? f.id : sub;
    return mapInner(mapFieldSites(f, v, sub, self), (list) => mapList(list, (c) => visit(c, inner)));
  };
  const fields = mapList(schema.fields, (f) => visit(f, undefined));
  const form: Site = { by: '' };
  const logic = (l: Logic) => v.logic(l, form);
  const name = (p: string) => v.name(p, form);
  let next: FormSchema = fields === schema.fields ? schema : { ...schema, fields };
  const set = <K extends keyof FormSchema>(k: K, value: FormSchema[K]) => {
    if (next[k] !== value) next = { ...next, [k]: value };
  };
  if (schema.titleField !== undefined) set('titleField', name(schema.titleField));
  if (schema.rules) set('rules', mapItems(schema.rules, (r) => ((l) => (l === r.logic ? r : { ...r, logic: l }))(logic(r.logic))));
  if (schema.crossChecks) set('crossChecks', mapItems(schema.crossChecks, (c) => mapCheck(c, schema.id, logic, name)));
  return next;
}

// Worked out once per schema object: a drag asks on every pointer move.
const cache = new WeakMap<FormSchema, Map<string, Set<string>>>();

/** The paths and names the form uses, each with the fields that use it ('' for the form itself). */
export function usesOf(schema: FormSchema): Map<string, Set<string>> {
  const hit = cache.get(schema);
  if (hit) return hit;
  const uses = new Map<string, Set<string>>();
  cache.set(schema, uses);
  const add = (name: string, by: string) => {
    if (!uses.has(name)) uses.set(name, new Set());
    uses.get(name)!.add(by);
  };
  mapRefs(schema, {
    logic(l, site) {
      for (const p of referencedFields(l)) add(p, site.by);
      return l;
    },
    name(p, site) {
      if (p) add(p, site.by);
      return p;
    },
  });
  return uses;
}

/** Is the field (top level, or a column of `subform`) used by anything other than itself? */
export function isUsed(uses: Map<string, Set<string>>, id: string, subform?: string): boolean {
  const names = subform ? [`${subform}.${id}`, `$row.${id}`] : [id];
  return names.some((n) => [...(uses.get(n) ?? [])].some((by) => by !== id));
}

const NO_RELATIONS: ReadonlySet<string> = new Set();

/** Does the field's own logic read its row's other columns? */
export function readsRow(f: Field): boolean {
  let reads = false;
  mapFieldSites(f, {
    logic(l) {
      reads ||= referencedFields(l).some((p) => p.startsWith('$row.'));
      return l;
    },
    name: (p) => p,
  }, undefined, NO_RELATIONS);
  return reads;
}
