// Saved views as the app shell holds them: the server's shape (platform/src/apps/views-model.ts),
// the calls that keep them, and what every kind of view body (table, kanban, calendar, Gantt) is
// given by the list page. A body only arranges records: it asks the records API with the page's
// filter and search, opens a record through `onOpen`, and changes its own layout (columns, folded
// kanban columns, calendar mode) through `onConfig`, which the page keeps as unsaved changes.
import type { FormSchema } from '@tessera/form-engine';
import { api } from '../../lib/api';
import type { Condition } from '../list/conditions';

export type ViewType = 'table' | 'kanban' | 'calendar' | 'gantt';
export type SummaryFn = 'sum' | 'avg' | 'min' | 'max';

export interface ViewConfig {
  /** Columns in order, with a width where someone dragged one (none: the form's first eight). */
  columns?: Array<{ id: string; width?: number }>;
  /** The first column stays put when the table scrolls sideways. */
  frozen?: boolean;
  rowHeight?: 'compact' | 'medium' | 'tall';
  filter?: Condition[];
  /** `field` or `-field`. */
  sort?: string;
  /** One or two fields: the table shows groups with counts and summaries. */
  groupBy?: string[];
  summaries?: Array<{ field: string; fn: SummaryFn }>;
  /** A kanban: columns are `by`'s options (a select) or people (a member); `order` and `folded` hold option values or user ids, `''` for the "none" column. */
  kanban?: { by: string; order?: string[]; folded?: string[]; cardFields?: string[] };
  calendar?: { date: string; mode?: 'month' | 'week' | 'day'; cardFields?: string[] };
  gantt?: { start: string; end: string; cardFields?: string[] };
}

export interface SavedView {
  id: string;
  name: string;
  type: ViewType;
  shared: boolean;
  isDefault: boolean;
  owner: { id: string; name: string | null };
  /** May the signed-in user change or delete it. */
  editable: boolean;
  config: ViewConfig;
  _v: number;
  updatedAt: string;
}

/** What the list page gives the body of the view on screen. */
export interface ViewBodyProps {
  appId: string;
  formId: string;
  schema: FormSchema;
  /** The view's settings as on screen (saved, or changed and not yet saved). */
  config: ViewConfig;
  /** Changes the view's settings on screen (the page offers to save them). */
  onConfig(patch: Partial<ViewConfig>): void;
  /** The records filter JSON of the page's conditions (null: none), as the records API takes it. */
  filter: Record<string, unknown> | null;
  /** The search box's text ('' for none). */
  q: string;
  /** Opens a record (a drawer on a desktop, a page on a phone). */
  onOpen(recordId: string): void;
  /** Changes when records may have changed elsewhere (a save in the drawer, a restore): load again. */
  reloadKey: number;
  phone: boolean;
}

const viewsUrl = (appId: string, formId: string) => `/api/apps/${encodeURIComponent(appId)}/forms/${encodeURIComponent(formId)}/views`;

export const listViews = (appId: string, formId: string) => api<{ items: SavedView[] }>('GET', viewsUrl(appId, formId)).then((r) => r.items);

export const createView = (appId: string, formId: string, body: { name: string; type: ViewType; shared?: boolean; isDefault?: boolean; config: ViewConfig }) =>
  api<SavedView>('POST', viewsUrl(appId, formId), body);

export const updateView = (appId: string, formId: string, id: string, body: { _v: number; name?: string; shared?: boolean; isDefault?: boolean; config?: ViewConfig }) =>
  api<SavedView>('PATCH', `${viewsUrl(appId, formId)}/${encodeURIComponent(id)}`, body);

export const deleteView = (appId: string, formId: string, id: string) => api<void>('DELETE', `${viewsUrl(appId, formId)}/${encodeURIComponent(id)}`);
