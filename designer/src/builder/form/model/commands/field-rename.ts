// field.rename: changes a field's id (allowed until the form is published) and every reference
// to it in this form: formulas, defaults, rules, cross-form checks, autofill targets, lookups,
// subform totals and the title field. A formula's cached text is dropped where its logic
// changed (the designer always shows text formatted from the logic). References from other
// forms cannot be reached from here; publishing re-checks them.
import type { Field, FormSchema, Logic } from '@tessera/form-engine';
import { locate, usedIds, walk } from '../tree';
import { CommandError, defineCommand } from './types';

interface Renamer {
  /** Rewrites a var path read by logic that sits in `subform` (undefined at top level). */
  path(p: string, subform: string | undefined): string;
}

function renamer(from: string, to: string, parentSubform: string | undefined): Renamer {
  return {
    path(p, subform) {
      if (parentSubform === undefined) {
        if (p === from) return to;
        if (p.startsWith(`${from}.`)) return to + p.slice(from.length);
        return p;
      }
      // A subform column: `lines.amount` anywhere, `$row.amount` inside its own subform.
      if (p === `${parentSubform}.${from}`) return `${parentSubform}.${to}`;
      if (subform === parentSubform && p === `$row.${from}`) return `$row.${to}`;
      return p;
    },
  };
}

function mapLogic(logic: Logic, r: Renamer, subform: string | undefined): Logic {
  if (Array.isArray(logic)) {
    const out = logic.map((l) => mapLogic(l, r, subform));
    return out.some((x, i) => x !== logic[i]) ? out : logic;
  }
  if (!logic || typeof logic !== 'object') return logic;
  const entries = Object.entries(logic as Record<string, unknown>);
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    let nv: unknown;
    if (k === 'var') {
      if (typeof v === 'string') nv = r.path(v, subform);
      else if (Array.isArray(v) && typeof v[0] === 'string') {
        const p = r.path(v[0], subform);
        nv = p === v[0] ? v : [p, ...v.slice(1)];
      } else nv = v;
    } else nv = mapLogic(v, r, subform);
    if (nv !== v) changed = true;
    out[k] = nv;
  }
  return changed ? out : logic;
}

function mapFormula<T extends { logic?: Logic; text?: string }>(f: T, r: Renamer, sub: string | undefined): T {
  if (f.logic === undefined) return f;
  const logic = mapLogic(f.logic, r, sub);
  if (logic === f.logic) return f;
  const { text: _text, ...rest } = f;
  return { ...rest, logic } as T;
}

/** What points at this form's own fields from "the related form" side (a form related to itself). */
interface SelfRefs {
  /** Relations whose target is this form. */
  relations: Set<string>;
  /** The renamed field is a top-level data field (the only kind a relation can show or copy). */
  topLevel: boolean;
}

function mapField(f: Field, r: Renamer, from: string, to: string, sub: string | undefined, self: SelfRefs): Field {
  let g: Field = f;
  const set = <K extends string>(k: K, v: unknown) => {
    if ((g as unknown as Record<string, unknown>)[k] !== v) g = { ...g, [k]: v } as Field;
  };
  if (f.id === from) set('id', to);
  if (f.visibleIf !== undefined) set('visibleIf', mapLogic(f.visibleIf, r, sub));
  if (f.requiredIf !== undefined) set('requiredIf', mapLogic(f.requiredIf, r, sub));
  if (f.rules) {
    const rules = f.rules.map((x) => ({ ...x, logic: mapLogic(x.logic, r, sub) }));
    if (rules.some((x, i) => x.logic !== f.rules![i].logic)) set('rules', rules);
  }
  if (f.default && 'formula' in f.default) {
    const formula = mapFormula(f.default.formula, r, sub);
    if (formula !== f.default.formula) set('default', { formula });
  }
  if (f.type === 'formula') set('formula', mapFormula(f.formula, r, sub));
  if (f.type === 'lookup' && sub === undefined && f.relationField === from) set('relationField', to);
  if (f.type === 'relation' && f.autofill?.some((m) => m.to === from) && sub === undefined) set('autofill', f.autofill.map((m) => (m.to === from ? { ...m, to } : m)));
  // A relation to this same form shows, scans and copies fields of this form.
  if (self.topLevel && f.type === 'relation' && self.relations.has(f.id)) {
    if (f.displayField === from) set('displayField', to);
    if (f.scanField === from) set('scanField', to);
    if (f.autofill?.some((m) => m.from === from)) set('autofill', ((g as typeof f).autofill ?? []).map((m) => (m.from === from ? { ...m, from: to } : m)));
  }
  if (self.topLevel && f.type === 'lookup' && self.relations.has((g as typeof f).relationField) && f.targetField === from) set('targetField', to);
  if (f.type === 'subform') {
    if (f.totals?.some((t) => t.field === from)) set('totals', f.totals.map((t) => (t.field === from ? { ...t, field: to } : t)));
    const fields = f.fields.map((c) => mapField(c, r, from, to, f.id, self));
    if (fields.some((c, i) => c !== f.fields[i])) set('fields', fields);
  } else if (f.type === 'section') {
    const fields = f.fields.map((c) => mapField(c, r, from, to, sub, self));
    if (fields.some((c, i) => c !== f.fields[i])) set('fields', fields);
  } else if (f.type === 'tabs') {
    const tabs = f.tabs.map((t) => {
      const fields = t.fields.map((c) => mapField(c, r, from, to, sub, self));
      return fields.some((c, i) => c !== t.fields[i]) ? { ...t, fields } : t;
    });
    if (tabs.some((t, i) => t !== f.tabs[i])) set('tabs', tabs);
  } else if (f.type === 'columns') {
    const columns = f.columns.map((c) => {
      const fields = c.fields.map((x) => mapField(x, r, from, to, sub, self));
      return fields.some((x, i) => x !== c.fields[i]) ? { ...c, fields } : c;
    });
    if (columns.some((c, i) => c !== f.columns[i])) set('columns', columns);
  }
  return g;
}

/** The schema with `from` renamed to `to` everywhere in this form. */
export function renameField(schema: FormSchema, from: string, to: string): FormSchema {
  const at = locate(schema, from);
  if (!at) throw new CommandError('unknown_field', `no field ${from}`);
  if (from === to) return schema;
  if (usedIds(schema).has(to)) throw new CommandError('id_taken', `id ${to} is taken`);
  const parentSub = at.ancestors.map((a) => locate(schema, a)!.field).find((f) => f.type === 'subform')?.id;
  const r = renamer(from, to, parentSub);
  const self: SelfRefs = {
    relations: new Set(walk(schema).flatMap((l) => (l.field.type === 'relation' && l.field.formId === schema.id ? [l.field.id, ...(l.field.id === from ? [to] : [])] : []))),
    topLevel: parentSub === undefined,
  };
  const fields = schema.fields.map((f) => mapField(f, r, from, to, undefined, self));
  const next: FormSchema = { ...schema, fields };
  if (schema.titleField === from && parentSub === undefined) next.titleField = to;
  if (schema.rules) next.rules = schema.rules.map((x) => ({ ...x, logic: mapLogic(x.logic, r, undefined) }));
  if (schema.crossChecks) {
    // A check against this same form also names its fields on the "source" side.
    const own = (c: { source: { formId: string } }) => c.source.formId === schema.id && self.topLevel;
    const key = (k: string, c: { source: { formId: string } }) => (own(c) && k === from ? to : k);
    next.crossChecks = schema.crossChecks.map((c) => ({
      ...c,
      rule: mapLogic(c.rule, r, undefined),
      source: {
        ...c.source,
        match: Object.fromEntries(Object.entries(c.source.match).map(([k, l]) => [key(k, c), mapLogic(l, r, undefined)])),
        ...(c.source.field !== undefined ? { field: key(c.source.field, c) } : {}),
      },
      ...(c.fieldId === from && parentSub === undefined ? { fieldId: to } : {}),
    }));
  }
  return next;
}

/** What revert needs: the top-level fields and form parts as they were. */
interface RenameContext {
  fields: Array<{ index: number; field: Field }>;
  titleField?: string;
  rules?: FormSchema['rules'];
  crossChecks?: FormSchema['crossChecks'];
}

export const fieldRename = defineCommand<'field.rename', RenameContext>({
  type: 'field.rename',
  execute(schema, cmd) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(cmd.to)) throw new CommandError('not_allowed', `invalid id ${cmd.to}`);
    const next = renameField(schema, cmd.from, cmd.to);
    const context: RenameContext = {
      fields: schema.fields.flatMap((field, index) => (next.fields[index] !== field ? [{ index, field }] : [])),
      ...(schema.titleField !== undefined ? { titleField: schema.titleField } : {}),
      ...(schema.rules ? { rules: schema.rules } : {}),
      ...(schema.crossChecks ? { crossChecks: schema.crossChecks } : {}),
    };
    return { schema: next, context };
  },
  revert(schema, _cmd, ctx) {
    const fields = [...schema.fields];
    for (const { index, field } of ctx.fields) fields[index] = field;
    const prev: FormSchema = { ...schema, fields };
    if (ctx.titleField !== undefined) prev.titleField = ctx.titleField;
    if (ctx.rules) prev.rules = ctx.rules;
    if (ctx.crossChecks) prev.crossChecks = ctx.crossChecks;
    return prev;
  },
});
