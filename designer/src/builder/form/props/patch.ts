// A property edit of the selected field, or of the form: set some keys, unset others. A value
// emptied in the panel (nothing, '', off, an empty list) is unset rather than stored, so a
// cleared setting leaves no trace in the schema. (0 is a value: a precision of 0 stays.)
export type Patch = (set: Record<string, unknown>, unset?: string[]) => void;

export const isEmptyValue = (v: unknown): boolean => v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/** `put(key)` is an onChange for one property: stores the value, or unsets the key when the value is emptied. */
export const putter =
  (patch: Patch) =>
  (key: string) =>
  (v: unknown): void =>
    isEmptyValue(v) ? patch({}, [key]) : patch({ [key]: v });
