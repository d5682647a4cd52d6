// What a form's schema means to its records collection: the indexes it declares, and the fields
// a write looks at besides the engine's (serials, relations, unique rules), found once per schema.
import { dataFields, fieldIndexes, type Field, type FormSchema } from '@tessera/form-engine';
import type { IndexSpec } from '../storage';

/** The collection of a form's records. */
export const recordsCollection = (formId: string) => `r_${formId}`;

/** Indexes a form declares: lists by time, deletion and department, then its fields' (fieldIndexes). */
export function formIndexes(schema: FormSchema): IndexSpec[] {
  const specs: IndexSpec[] = [
    // Index keys end with _id, so { _deleted } alone serves the default list (newest first).
    { keys: { _deleted: 1 } },
    { keys: { _deleted: 1, _createdAt: 1 } },
    { keys: { _deleted: 1, _updatedAt: 1 } },
    // Row scopes by department ("my department and below") read the creator's departments.
    { keys: { _deleted: 1, _depts: 1 } },
  ];
  for (const { field: f, kind } of fieldIndexes(schema)) {
    if (kind === 'unique') specs.push({ name: `u_${f.id}`, keys: { [f.id]: 1, _deletedAt: 1 }, unique: true, sparse: true });
    else if (kind === 'search') specs.push({ keys: { _deleted: 1, [f.id]: 1 } });
    else specs.push({ keys: { [`${f.id}.id`]: 1 } });
  }
  return specs;
}

/**
 * Indexes saved views ask for (a kanban's column field, a calendar's or Gantt's dates, a sort):
 * `{ _deleted, <field> }` named `v_<field>`, at most VIEW_INDEXES a form (the nine the form
 * engine keeps free of its fields' MAX_FIELD_INDEXES). A field the form already indexes that way
 * (a searchable one) needs none; fields it does not have are left out. First asked, first kept.
 */
export const VIEW_INDEXES = 9;
export const VIEW_INDEX_PREFIX = 'v_';

export function viewIndexes(schema: FormSchema, fields: readonly string[]): IndexSpec[] {
  const known = new Set(dataFields(schema.fields).filter((f) => f.type !== 'subform').map((f) => f.id));
  const covered = new Set(formIndexes(schema).map((s) => Object.keys(s.keys).join()));
  const out: IndexSpec[] = [];
  for (const f of new Set(fields)) {
    if (out.length === VIEW_INDEXES) break;
    if (known.has(f) && !covered.has(`_deleted,${f}`)) out.push({ name: `${VIEW_INDEX_PREFIX}${f}`, keys: { _deleted: 1, [f]: 1 } });
  }
  return out;
}

/** Of a form's existing indexes, the names of the views' that still fit the schema (a publish keeps them). */
export function keptViewIndexes(schema: FormSchema, existing: readonly IndexSpec[]): string[] {
  const views = existing.filter((s) => s.name?.startsWith(VIEW_INDEX_PREFIX)).map((s) => s.name!.slice(VIEW_INDEX_PREFIX.length));
  return viewIndexes(schema, views).map((s) => s.name!);
}

/** The fields a write looks at besides the engine's, found once per schema object. */
interface FieldPlan {
  serials: Array<Extract<Field, { type: 'serial' }>>;
  relations: Array<Extract<Field, { type: 'relation' }>>;
  uniques: readonly Field[];
}
const fieldPlans = new WeakMap<FormSchema, FieldPlan>();

export function fieldPlan(schema: FormSchema): FieldPlan {
  let plan = fieldPlans.get(schema);
  if (!plan) {
    const fields = dataFields(schema.fields);
    plan = {
      serials: fields.filter((f): f is Extract<Field, { type: 'serial' }> => f.type === 'serial'),
      relations: fields.filter((f): f is Extract<Field, { type: 'relation' }> => f.type === 'relation'),
      uniques: fields.filter((f) => f.validation?.unique),
    };
    fieldPlans.set(schema, plan);
  }
  return plan;
}

/** The form's fields with a unique rule (found once per schema object). */
export const uniqueFields = (schema: FormSchema): readonly Field[] => fieldPlan(schema).uniques;
