// Saved views (视图) of a form's records: a table, a kanban, a calendar or a Gantt, with the
// columns, filters, sort, grouping and layout someone chose. A view is personal (its owner's) or
// shared with everyone who can see the form; one shared view may be the form's default. Views
// only arrange what the records API returns: the one permission check still decides every row
// and field, so a view naming a field a reader may not see simply lacks that column for them.
import { dataFields, type Field, type FormSchema } from '@tessera/form-engine';
import { defineError, type Doc } from '@tessera/runtime';

export const VIEW_TYPES = ['table', 'kanban', 'calendar', 'gantt'] as const;
export type ViewType = (typeof VIEW_TYPES)[number];
export const ROW_HEIGHTS = ['compact', 'medium', 'tall'] as const;
export const SUMMARY_FNS = ['sum', 'avg', 'min', 'max'] as const;
export const CALENDAR_MODES = ['month', 'week', 'day'] as const;

/** A list filter condition as the app shell builds it (designer/src/shell/list/conditions.ts). */
export interface ViewCondition {
  field: string;
  path: string;
  op: string;
  value: string | number | boolean | string[];
  text: string;
}

export interface ViewConfig {
  /** Columns in order, with a width in pixels where someone dragged one. */
  columns?: Array<{ id: string; width?: number }>;
  /** The first column stays put when the table scrolls sideways. */
  frozen?: boolean;
  rowHeight?: (typeof ROW_HEIGHTS)[number];
  filter?: ViewCondition[];
  /** As the list takes it: `field` or `-field`. */
  sort?: string;
  /** One or two fields (a table's groups). */
  groupBy?: string[];
  summaries?: Array<{ field: string; fn: (typeof SUMMARY_FNS)[number] }>;
  kanban?: { by: string; order?: string[]; folded?: string[]; cardFields?: string[] };
  calendar?: { date: string; mode?: (typeof CALENDAR_MODES)[number]; cardFields?: string[] };
  gantt?: { start: string; end: string; cardFields?: string[] };
}

export interface ViewDoc extends Doc {
  _id: string;
  tenantId: string;
  appId: string;
  formId: string;
  name: string;
  type: ViewType;
  ownerId: string;
  shared: boolean;
  isDefault: boolean;
  config: ViewConfig;
  _v: number;
  createdAt: string;
  updatedAt: string;
}

export interface ViewInput {
  name: string;
  type: ViewType;
  shared?: boolean;
  isDefault?: boolean;
  config: ViewConfig;
}

export const VIEW_NOT_FOUND = defineError<{ viewId: string }>('NOT_FOUND', 404, ({ viewId }) => ({
  'zh-CN': `视图 ${viewId} 不存在`,
  'en-US': `View ${viewId} not found`,
}));

export const VIEW_FORBIDDEN = defineError<{ what: 'shared' | 'owner' }>('FORBIDDEN', 403, ({ what }) => (what === 'shared'
  ? { 'zh-CN': '只有能管理这个表单的人可以共享视图或设为默认', 'en-US': 'Only those who manage this form may share a view or make it the default' }
  : { 'zh-CN': '这是别人的个人视图', 'en-US': 'This is someone else’s personal view' }));

export const INVALID_VIEW = defineError<{ count: number }>('INVALID_VIEW', 400, ({ count }) => ({
  'zh-CN': `视图有 ${count} 处设置与表单不符`,
  'en-US': `The view has ${count} setting(s) the form does not have`,
}));

export const STALE_VIEW = defineError<{ current: number }>('STALE_VERSION', 409, () => ({
  'zh-CN': '视图已被他人修改，请刷新后再试',
  'en-US': 'Someone else changed this view; reload it',
}));

export const TOO_MANY_VIEWS = defineError<{ limit: number }>('TOO_MANY_VIEWS', 422, ({ limit }) => ({
  'zh-CN': `一个表单最多 ${limit} 个视图（个人与共享各算）`,
  'en-US': `A form has at most ${limit} views of each kind (personal, shared)`,
}));

/** Most views per form: shared ones, and personal ones per person. */
export const MAX_VIEWS = 50;

const fieldId = { type: 'string', minLength: 1, maxLength: 129, pattern: '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?$' } as const;
const ids = (max: number) => ({ type: 'array', maxItems: max, uniqueItems: true, items: fieldId }) as const;

const conditionSchema = {
  type: 'object',
  required: ['field', 'path', 'op', 'value', 'text'],
  additionalProperties: false,
  properties: {
    field: fieldId,
    path: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z_][A-Za-z0-9_.]*$' },
    op: { type: 'string', pattern: '^\\$[A-Za-z0-9]{1,20}$' },
    value: {
      anyOf: [
        { type: 'string', maxLength: 1000 },
        { type: 'number' },
        { type: 'boolean' },
        { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 1000 } },
      ],
    },
    text: { type: 'string', maxLength: 2000 },
  },
} as const;

export const viewConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    columns: { type: 'array', maxItems: 300, items: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: fieldId, width: { type: 'integer', minimum: 40, maximum: 2000 } } } },
    frozen: { type: 'boolean' },
    rowHeight: { type: 'string', enum: ROW_HEIGHTS },
    filter: { type: 'array', maxItems: 50, items: conditionSchema },
    // At most five keys, as a list sorts by (MAX_SORT_KEYS in the runtime's filter).
    sort: { type: 'string', maxLength: 200, pattern: '^-?[A-Za-z_][A-Za-z0-9_]*(,-?[A-Za-z_][A-Za-z0-9_]*){0,4}$' },
    groupBy: { ...ids(2), minItems: 1 },
    summaries: { type: 'array', maxItems: 10, items: { type: 'object', required: ['field', 'fn'], additionalProperties: false, properties: { field: fieldId, fn: { type: 'string', enum: SUMMARY_FNS } } } },
    kanban: { type: 'object', required: ['by'], additionalProperties: false, properties: { by: fieldId, order: { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 200 } }, folded: { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 200 } }, cardFields: ids(10) } },
    calendar: { type: 'object', required: ['date'], additionalProperties: false, properties: { date: fieldId, mode: { type: 'string', enum: CALENDAR_MODES }, cardFields: ids(10) } },
    gantt: { type: 'object', required: ['start', 'end'], additionalProperties: false, properties: { start: fieldId, end: fieldId, cardFields: ids(10) } },
  },
} as const;

const name = { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S' } as const;

export const viewBody = {
  type: 'object',
  required: ['name', 'type', 'config'],
  additionalProperties: false,
  properties: { name, type: { type: 'string', enum: VIEW_TYPES }, shared: { type: 'boolean' }, isDefault: { type: 'boolean' }, config: viewConfigSchema },
} as const;

export const viewPatchBody = {
  type: 'object',
  required: ['_v'],
  additionalProperties: false,
  minProperties: 2,
  properties: { _v: { type: 'integer', minimum: 1 }, name, shared: { type: 'boolean' }, isDefault: { type: 'boolean' }, config: viewConfigSchema },
} as const;

export const viewOut = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, shared: { type: 'boolean' }, isDefault: { type: 'boolean' },
    owner: { type: 'object', properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } } },
    editable: { type: 'boolean' }, config: { type: 'object', additionalProperties: true }, _v: { type: 'integer' }, updatedAt: { type: 'string' },
  },
} as const;

interface Issue {
  path: string;
  code: string;
  message: string;
}

const SYSTEM_SORTS = new Set(['_createdAt', '_updatedAt']);
const UNGROUPABLE = new Set(['subform', 'attachment', 'image', 'signature', 'location', 'textarea', 'multiselect']);
const NUMERIC = new Set(['number', 'money', 'percent', 'formula']);
const DATES = new Set(['date', 'datetime']);

/** What of a view's config the form does not have (field ids unknown or of the wrong kind), as issues with paths. */
export function viewIssues(schema: FormSchema, type: ViewType, config: ViewConfig): Issue[] {
  const fields = new Map<string, Field>(dataFields(schema.fields).map((f) => [f.id, f]));
  const issues: Issue[] = [];
  const need = (path: string, id: string, ok: (f: Field) => boolean, what: string) => {
    const f = fields.get(id);
    if (!f) issues.push({ path, code: 'unknown_field', message: `unknown field ${id}` });
    else if (!ok(f)) issues.push({ path, code: 'wrong_field_type', message: `${id} is a ${f.type} field; ${what}` });
  };
  const any = () => true;
  config.columns?.forEach((c, i) => need(`config.columns[${i}].id`, c.id, any, ''));
  (config.sort ?? '').split(',').filter(Boolean).forEach((s, i) => {
    const id = s.replace(/^-/, '');
    if (!SYSTEM_SORTS.has(id)) need(`config.sort[${i}]`, id, (f) => f.type !== 'subform', 'a subform cannot be sorted');
  });
  config.groupBy?.forEach((id, i) => need(`config.groupBy[${i}]`, id, (f) => !UNGROUPABLE.has(f.type), 'it cannot group records'));
  config.summaries?.forEach((s, i) => need(`config.summaries[${i}].field`, s.field, (f) => NUMERIC.has(f.type), 'a summary needs a number field'));
  for (const [i, c] of (config.filter ?? []).entries()) {
    const [top, column] = c.field.split('.');
    const f = fields.get(top);
    const known = f && (!column || (f.type === 'subform' && dataFields(f.fields).some((x) => x.id === column)));
    if (!known) issues.push({ path: `config.filter[${i}].field`, code: 'unknown_field', message: `unknown field ${c.field}` });
  }
  const single = (f: Field) => (f.type === 'select' || f.type === 'member') && !(f as { multiple?: boolean }).multiple;
  if (type === 'kanban' && !config.kanban) issues.push({ path: 'config.kanban', code: 'required', message: 'a kanban names the field its columns come from' });
  if (config.kanban) {
    need('config.kanban.by', config.kanban.by, single, 'a kanban groups by a select or a single member field');
    config.kanban.cardFields?.forEach((id, i) => need(`config.kanban.cardFields[${i}]`, id, any, ''));
  }
  if (type === 'calendar' && !config.calendar) issues.push({ path: 'config.calendar', code: 'required', message: 'a calendar names its date field' });
  if (config.calendar) {
    need('config.calendar.date', config.calendar.date, (f) => DATES.has(f.type), 'a calendar needs a date or datetime field');
    config.calendar.cardFields?.forEach((id, i) => need(`config.calendar.cardFields[${i}]`, id, any, ''));
  }
  if (type === 'gantt' && !config.gantt) issues.push({ path: 'config.gantt', code: 'required', message: 'a Gantt names its start and end fields' });
  if (config.gantt) {
    need('config.gantt.start', config.gantt.start, (f) => DATES.has(f.type), 'a Gantt needs date or datetime fields');
    need('config.gantt.end', config.gantt.end, (f) => DATES.has(f.type), 'a Gantt needs date or datetime fields');
    if (config.gantt.start === config.gantt.end) issues.push({ path: 'config.gantt.end', code: 'same_field', message: 'the end is a different field from the start' });
    config.gantt.cardFields?.forEach((id, i) => need(`config.gantt.cardFields[${i}]`, id, any, ''));
  }
  return issues;
}
