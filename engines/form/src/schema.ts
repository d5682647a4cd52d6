// FormSchema: Tessera's JSON form format. Everything an analyst builds is this data; the engine,
// the renderer and the runtime interpret it. Field values are keyed by the stable field `id`,
// never by label. The JSON Schema describing this format lives in form-schema.schema.json.

/** Translated text: a plain string (used for every locale) or one string per locale. */
export type I18nText = string | { 'zh-CN'?: string; 'en-US'?: string };
export type Locale = 'zh-CN' | 'en-US';

/** A json-logic expression, as stored (`{"*": [{"var": "qty"}, {"var": "price"}]}`). */
export type Logic = unknown;

/**
 * A formula as stored: json-logic by field id; `text` is only a cache of what the analyst
 * typed. The designer may send text alone: checkSchema parses it and fills in `logic`.
 */
export interface Formula {
  logic?: Logic;
  text?: string;
}

export interface FieldValidation {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: I18nText;
  /** Unique across the form's live records (enforced by the runtime with a unique index). */
  unique?: boolean;
  /** For multiselect / subform / attachment: item counts. */
  minItems?: number;
  maxItems?: number;
}

/** A custom rule: when `logic` evaluates falsy for the record (or subform row), show `message`. */
export interface CustomRule {
  id: string;
  logic: Logic;
  message: I18nText;
}

interface FieldBase {
  id: string;
  label: I18nText;
  help?: I18nText;
  required?: boolean;
  /** json-logic: the field is required only when this is truthy. */
  requiredIf?: Logic;
  /** Default value for a new record: a constant or a formula. */
  default?: { value: unknown } | { formula: Formula };
  readonly?: boolean;
  hidden?: boolean;
  /** json-logic: the field is shown (and validated) only when this is truthy. */
  visibleIf?: Logic;
  validation?: FieldValidation;
  rules?: CustomRule[];
  /** Searchable in list search boxes (the runtime indexes it). */
  searchable?: boolean;
  /** Layout hint: how many of 24 grid columns the field spans on desktop. */
  span?: number;
  placeholder?: I18nText;
}

export interface TextField extends FieldBase { type: 'text' }
export interface TextareaField extends FieldBase { type: 'textarea'; rows?: number }
export interface NumberField extends FieldBase { type: 'number'; precision?: number; unit?: I18nText }
export interface MoneyField extends FieldBase { type: 'money'; precision?: number; currency?: string }
/** Stored as a fraction (0.95), shown as 95%. */
export interface PercentField extends FieldBase { type: 'percent'; precision?: number }
/** Stored as `YYYY-MM-DD`; never shifts by time zone. */
export interface DateField extends FieldBase { type: 'date' }
/** Stored as an ISO-8601 UTC string; shown in the tenant's time zone. */
export interface DatetimeField extends FieldBase { type: 'datetime' }

export interface SelectOption {
  value: string;
  label: I18nText;
  /** Tag colour in lists (合格 green, 不合格 red …). */
  color?: string;
}
export interface SelectField extends FieldBase { type: 'select'; options: SelectOption[]; display?: 'dropdown' | 'radio' }
export interface MultiselectField extends FieldBase { type: 'multiselect'; options: SelectOption[]; display?: 'dropdown' | 'checkbox' }
export interface SwitchField extends FieldBase { type: 'switch' }
/** Value: user id (or ids when multiple). */
export interface MemberField extends FieldBase { type: 'member'; multiple?: boolean }
/** Value: department id (or ids when multiple). */
export interface DepartmentField extends FieldBase { type: 'department'; multiple?: boolean }

/** Value: `FileRef[]`. */
export interface FileRef {
  id: string;
  name: string;
  size: number;
  contentType: string;
}
export interface AttachmentField extends FieldBase { type: 'attachment'; accept?: string; maxSizeMB?: number }
export interface ImageField extends FieldBase { type: 'image'; camera?: boolean }
/** Value: a FileRef to a PNG of the signature. */
export interface SignatureField extends FieldBase { type: 'signature' }
/** Value: `{ lat, lng, address? }`. */
export interface LocationField extends FieldBase { type: 'location' }

/**
 * Generated on the server at create, atomically, e.g. `IQC-{yyyyMMdd}-{seq:4}`. Tokens:
 * `{yyyy} {yy} {MM} {dd} {yyyyMMdd} {yyyyMM}` (tenant time zone) and `{seq:N}` (zero-padded to N).
 * The counter restarts in each period the pattern's date tokens name.
 */
export interface SerialField extends FieldBase { type: 'serial'; pattern: string }

/** Copy a field of the related record into a field of this one when the relation is chosen. */
export interface AutofillMapping {
  from: string;
  to: string;
}
/** Value: `{ id, display }` (or an array of them when multiple). */
export interface RelationField extends FieldBase {
  type: 'relation';
  /** Target form id (in the same app). */
  formId: string;
  displayField: string;
  multiple?: boolean;
  autofill?: AutofillMapping[];
  /** A scan or a typed code finds the related record whose `scanField` equals it. */
  scanField?: string;
}
/** Shows a field of the record a relation field points at (read-only, filled on the server). */
export interface LookupField extends FieldBase { type: 'lookup'; relationField: string; targetField: string }

export interface SubformTotal {
  /** The child field (number/money) to total. */
  field: string;
  fn: 'sum' | 'avg' | 'min' | 'max' | 'count';
}
/** Value: an array of row objects keyed by child field id; each row also carries `_rowId`. */
export interface SubformField extends FieldBase {
  type: 'subform';
  fields: Field[];
  totals?: SubformTotal[];
}
/** Computed; readonly to users. `resultType` picks how it is shown and stored. */
export interface FormulaField extends FieldBase {
  type: 'formula';
  formula: Formula;
  resultType?: 'number' | 'money' | 'percent' | 'text' | 'date' | 'boolean';
  precision?: number;
}
/** Value: the scanned text. */
export interface BarcodeField extends FieldBase { type: 'barcode'; format?: 'any' | 'qr' | 'code128' | 'ean13' }
/** Static text shown to the user; holds no value. */
export interface DescriptionField extends FieldBase { type: 'description'; content: I18nText }

/** Layout containers: hold fields, hold no value themselves. */
export interface SectionField extends FieldBase { type: 'section'; fields: Field[]; collapsible?: boolean }
export interface TabsField extends FieldBase { type: 'tabs'; tabs: Array<{ id: string; label: I18nText; fields: Field[] }> }
export interface ColumnsField extends FieldBase { type: 'columns'; columns: Array<{ id: string; span?: number; fields: Field[] }> }

export type Field =
  | TextField | TextareaField | NumberField | MoneyField | PercentField | DateField | DatetimeField
  | SelectField | MultiselectField | SwitchField | MemberField | DepartmentField
  | AttachmentField | ImageField | SignatureField | LocationField
  | SerialField | RelationField | LookupField | SubformField | FormulaField | BarcodeField
  | DescriptionField | SectionField | TabsField | ColumnsField;

export type FieldType = Field['type'];
export type FieldOfType<T extends FieldType> = Extract<Field, { type: T }>;

export const FIELD_TYPES: readonly FieldType[] = [
  'text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiselect',
  'switch', 'member', 'department', 'attachment', 'image', 'signature', 'location', 'serial',
  'relation', 'lookup', 'subform', 'formula', 'barcode', 'description', 'section', 'tabs', 'columns',
] as const;

/** Layout types hold other fields and no value. */
export const LAYOUT_TYPES: ReadonlySet<FieldType> = new Set(['section', 'tabs', 'columns', 'description']);

/**
 * A check against other forms' data, run by the server inside the write's transaction
 * ("outbound quantity must not exceed the available stock of that lot").
 * The runtime evaluates `source` (an aggregate over another form's records whose fields equal
 * values of this record), binds the result as `{"var": "$source"}`, then `rule` must be truthy.
 */
export interface CrossCheck {
  id: string;
  source: {
    formId: string;
    /** Target field id → json-logic over this record (usually `{"var": "lot"}`). */
    match: Record<string, Logic>;
    aggregate: 'sum' | 'count' | 'min' | 'max' | 'first';
    /** Target field to aggregate (not needed for count). */
    field?: string;
  };
  rule: Logic;
  message: I18nText;
  /** The field the message is shown at. */
  fieldId?: string;
}

export interface FormSchema {
  /** Form id (unique in its app); records live in `r_<id>`. */
  id: string;
  title: I18nText;
  description?: I18nText;
  /** Bumped on every saved change; compiled validators are cached per (id, version). */
  version?: number;
  fields: Field[];
  /** Record-level rules (across fields). */
  rules?: CustomRule[];
  crossChecks?: CrossCheck[];
  /** The field shown as the record's title in lists and relations. */
  titleField?: string;
}

/**
 * The field that stands for a record (its title in lists, cards, search and the recycle bin):
 * the form's title field when it is among `fields`, else the first of them. Pass the fields the
 * place can show (the caller's visible ones, or those a card can hold), so a hidden or unfit
 * title field falls back the same way everywhere.
 */
export function titleFieldOf<F extends Field>(schema: Pick<FormSchema, 'titleField'>, fields: readonly F[]): F | undefined {
  return fields.find((f) => f.id === schema.titleField) ?? fields[0];
}

/** Every field with a value, depth-first, skipping layout containers but entering them. */
export function dataFields(fields: readonly Field[]): Field[] {
  const out: Field[] = [];
  const walk = (list: readonly Field[]) => {
    for (const f of list) {
      if (f.type === 'section') walk(f.fields);
      else if (f.type === 'tabs') for (const t of f.tabs) walk(t.fields);
      else if (f.type === 'columns') for (const c of f.columns) walk(c.fields);
      else if (f.type !== 'description') out.push(f);
    }
  };
  walk(fields);
  return out;
}

export function isFieldType(value: unknown): value is FieldType {
  return typeof value === 'string' && (FIELD_TYPES as readonly string[]).includes(value);
}

export function textOf(text: I18nText | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text['zh-CN'] ?? text['en-US'] ?? '';
}
