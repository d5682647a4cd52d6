// The builder's calls to the server (drafts, publishing, versions, packages): the same public
// API integrations use. Shapes follow docs/apps-api.md.
import type { Field, FormSchema, I18nText } from '@tessera/form-engine';
import { api, type AppInfo, type NavNode } from '../lib/api';

/** A draft form as the builder reads it. */
export type DraftForm = FormSchema & {
  appId: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
  /** The form's version in the published app, or null when never published. */
  publishedVersion: number | null;
};

export interface AppDetail extends AppInfo {
  navigation?: NavNode[];
  createdAt: string;
}

export interface PublishIssue {
  formId: string;
  path: string;
  fieldId: string;
  code: string;
  message: string;
}

export interface PublishChange {
  kind: 'type_changed' | 'field_removed' | 'made_required' | 'options_removed' | 'unique_duplicates' | 'form_removed';
  formId: string;
  formTitle: I18nText;
  fieldId?: string;
  fieldLabel?: I18nText;
  /** The changed field as the records hold it: how a sample's value reads. */
  field?: Field;
  /** The field that names a record in the form's lists: how a sample's title reads. */
  titleField?: Field;
  count: number;
  /** Some records the change touches (their title and changed field's stored values); `deleted` ones can be restored, so a unique rule counts them. */
  samples: Array<{ id: string; title: unknown; value: unknown; deleted?: boolean }>;
  blocking: boolean;
  detail?: { fromType?: string; toType?: string; options?: Array<{ value: string; label: I18nText }>; duplicates?: Array<{ value: unknown; count: number }> };
}

export interface PublishPreview {
  problems: PublishIssue[];
  changes: PublishChange[];
  canPublish: boolean;
  /** The tenant's time zone: the samples' datetimes read in it. */
  timeZone: string;
}

export interface VersionInfo {
  version: number;
  note: string;
  publishedAt: string;
  publishedBy: { id: string; name: string } | null;
  formCount: number;
}

const enc = encodeURIComponent;
const metaKeys = ['appId', 'createdAt', 'updatedAt', 'updatedBy', 'publishedVersion', 'version'] as const;

/** The schema alone (what the designer edits), without the server's bookkeeping. */
export function schemaOf(f: DraftForm): FormSchema {
  const copy: Record<string, unknown> = { ...f };
  for (const k of metaKeys) delete copy[k];
  return copy as unknown as FormSchema;
}

export const builderApi = {
  app: (appId: string) => api<AppDetail>('GET', `/api/apps/${enc(appId)}`),
  createApp: (body: { name: I18nText; description?: I18nText; icon?: string; color?: string }) => api<AppDetail>('POST', '/api/apps', body),
  updateApp: (appId: string, body: Partial<Pick<AppDetail, 'name' | 'description' | 'icon' | 'color' | 'navigation'>>) => api<AppDetail>('PUT', `/api/apps/${enc(appId)}`, body),
  deleteApp: (appId: string) => api<void>('DELETE', `/api/apps/${enc(appId)}`),
  drafts: (appId: string) => api<{ items: DraftForm[] }>('GET', `/api/apps/${enc(appId)}/forms?draft=true`).then((r) => r.items),
  draft: (appId: string, formId: string) => api<DraftForm>('GET', `/api/apps/${enc(appId)}/forms/${enc(formId)}?draft=true`),
  published: (appId: string, formId: string) => api<FormSchema>('GET', `/api/apps/${enc(appId)}/forms/${enc(formId)}`),
  createForm: (appId: string, schema: Partial<FormSchema>) => api<DraftForm>('POST', `/api/apps/${enc(appId)}/forms`, schema),
  saveForm: (appId: string, schema: FormSchema, version: number) => api<DraftForm>('PUT', `/api/apps/${enc(appId)}/forms/${enc(schema.id)}`, { ...schema, version }),
  deleteForm: (appId: string, formId: string) => api<void>('DELETE', `/api/apps/${enc(appId)}/forms/${enc(formId)}`),
  copyForm: (appId: string, formId: string, body: { title?: I18nText; withRecords?: boolean }) => api<DraftForm>('POST', `/api/apps/${enc(appId)}/forms/${enc(formId)}/copy`, body),
  publishPreview: (appId: string) => api<PublishPreview>('GET', `/api/apps/${enc(appId)}/publish/preview`),
  publish: (appId: string, note: string, confirm: boolean) => api<{ version: number; publishedAt: string }>('POST', `/api/apps/${enc(appId)}/publish`, { note, confirm }),
  versions: (appId: string) => api<{ items: VersionInfo[] }>('GET', `/api/apps/${enc(appId)}/versions`).then((r) => r.items),
  restore: (appId: string, version: number) => api<{ forms: DraftForm[] }>('POST', `/api/apps/${enc(appId)}/versions/${version}/restore`),
  exportUrl: (appId: string, opts: { records?: boolean; files?: boolean }) => `/api/apps/${enc(appId)}/export?records=${!!opts.records}&files=${!!opts.files}`,
  importApp: (pkg: unknown, mode?: 'replace' | 'copy') => api<AppDetail>('POST', `/api/apps/import${mode ? `?mode=${mode}` : ''}`, pkg),
};
