// The designer's half of each field type: its palette group, its name in both languages, what
// a new one starts with, and whether it may sit in a subform row. Typed Record<FieldType, …>,
// so a new field type does not build until the designer knows it. No React here (icons live in
// ../palette-icons.tsx) so that the commands and their tests can use it.
import { dataFields, type Field, type FieldType, type FormSchema, type Locale } from '@tessera/form-engine';

export type PaletteGroup = 'basic' | 'choice' | 'people' | 'media' | 'advanced' | 'layout';
export const PALETTE_GROUPS: readonly PaletteGroup[] = ['basic', 'choice', 'people', 'media', 'advanced', 'layout'];

export interface NewFieldContext {
  /** A fresh id, unique in the form, starting with `prefix`. */
  newId(prefix: string): string;
  locale: Locale;
  /** The form being designed and the app's other forms (a new relation points at one of them). */
  schema?: FormSchema;
  forms?: readonly FormSchema[];
}

/** Which validation settings a type has. */
export type ValidationKind = 'number' | 'text' | 'items' | 'rows' | 'none';

export interface DesignerFieldType {
  group: PaletteGroup;
  name: Record<Locale, string>;
  /** The type's own properties of a new field (id, type and label are added by newField). */
  create(ctx: NewFieldContext): Record<string, unknown>;
  /** May it be a column of a subform? (Relations, lookups and serial numbers are record-level.) */
  inSubform: boolean;
  /** Takes a whole row unless the analyst sets a width. */
  wide: boolean;
  /** Filled in by people (placeholder, required, read-only, required-when, custom checks). */
  input: boolean;
  validation: ValidationKind;
  /** Can be searched in lists (indexed by the runtime). */
  searchable: boolean;
  /** Its default can be a fixed value (entered like the field itself). */
  constantDefault: boolean;
  /** Holds no value (layout and description): no required, no validation, no default. */
  layout: boolean;
  /** Shows a placeholder while empty. */
  placeholder: boolean;
  /** Has settings of its own (options, format, target form…) in the property panel. */
  settings: boolean;
}

const t = (zh: string, en: string): Record<Locale, string> => ({ 'zh-CN': zh, 'en-US': en });
const say = (ctx: NewFieldContext, zh: string, en: string) => (ctx.locale === 'en-US' ? en : zh);
const options = (ctx: NewFieldContext) => [1, 2, 3].map((n) => ({ value: ctx.newId('opt'), label: say(ctx, `选项${n}`, `Option ${n}`) }));
type Facts = Partial<Omit<DesignerFieldType, 'group' | 'name' | 'create'>>;
const DEFAULT_FACTS: Omit<DesignerFieldType, 'group' | 'name' | 'create'> = { inSubform: true, wide: false, input: true, validation: 'none', searchable: false, constantDefault: false, layout: false, placeholder: false, settings: true };
const typed: Facts = { placeholder: true };
const def = (group: PaletteGroup, name: Record<Locale, string>, facts: Facts = {}, create: DesignerFieldType['create'] = () => ({})): DesignerFieldType => ({ group, name, create, ...DEFAULT_FACTS, ...facts });
const computed: Facts = { input: false };
const layout: Facts = { inSubform: false, input: false, layout: true, wide: true };

/** A new relation points at the app's first other form (else this one), showing its title field. */
function relationTarget(ctx: NewFieldContext): Record<string, unknown> {
  const target = ctx.forms?.find((f) => f.id !== ctx.schema?.id) ?? ctx.schema;
  const fields = target ? dataFields(target.fields) : [];
  const display = target?.titleField ?? fields.find((f) => ['text', 'serial', 'barcode', 'number'].includes(f.type))?.id ?? '';
  return { formId: target?.id ?? '', displayField: display };
}

/** A new lookup reads the form's first relation and a field of its target other than the one it shows. */
function lookupTarget(ctx: NewFieldContext): Record<string, unknown> {
  const relation = ctx.schema ? dataFields(ctx.schema.fields).find((f): f is Extract<Field, { type: 'relation' }> => f.type === 'relation') : undefined;
  const target = relation ? [...(ctx.forms ?? []), ...(ctx.schema ? [ctx.schema] : [])].find((f) => f.id === relation.formId) : undefined;
  const fields = target ? dataFields(target.fields).filter((f) => f.type !== 'subform') : [];
  return { relationField: relation?.id ?? '', targetField: (fields.find((f) => f.id !== relation?.displayField) ?? fields[0])?.id ?? '' };
}

export const DESIGNER_TYPES: Record<FieldType, DesignerFieldType> = {
  text: def('basic', t('单行文本', 'Text'), { ...typed, validation: 'text', searchable: true, constantDefault: true, settings: false }),
  textarea: def('basic', t('多行文本', 'Long text'), { ...typed, validation: 'text', searchable: true, constantDefault: true, wide: true }),
  number: def('basic', t('数字', 'Number'), { ...typed, validation: 'number', constantDefault: true }),
  money: def('basic', t('金额', 'Money'), { ...typed, validation: 'number', constantDefault: true }, () => ({ currency: 'CNY', precision: 2 })),
  percent: def('basic', t('百分比', 'Percent'), { ...typed, validation: 'number', constantDefault: true }, () => ({ precision: 1 })),
  date: def('basic', t('日期', 'Date'), { ...typed, constantDefault: true, settings: false }),
  datetime: def('basic', t('日期时间', 'Date & time'), { ...typed, constantDefault: true, settings: false }),
  select: def('choice', t('单选', 'Single choice'), { constantDefault: true }, (ctx) => ({ options: options(ctx) })),
  multiselect: def('choice', t('多选', 'Multiple choice'), { validation: 'items', constantDefault: true }, (ctx) => ({ options: options(ctx) })),
  switch: def('choice', t('开关', 'Switch'), { constantDefault: true, settings: false }),
  member: def('people', t('成员', 'Member'), typed),
  department: def('people', t('部门', 'Department'), typed),
  attachment: def('media', t('附件', 'Attachment'), { validation: 'items', wide: true }),
  image: def('media', t('图片', 'Image'), { validation: 'items', wide: true }),
  signature: def('media', t('手写签名', 'Signature'), { settings: false }),
  location: def('media', t('定位', 'Location'), { ...typed, settings: false }),
  serial: def('advanced', t('流水号', 'Serial number'), { ...computed, inSubform: false, searchable: true }, () => ({ pattern: 'NO-{yyyyMMdd}-{seq:4}' })),
  relation: def('advanced', t('关联数据', 'Relation'), { inSubform: false }, relationTarget),
  lookup: def('advanced', t('关联查询', 'Lookup'), { ...computed, inSubform: false }, lookupTarget),
  subform: def('advanced', t('子表单', 'Subform'), { inSubform: false, wide: true, validation: 'rows' }, () => ({ fields: [] })),
  formula: def('advanced', t('公式', 'Formula'), computed, () => ({ formula: { text: '' }, resultType: 'number' })),
  barcode: def('advanced', t('扫码', 'Scan code'), { ...typed, validation: 'text', searchable: true, constantDefault: true }, () => ({ format: 'any' })),
  description: def('layout', t('说明文字', 'Description'), layout, (ctx) => ({ content: say(ctx, '在这里写给填写人的说明', 'Write a note for the people filling the form') })),
  section: def('layout', t('分组', 'Section'), layout, () => ({ fields: [] })),
  tabs: def('layout', t('标签页', 'Tabs'), layout, (ctx) => ({
    tabs: [1, 2].map((n) => ({ id: ctx.newId('tab'), label: say(ctx, `标签页${n}`, `Tab ${n}`), fields: [] })),
  })),
  columns: def('layout', t('多列布局', 'Columns'), layout, (ctx) => ({ columns: [1, 2].map(() => ({ id: ctx.newId('col'), span: 12, fields: [] })) })),
};

/** The width a field takes on the canvas and in the form (24 grid columns). */
export const spanOf = (f: Field) => f.span ?? (DESIGNER_TYPES[f.type].wide ? 24 : 12);

export const typeName = (type: FieldType, locale: Locale) => DESIGNER_TYPES[type].name[locale];

/** What a field, tab or column id may look like: a letter, then letters, digits or _ (at most 64). */
export const isValidId = (id: string): boolean => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(id);

/** A random id source; tests pass a seeded one. */
export type Random = () => number;

/** Makes ids `<prefix>_<4 chars>` not yet used in the form (ids are never reused, so data of a deleted field never shows up in a new one). */
export function idMaker(taken: Set<string>, random: Random = Math.random): (prefix: string) => string {
  return (prefix) => {
    for (;;) {
      const id = `${prefix}_${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
}

/** A new field of `type`, labelled with the type's name (numbered when that label is taken). */
export function newField(type: FieldType, ctx: NewFieldContext & { labels: Set<string> }): Field {
  const base = typeName(type, ctx.locale);
  let label = base;
  for (let n = 2; ctx.labels.has(label); n++) label = `${base} ${n}`;
  ctx.labels.add(label);
  return { id: ctx.newId(type), type, label, ...DESIGNER_TYPES[type].create(ctx) } as Field;
}
