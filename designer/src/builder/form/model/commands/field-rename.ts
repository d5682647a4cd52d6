// field.rename: changes a field's id (allowed until the form is published) and every reference
// to it in this form: formulas, defaults, rules, cross-form checks, autofill targets, lookups,
// subform totals and the title field. A formula's cached text is dropped where its logic
// changed (the designer always shows text formatted from the logic). References from other
// forms cannot be reached from here; publishing re-checks them.
import type { Field, FormSchema, Logic } from '@tessera/form-engine';
import { locate, usedIds, withField } from '../tree';
import { mapRefs } from '../refs';
import { isValidId } from '../fieldTypes';
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

/** The schema with `from` renamed to `to` everywhere in this form. */
export function renameField(schema: FormSchema, from: string, to: string): FormSchema {
  const at = locate(schema, from);
  if (!at) throw new CommandError('unknown_field', `no field ${from}`);
  if (from === to) return schema;
  if (usedIds(schema).has(to)) throw new CommandError('id_taken', `id ${to} is taken`);
  const r = renamer(from, to, at.subform);
  // Names sit at the form's level ('qty', 'lines.n'); logic reads its paths where it sits.
  const next = mapRefs(schema, { logic: (l, site) => mapLogic(l, r, site.sub), name: (p) => r.path(p, undefined) });
  return withField(next, from, (f) => ({ ...f, id: to }));
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
    if (!isValidId(cmd.to)) throw new CommandError('not_allowed', `invalid id ${cmd.to}`);
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
