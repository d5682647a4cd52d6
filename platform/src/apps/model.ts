// App definitions as stored: the app (meta applies at once; navigation is part of the draft),
// its draft forms, and the immutable published versions end users run. Shared by every
// service of the apps feature.
import type { FormSchema, I18nText } from '@tessera/form-engine';
import type { AuditActor, Doc, Store } from '@tessera/runtime';

/** Who changed something: an id and the name to show. */
export type Actor = AuditActor;

/**
 * Kinds of navigation entries besides groups. Each names a thing of the app by id; adding a
 * kind ('dashboard', 'flow', 'automation') is one entry here plus how to find its ids
 * (navigation.ts, typed by this list).
 */
export const NAV_ITEM_TYPES = ['form'] as const;
export type NavItemType = (typeof NAV_ITEM_TYPES)[number];

export interface NavItem {
  type: NavItemType;
  id: string;
  hidden?: boolean;
}

export interface NavGroup {
  type: 'group';
  id: string;
  label: I18nText;
  hidden?: boolean;
  children: NavItem[];
}

export type NavNode = NavGroup | NavItem;

/** What an app is called and how it looks: applies at once, never waits for a publish. */
export interface AppMeta {
  name: I18nText;
  description?: I18nText;
  icon?: string;
  color?: string;
}

export const META_KEYS = ['name', 'description', 'icon', 'color'] as const;

/** A change to an app (PUT /apps/:appId): meta applies at once, null removes description, icon or colour; navigation is draft. */
export type MetaPatch = { [K in keyof AppMeta]?: AppMeta[K] | null } & { navigation?: NavNode[] };

export interface AppDoc extends Doc, AppMeta {
  tenantId: string;
  /** The draft navigation (published with the forms). */
  navigation?: NavNode[];
  /** Users who administer the app (its permission sets, all its records) besides the tenant's administrators. */
  admins?: string[];
  /** The version end users run; absent until the first publish. */
  publishedVersion?: number;
  /**
   * When the draft (forms, navigation) last changed; absent while the draft is what the last
   * publish took. Every draft write sets it (touchApp), a publish clears it: the home page's
   * "unpublished changes" without reading a schema.
   */
  draftChangedAt?: string;
  createdAt: string;
  updatedAt: string;
  updatedBy?: Actor;
}

/** The draft of one form. `schema.version` goes up on every draft save. */
export interface FormDoc extends Doc {
  tenantId: string;
  appId: string;
  schema: FormSchema;
  createdAt: string;
  updatedAt: string;
  updatedBy?: Actor;
}

export interface AppSnapshot {
  app: AppMeta & { navigation?: NavNode[] };
  forms: FormSchema[];
}

/** A published version (`_id` "<appId>@<n>"): written once, never changed. */
export interface AppVersionDoc extends Doc {
  tenantId: string;
  appId: string;
  version: number;
  note: string;
  publishedAt: string;
  /** Versions published before drafts existed hold the user id alone. */
  publishedBy: Actor | string | null;
  snapshot: AppSnapshot;
}

/** The highest draft version a deleted form reached, so a form made again with its id goes on from there. */
export interface FormVersionFloor extends Doc {
  seq: number;
}

export function appCollections(store: Store) {
  return {
    apps: store.collection<AppDoc>('apps'),
    forms: store.collection<FormDoc>('forms'),
    versions: store.collection<AppVersionDoc>('app_versions'),
    counters: store.collection<FormVersionFloor>('counters'),
  };
}
export type AppCollections = ReturnType<typeof appCollections>;

export const versionId = (appId: string, version: number) => `${appId}@${version}`;
/** Counter id of a form's version floor ('-' cannot appear in a form id, so no serial counter clashes). */
export const versionFloorId = (formId: string) => `form-version:${formId}`;

export function metaOf(app: AppMeta): AppMeta {
  const out: AppMeta = { name: app.name };
  if (app.description !== undefined) out.description = app.description;
  if (app.icon !== undefined) out.icon = app.icon;
  if (app.color !== undefined) out.color = app.color;
  return out;
}

export function actorOut(a: Actor | string | null | undefined): Actor | null {
  if (!a) return null;
  return typeof a === 'string' ? { id: a, name: a } : { id: a.id, name: a.name };
}

/** A form schema without its version: what "the same form" compares. */
export function withoutVersion(schema: FormSchema): FormSchema {
  const { version: _v, ...rest } = schema;
  return rest as FormSchema;
}
