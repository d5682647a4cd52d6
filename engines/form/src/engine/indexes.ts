// Which of a form's fields its records are indexed by. The store keeps at most 64 indexes per
// collection (MongoDB's limit, `_id`'s included; the embedded store keeps the same), and a
// form's list already takes a few, so a form may ask for at most MAX_FIELD_INDEXES of its own.
import { dataFields, type Field, type FormSchema } from '../schema';

/**
 * Why a field is indexed: a unique rule (refuses duplicates), search (searchable fields and
 * serial numbers, found by their exact value), or a relation (records that point at a record).
 * A select field is not indexed for being a select: lists filter it well enough by scanning.
 */
export type FieldIndexKind = 'unique' | 'search' | 'relation';

export interface FieldIndex {
  field: Field;
  kind: FieldIndexKind;
}

/**
 * The most indexes a form's fields may ask for. 64 (the store's limit) less `_id`, the list's
 * four (by time created, time changed, deletion and department) and nine kept for saved views
 * that sort or group by a field.
 */
export const MAX_FIELD_INDEXES = 50;

/** The indexes a form's fields ask for, in the order of its fields. */
export function fieldIndexes(schema: Pick<FormSchema, 'fields'>): FieldIndex[] {
  const out: FieldIndex[] = [];
  for (const field of dataFields(schema.fields)) {
    if (field.validation?.unique) out.push({ field, kind: 'unique' });
    if (field.searchable || field.type === 'serial') out.push({ field, kind: 'search' });
    if (field.type === 'relation') out.push({ field, kind: 'relation' });
  }
  return out;
}
