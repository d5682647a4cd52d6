// What publishing a draft would do to the records already stored, form by form against the
// published schema: types changed, fields and forms removed, fields made required, options in
// use removed, unique rules the stored values break. Counted by the store (count, aggregate),
// with up to five sample records each; never by loading a collection.
import { dataFields, storesList, titleFieldOf, type Field, type FormEngine, type FormSchema, type I18nText } from '@tessera/form-engine';
import { recordsCollection, uniqueFields, type Collection, type Filter, type RecordDoc } from '@tessera/runtime';
import type { AppsContext } from './context';
import type { CHANGE_KINDS } from './schemas';

export interface Sample {
  id: string;
  /** The stored value of the form's title field (the change's `titleField`), as a list shows it once formatted. */
  title: unknown;
  /** The stored value of the changed field (the change's `field`); a subform column's, one per row. */
  value: unknown;
  /** A deleted record (it can be restored, so a unique rule counts it). */
  deleted?: boolean;
}

export interface Change {
  kind: (typeof CHANGE_KINDS)[number];
  formId: string;
  formTitle: I18nText;
  fieldId?: string;
  fieldLabel?: I18nText;
  /** The changed field as the records hold it (the published one): how a sample's value reads. */
  field?: Field;
  /** The field that names a record in the form's lists (titleFieldOf): how a sample's title reads. */
  titleField?: Field;
  count: number;
  samples: Sample[];
  blocking: boolean;
  detail?: {
    fromType?: string;
    toType?: string;
    options?: Array<{ value: string; label: I18nText }>;
    duplicates?: Array<{ value: unknown; count: number }>;
  };
}

/** A stored value's place: a top-level field, or a column of a subform (`lines.qty`). */
interface Place {
  path: string;
  field: Field;
  subform?: string;
  /** The value is a list (its field type says so): empty when it has no item. */
  list: boolean;
}

const LIVE = { _deleted: false } as const;
const SAMPLES = 5;

const filled = (key: string, list: boolean): Filter => (list ? { [`${key}.0`]: { $exists: true } } : { [key]: { $exists: true, $nin: [null, ''] } });
const blank = (key: string, list: boolean): Filter => (list ? { [`${key}.0`]: { $exists: false } } : { [key]: { $in: [null, ''] } });
const oneOf = (key: string, values: string[]): Filter => ({ [key]: { $in: values } });

/** The condition on a place: on the field, or on any row of its subform. */
function at(place: Place, cond: (key: string, list: boolean) => Filter): Filter {
  if (!place.subform) return { ...LIVE, ...cond(place.path, place.list) };
  return { ...LIVE, [place.subform]: { $elemMatch: cond(place.field.id, place.list) } };
}

function places(engine: FormEngine, schema: FormSchema): Map<string, Place> {
  const out = new Map<string, Place>();
  const place = (path: string, field: Field, subform?: string): Place => ({ path, field, ...(subform ? { subform } : {}), list: storesList(field, engine.fieldType(field.type)) });
  for (const f of dataFields(schema.fields)) {
    out.set(f.id, place(f.id, f));
    if (f.type === 'subform') for (const c of dataFields(f.fields)) out.set(`${f.id}.${c.id}`, place(`${f.id}.${c.id}`, c, f.id));
  }
  return out;
}

class FormChanges {
  readonly out: Change[] = [];
  private readonly coll: Collection<RecordDoc>;
  /** Names a record as the form's lists do (the records were written under the published schema). */
  private readonly titleField: Field | undefined;

  constructor(
    private readonly x: AppsContext,
    private readonly draft: FormSchema,
    private readonly published: FormSchema | undefined,
  ) {
    this.coll = x.store.collection<RecordDoc>(recordsCollection(draft.id));
    const named = published ?? draft;
    this.titleField = titleFieldOf(named, dataFields(named.fields));
  }

  private title(r: RecordDoc): unknown {
    return this.titleField ? (r[this.titleField.id] ?? null) : null;
  }

  /** What the dialog needs to format a change's samples: its field's and the title field's definitions. */
  private fieldsOf(place: Place | undefined) {
    return { ...(place ? { field: place.field } : {}), ...(this.titleField ? { titleField: this.titleField } : {}) };
  }

  private valueAt(r: RecordDoc, place: Place): unknown {
    if (!place.subform) return r[place.path] ?? null;
    const rows = Array.isArray(r[place.subform]) ? (r[place.subform] as Array<Record<string, unknown>>) : [];
    return rows.map((row) => row?.[place.field.id] ?? null);
  }

  /** Counts the records a condition matches and lists a few; adds the change when there are any. */
  private async add(base: Omit<Change, 'count' | 'samples' | 'formId' | 'formTitle' | 'blocking'> & { blocking?: boolean }, filter: Filter, place?: Place): Promise<void> {
    const [count, docs] = await Promise.all([this.coll.count(filter), this.coll.find(filter, { sort: { _id: 1 }, limit: SAMPLES })]);
    if (count === 0) return;
    this.out.push({
      kind: base.kind,
      formId: this.draft.id,
      formTitle: this.draft.title,
      ...(base.fieldId !== undefined ? { fieldId: base.fieldId, fieldLabel: base.fieldLabel } : {}),
      ...this.fieldsOf(place),
      count,
      samples: docs.map((r) => ({ id: r._id, title: this.title(r), value: place ? this.valueAt(r, place) : null })),
      blocking: base.blocking ?? false,
      ...(base.detail ? { detail: base.detail } : {}),
    });
  }

  async fields(): Promise<void> {
    if (!this.published) return;
    const now = places(this.x.engine, this.draft);
    for (const [path, was] of places(this.x.engine, this.published)) {
      const field = { fieldId: path, fieldLabel: was.field.label };
      const is = now.get(path);
      if (!is) {
        await this.add({ kind: 'field_removed', ...field }, at(was, filled), was);
        continue;
      }
      if (is.field.type !== was.field.type) {
        await this.add({ kind: 'type_changed', ...field, detail: { fromType: was.field.type, toType: is.field.type } }, at(was, filled), was);
      }
      if (is.field.required && !was.field.required) await this.add({ kind: 'made_required', ...field }, at(was, blank), was);
      if ((was.field.type === 'select' || was.field.type === 'multiselect') && (is.field.type === 'select' || is.field.type === 'multiselect')) {
        const kept = new Set(is.field.options.map((o) => o.value));
        const removed = was.field.options.filter((o) => !kept.has(o.value));
        if (removed.length === 0) continue;
        const used: Array<{ value: string; label: I18nText }> = [];
        for (const o of removed) if ((await this.coll.count(at(was, (k) => oneOf(k, [o.value])))) > 0) used.push({ value: o.value, label: o.label });
        if (used.length) await this.add({ kind: 'options_removed', ...field, detail: { options: used } }, at(was, (k) => oneOf(k, used.map((o) => o.value))), was);
      }
    }
  }

  /**
   * Unique rules switched on (every unique rule of a form never published) that stored values
   * break. Counted as the index counts them (runtime's formIndexes: the value with the deletion
   * time), so what passes here builds: records deleted together (one bulk delete) that share a
   * value clash as live ones do, and are listed, marked deleted.
   */
  async uniques(): Promise<void> {
    const before = new Set(this.published ? uniqueFields(this.published).map((f) => f.id) : []);
    for (const f of uniqueFields(this.draft)) {
      if (before.has(f.id)) continue;
      const clashes = await this.coll.aggregate<{ _id: { value: unknown; deletedAt: unknown }; count: number }>([
        { $match: { [f.id]: { $exists: true, $nin: [null, ''] } } },
        { $group: { _id: { value: `$${f.id}`, deletedAt: { $ifNull: ['$_deletedAt', null] } }, count: { $sum: 1 } } },
        { $match: { count: { $gt: 1 } } },
      ]);
      if (clashes.length === 0) continue;
      // Per value (a value may clash among live records and among deleted ones too), most first.
      const byValue = new Map<string, { value: unknown; count: number }>(); // by the value's JSON
      for (const c of clashes) {
        const key = JSON.stringify(c._id.value);
        const d = byValue.get(key) ?? { value: c._id.value, count: 0 };
        d.count += c.count;
        byValue.set(key, d);
      }
      const all = [...byValue].sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0)).map(([, d]) => d);
      const place: Place = { path: f.id, field: f, list: storesList(f, this.x.engine.fieldType(f.type)) };
      const count = all.reduce((n, g) => n + g.count, 0);
      const duplicates = all.slice(0, 10);
      // The samples are records of those clashes (a deleted record that clashes with none is not).
      const shown = new Set(duplicates.map((d) => JSON.stringify(d.value)));
      const groups = clashes.filter((c) => shown.has(JSON.stringify(c._id.value))).map((c) => ({ [f.id]: c._id.value, _deletedAt: c._id.deletedAt }));
      const docs = await this.coll.find({ $or: groups }, { sort: { _deleted: 1, [f.id]: 1, _id: 1 }, limit: SAMPLES });
      this.out.push({
        kind: 'unique_duplicates',
        formId: this.draft.id,
        formTitle: this.draft.title,
        fieldId: f.id,
        fieldLabel: f.label,
        ...this.fieldsOf(place),
        count,
        samples: docs.map((r) => ({ id: r._id, title: this.title(r), value: this.valueAt(r, place), ...(r._deleted === true ? { deleted: true } : {}) })),
        blocking: true,
        detail: { duplicates },
      });
    }
  }

  /** A published form that the draft no longer has, while it holds live records. */
  async removed(): Promise<void> {
    await this.add({ kind: 'form_removed' }, { ...LIVE });
  }
}

/** Every change publishing `drafts` over `published` makes to stored records (only those that touch a record). */
export async function recordChanges(x: AppsContext, drafts: readonly FormSchema[], published: ReadonlyMap<string, FormSchema> | null): Promise<Change[]> {
  const out: Change[] = [];
  const draftIds = new Set(drafts.map((f) => f.id));
  for (const draft of drafts) {
    const c = new FormChanges(x, draft, published?.get(draft.id));
    await c.fields();
    await c.uniques();
    out.push(...c.out);
  }
  for (const [id, form] of published ?? []) {
    if (draftIds.has(id)) continue;
    const c = new FormChanges(x, form, undefined);
    await c.removed();
    out.push(...c.out);
  }
  return out;
}
