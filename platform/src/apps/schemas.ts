// JSON schemas of the apps feature's routes: bodies are closed, responses are declared (they
// feed serialisation and OpenAPI). Form schemas pass through as free-form objects: the form
// engine checks them, with paths a JSON-schema error could not give. An app package's app is
// checked with these same schemas (packageAppSchema).
import { NAV_ITEM_TYPES } from './model';

export const idSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]*$' } as const;
const navIdSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' } as const;
const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const iso = { type: 'string' } as const;

const i18nSchema = {
  anyOf: [
    text(200),
    { type: 'object', additionalProperties: false, minProperties: 1, properties: { 'zh-CN': text(200), 'en-US': text(200) } },
  ],
} as const;

const actorSchema = {
  type: ['object', 'null'],
  required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' } },
} as const;

const navItemSchema = {
  type: 'object',
  required: ['type', 'id'],
  additionalProperties: false,
  properties: { type: { type: 'string', enum: NAV_ITEM_TYPES }, id: navIdSchema, hidden: { type: 'boolean' } },
} as const;

const navGroupSchema = {
  type: 'object',
  required: ['type', 'id', 'label', 'children'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', const: 'group' },
    id: navIdSchema,
    label: i18nSchema,
    hidden: { type: 'boolean' },
    children: { type: 'array', maxItems: 500, items: navItemSchema },
  },
} as const;

/** Each entry checked as what its `type` says it is (a group, a form entry), so a problem is reported where it is. */
export const navigationSchema = {
  type: 'array',
  maxItems: 200,
  items: { type: 'object', required: ['type'], discriminator: { propertyName: 'type' }, oneOf: [navGroupSchema, navItemSchema] },
} as const;

const metaProps = {
  name: i18nSchema,
  description: i18nSchema,
  icon: { type: 'string', minLength: 1, maxLength: 50, description: 'a key of the icon set the web app offers' },
  color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
} as const;

export const appParams = { type: 'object', required: ['appId'], additionalProperties: false, properties: { appId: idSchema } } as const;
export const formParams = {
  type: 'object',
  required: ['appId', 'formId'],
  additionalProperties: false,
  properties: { appId: idSchema, formId: idSchema },
} as const;
export const versionParams = {
  type: 'object',
  required: ['appId', 'version'],
  additionalProperties: false,
  properties: { appId: idSchema, version: { type: 'integer', minimum: 1 } },
} as const;

export const createAppBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { id: idSchema, ...metaProps },
} as const;

/** The app of a package (tessera-app@1): its id, meta and draft navigation, as the routes take them. */
export const packageAppSchema = {
  type: 'object',
  required: ['id', 'name'],
  additionalProperties: false,
  properties: { id: idSchema, ...metaProps, navigation: navigationSchema },
} as const;

const orNull = <S extends object>(schema: S) => ({ anyOf: [schema, { type: 'null' }] }) as const;

export const updateAppBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: metaProps.name,
    description: orNull(metaProps.description),
    icon: orNull(metaProps.icon),
    color: orNull(metaProps.color),
    navigation: navigationSchema,
  },
} as const;

const metaOut = { name: i18nSchema, description: i18nSchema, icon: { type: 'string' }, color: { type: 'string' } } as const;

export const appOut = {
  type: 'object',
  required: ['id', 'name', 'navigation', 'publishedVersion', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    ...metaOut,
    navigation: navigationSchema,
    publishedVersion: { type: ['integer', 'null'] },
    createdAt: iso,
    updatedAt: iso,
    updatedBy: actorSchema,
  },
} as const;

export const appSummaryOut = {
  type: 'object',
  required: ['id', 'name', 'publishedVersion', 'formCount', 'updatedAt', 'updatedBy', 'draftChanged'],
  properties: {
    id: { type: 'string' },
    ...metaOut,
    publishedVersion: { type: ['integer', 'null'] },
    formCount: { type: 'integer' },
    updatedAt: iso,
    updatedBy: actorSchema,
    draftChanged: { type: 'boolean' },
  },
} as const;

/** A FormSchema (published, or a draft with appId, times, updatedBy and publishedVersion). */
export const formOut = { type: 'object', additionalProperties: true, description: 'A FormSchema' } as const;
export const formList = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: formOut } } } as const;

export const publishedOut = {
  type: 'object',
  required: ['version', 'publishedAt', 'app', 'forms', 'timeZone'],
  properties: {
    version: { type: 'integer' },
    publishedAt: iso,
    timeZone: { type: 'string', description: "The tenant's time zone (IANA name): datetimes are typed and shown in it, whatever the browser's" },
    app: { type: 'object', required: ['id', 'name', 'navigation'], properties: { id: { type: 'string' }, ...metaOut, navigation: navigationSchema } },
    forms: { type: 'array', items: formOut },
    access: {
      type: 'object',
      description: 'What the caller may do with each form (absent when they administer the app)',
      additionalProperties: {
        type: 'object',
        properties: { actions: { type: 'array', items: { type: 'string' } }, hidden: { type: 'array', items: { type: 'string' } }, readonly: { type: 'array', items: { type: 'string' } } },
      },
    },
    admin: { type: 'boolean', description: 'Whether the caller administers the app (its permission sets)' },
  },
} as const;

const issueSchema = {
  type: 'object',
  required: ['formId', 'path', 'code', 'message'],
  properties: {
    formId: { type: ['string', 'null'] },
    path: { type: 'string' },
    fieldId: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    params: { type: 'object', additionalProperties: true },
  },
} as const;

export const CHANGE_KINDS = ['type_changed', 'field_removed', 'made_required', 'options_removed', 'unique_duplicates', 'form_removed'] as const;

const changeSchema = {
  type: 'object',
  required: ['kind', 'formId', 'formTitle', 'count', 'samples', 'blocking'],
  properties: {
    kind: { type: 'string', enum: CHANGE_KINDS },
    formId: { type: 'string' },
    formTitle: i18nSchema,
    fieldId: { type: 'string' },
    fieldLabel: i18nSchema,
    // Field definitions, as the form schema holds them (validated there).
    field: { type: 'object', additionalProperties: true },
    titleField: { type: 'object', additionalProperties: true },
    count: { type: 'integer' },
    samples: {
      type: 'array',
      items: { type: 'object', required: ['id', 'title', 'value'], properties: { id: { type: 'string' }, title: {}, value: {}, deleted: { type: 'boolean' } } },
    },
    blocking: { type: 'boolean' },
    detail: {
      type: 'object',
      properties: {
        fromType: { type: 'string' },
        toType: { type: 'string' },
        options: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, label: i18nSchema } } },
        duplicates: { type: 'array', items: { type: 'object', properties: { value: {}, count: { type: 'integer' } } } },
      },
    },
  },
} as const;

export const previewOut = {
  type: 'object',
  required: ['problems', 'changes', 'canPublish', 'timeZone'],
  properties: { problems: { type: 'array', items: issueSchema }, changes: { type: 'array', items: changeSchema }, canPublish: { type: 'boolean' }, timeZone: { type: 'string' } },
} as const;

export const publishBody = {
  type: 'object',
  additionalProperties: false,
  properties: { note: { type: 'string', maxLength: 1000 }, confirm: { type: 'boolean' } },
} as const;

export const publishOut = { type: 'object', required: ['version', 'publishedAt'], properties: { version: { type: 'integer' }, publishedAt: iso } } as const;

export const versionListOut = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'note', 'publishedAt', 'publishedBy', 'formCount'],
        properties: { version: { type: 'integer' }, note: { type: 'string' }, publishedAt: iso, publishedBy: actorSchema, formCount: { type: 'integer' } },
      },
    },
  },
} as const;

export const versionOut = {
  type: 'object',
  required: ['version', 'note', 'publishedAt', 'publishedBy', 'app', 'forms'],
  properties: {
    version: { type: 'integer' },
    note: { type: 'string' },
    publishedAt: iso,
    publishedBy: actorSchema,
    app: { type: 'object', required: ['name', 'navigation'], properties: { ...metaOut, navigation: navigationSchema } },
    forms: { type: 'array', items: formOut },
  },
} as const;

export const copyFormBody = {
  type: 'object',
  additionalProperties: false,
  properties: { title: i18nSchema, withRecords: { type: 'boolean' } },
} as const;

export const exportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    records: { type: 'boolean', default: false, description: 'include the live records of every form' },
    files: { type: 'boolean', default: false, description: 'include the files those records refer to (with records=true)' },
  },
} as const;

export const importQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { mode: { type: 'string', enum: ['copy', 'replace'], description: 'what to do when the app or a form id exists' } },
} as const;
