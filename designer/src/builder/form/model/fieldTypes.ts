// The designer's half of each field type: its palette group, its name in both languages, what
// a new one starts with, and whether it may sit in a subform row. Typed Record<FieldType, …>,
// so a new field type does not build until the designer knows it. No React here (icons live in
// ../palette-icons.tsx) so that the commands and their tests can use it.
import type { Field, FieldType, Locale } from '@tessera/form-engine';

export type PaletteGroup = 'basic' | 'choice' | 'people' | 'media' | 'advanced' | 'layout';
export const PALETTE_GROUPS: readonly PaletteGroup[] = ['basic', 'choice', 'people', 'media', 'advanced', 'layout'];

export interface NewFieldContext {
  /** A fresh id, unique in the form, starting with `prefix`. */
  newId(prefix: string): string;
  locale: Locale;
}

export interface DesignerFieldType {
  group: PaletteGroup;
  name: Record<Locale, string>;
  /** The type's own properties of a new field (id, type and label are added by newField). */
  create(ctx: NewFieldContext): Record<string, unknown>;
  /** May it be a column of a subform? (Relations, lookups and serial numbers are record-level.) */
  inSubform: boolean;
}

const t = (zh: string, en: string): Record<Locale, string> => ({ 'zh-CN': zh, 'en-US': en });
const say = (ctx: NewFieldContext, zh: string, en: string) => (ctx.locale === 'en-US' ? en : zh);
const options = (ctx: NewFieldContext) => [1, 2, 3].map((n) => ({ value: ctx.newId('opt'), label: say(ctx, `选项${n}`, `Option ${n}`) }));
const plain = (group: PaletteGroup, name: Record<Locale, string>, inSubform = true, create: DesignerFieldType['create'] = () => ({})): DesignerFieldType => ({ group, name, create, inSubform });

export const DESIGNER_TYPES: Record<FieldType, DesignerFieldType> = {
  text: plain('basic', t('单行文本', 'Text')),
  textarea: plain('basic', t('多行文本', 'Long text')),
  number: plain('basic', t('数字', 'Number')),
  money: plain('basic', t('金额', 'Money'), true, () => ({ currency: 'CNY', precision: 2 })),
  percent: plain('basic', t('百分比', 'Percent'), true, () => ({ precision: 1 })),
  date: plain('basic', t('日期', 'Date')),
  datetime: plain('basic', t('日期时间', 'Date & time')),
  select: plain('choice', t('单选', 'Single choice'), true, (ctx) => ({ options: options(ctx) })),
  multiselect: plain('choice', t('多选', 'Multiple choice'), true, (ctx) => ({ options: options(ctx) })),
  switch: plain('choice', t('开关', 'Switch')),
  member: plain('people', t('成员', 'Member')),
  department: plain('people', t('部门', 'Department')),
  attachment: plain('media', t('附件', 'Attachment')),
  image: plain('media', t('图片', 'Image')),
  signature: plain('media', t('手写签名', 'Signature')),
  location: plain('media', t('定位', 'Location')),
  serial: plain('advanced', t('流水号', 'Serial number'), false, () => ({ pattern: 'NO-{yyyyMMdd}-{seq:4}' })),
  relation: plain('advanced', t('关联数据', 'Relation'), false, () => ({ formId: '', displayField: '' })),
  lookup: plain('advanced', t('关联查询', 'Lookup'), false, () => ({ relationField: '', targetField: '' })),
  subform: plain('advanced', t('子表单', 'Subform'), false, () => ({ fields: [] })),
  formula: plain('advanced', t('公式', 'Formula'), true, () => ({ formula: { text: '' }, resultType: 'number' })),
  barcode: plain('advanced', t('扫码', 'Scan code'), true, () => ({ format: 'any' })),
  description: plain('layout', t('说明文字', 'Description'), false, (ctx) => ({ content: say(ctx, '在这里写给填写人的说明', 'Write a note for the people filling the form') })),
  section: plain('layout', t('分组', 'Section'), false, () => ({ fields: [] })),
  tabs: plain('layout', t('标签页', 'Tabs'), false, (ctx) => ({
    tabs: [1, 2].map((n) => ({ id: ctx.newId('tab'), label: say(ctx, `标签页${n}`, `Tab ${n}`), fields: [] })),
  })),
  columns: plain('layout', t('多列布局', 'Columns'), false, (ctx) => ({ columns: [1, 2].map(() => ({ id: ctx.newId('col'), span: 12, fields: [] })) })),
};

export const typeName = (type: FieldType, locale: Locale) => DESIGNER_TYPES[type].name[locale];

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
