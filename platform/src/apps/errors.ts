// The apps feature's error catalogue: each error named once with its code, HTTP status and
// message per locale (the error handler answers in the reader's language). Details carry the
// data a client acts on: paths, versions, the changes a publish would make.
import { defineError } from '@tessera/runtime';

export const APP_NOT_FOUND = defineError<{ appId: string }>('NOT_FOUND', 404, ({ appId }) => ({
  'zh-CN': `应用 ${appId} 不存在`,
  'en-US': `App ${appId} not found`,
}));

export const FORM_NOT_FOUND = defineError<{ formId: string }>('NOT_FOUND', 404, ({ formId }) => ({
  'zh-CN': `表单 ${formId} 不存在`,
  'en-US': `Form ${formId} not found`,
}));

export const NOT_PUBLISHED = defineError<{ appId: string }>('NOT_PUBLISHED', 404, ({ appId }) => ({
  'zh-CN': `应用 ${appId} 还没有发布过`,
  'en-US': `App ${appId} has never been published`,
}));

export const VERSION_NOT_FOUND = defineError<{ appId: string; version: number }>('NOT_FOUND', 404, ({ appId, version }) => ({
  'zh-CN': `应用 ${appId} 没有第 ${version} 版`,
  'en-US': `App ${appId} has no version ${version}`,
}));

export const APP_ID_TAKEN = defineError<{ appId: string }>('CONFLICT', 409, ({ appId }) => ({
  'zh-CN': `应用 ID ${appId} 已被使用`,
  'en-US': `The app id ${appId} is taken`,
}));

export const FORM_ID_TAKEN = defineError<{ formId: string }>('CONFLICT', 409, ({ formId }) => ({
  'zh-CN': `表单 ID ${formId} 已被使用`,
  'en-US': `The form id ${formId} is taken`,
}));

export const DRAFTS_ADMIN_ONLY = defineError('FORBIDDEN', 403, () => ({
  'zh-CN': '只有管理员可以查看草稿',
  'en-US': 'Only administrators see drafts',
}));

export const INVALID_SCHEMA = defineError<{ count: number }>('INVALID_SCHEMA', 422, ({ count }) => ({
  'zh-CN': `表单有 ${count} 处问题`,
  'en-US': `The form has ${count} problem(s)`,
}));

export const INVALID_NAVIGATION = defineError<{ count: number }>('INVALID_NAVIGATION', 422, ({ count }) => ({
  'zh-CN': `导航有 ${count} 处问题`,
  'en-US': `The navigation has ${count} problem(s)`,
}));

export const STALE_VERSION = defineError<{ formId: string; current: number }>('STALE_VERSION', 409, ({ formId, current }) => ({
  'zh-CN': `表单 ${formId} 已被他人保存为第 ${current} 版，请先合并对方的修改`,
  'en-US': `Someone saved form ${formId} as version ${current} meanwhile; merge their changes first`,
}));

export const TOO_MANY_RECORDS = defineError<{ count: number; limit: number }>('TOO_MANY_RECORDS', 422, ({ count, limit }) => ({
  'zh-CN': `表单有 ${count} 条数据，超过了复制数据的上限 ${limit} 条；请不带数据复制，或请管理员调高 TESSERA_COPY_RECORD_LIMIT`,
  'en-US': `The form has ${count} records, more than the ${limit} a copy may carry; copy it without records, or ask the operator to raise TESSERA_COPY_RECORD_LIMIT`,
}));

export const PUBLISH_PROBLEMS = defineError<{ count: number }>('INVALID_SCHEMA', 422, ({ count }) => ({
  'zh-CN': `草稿有 ${count} 处问题，修正后才能发布`,
  'en-US': `The draft has ${count} problem(s) to fix before it can be published`,
}));

export const PUBLISH_BLOCKED = defineError<{ count: number }>('PUBLISH_BLOCKED', 422, ({ count }) => ({
  'zh-CN': `有 ${count} 项变更与现有数据冲突，无法发布`,
  'en-US': `${count} change(s) conflict with existing records; the app cannot be published`,
}));

export const CONFIRMATION_REQUIRED = defineError<{ count: number }>('CONFIRMATION_REQUIRED', 409, ({ count }) => ({
  'zh-CN': `发布会影响现有数据（${count} 项变更），请确认后再发布`,
  'en-US': `Publishing affects existing records (${count} change(s)); confirm to publish`,
}));

export const PUBLISHED_MEANWHILE = defineError<{ appId: string }>('CONFLICT', 409, ({ appId }) => ({
  'zh-CN': `应用 ${appId} 刚被他人发布，请重新预览后再发布`,
  'en-US': `App ${appId} was published by someone else meanwhile; preview again, then publish`,
}));

export const INVALID_PACKAGE = defineError<{ count: number }>('INVALID_PACKAGE', 422, ({ count }) => ({
  'zh-CN': `应用包有 ${count} 处问题，未安装任何内容`,
  'en-US': `The package has ${count} problem(s); nothing was installed`,
}));

export const UNSUPPORTED_FORMAT = defineError<{ n: number }>('UNSUPPORTED_FORMAT', 422, ({ n }) => ({
  'zh-CN': `应用包由更新版本的 Tessera 生成（格式 ${n}），本服务器只能读取格式 1`,
  'en-US': `The package was made by a newer Tessera (format ${n}); this server reads format 1`,
}));

export const APP_EXISTS = defineError<{ appId: string }>('APP_EXISTS', 409, ({ appId }) => ({
  'zh-CN': `应用 ${appId}（或其中的表单）已经存在：请选择替换，或安装为副本`,
  'en-US': `App ${appId} (or one of its forms) already exists: replace it, or install a copy`,
}));

export const FORM_OF_OTHER_APP = defineError<{ formId: string; appId: string }>('CONFLICT', 409, ({ formId, appId }) => ({
  'zh-CN': `表单 ${formId} 属于应用 ${appId}，不能替换；请安装为副本`,
  'en-US': `Form ${formId} belongs to app ${appId} and cannot be replaced; install a copy instead`,
}));
