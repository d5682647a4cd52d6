// The list page's views: the form's saved views, which one is open (the URL's `?view=`, else the
// form's default, else "all records"), its settings as on screen, and whether they differ from what
// is saved. "All records" is always there: its columns are kept in this browser, its filters and
// sort last until the page is left (save them as a view to keep them).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { createView, deleteView, listViews, updateView, type SavedView, type ViewConfig, type ViewType } from './model';

const ALL_KEY = (formId: string) => `tessera.columns.${formId}`;

function allConfig(formId: string): ViewConfig {
  try {
    const saved = JSON.parse(localStorage.getItem(ALL_KEY(formId)) ?? 'null') as unknown;
    // Kept as a list of ids before views had widths.
    if (Array.isArray(saved)) return { columns: saved.map((c) => (typeof c === 'string' ? { id: c } : (c as { id: string; width?: number }))) };
  } catch {
    /* a damaged entry is ignored */
  }
  return {};
}

/** A value as text with object keys in order and absent (undefined) keys dropped. */
const canonical = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
};

/** Two configs are the same view. */
export const sameConfig = (a: ViewConfig, b: ViewConfig) => canonical(a) === canonical(b);

export function useViews(appId: string, formId: string) {
  const location = useLocation();
  const navigate = useNavigate();
  const asked = new URLSearchParams(location.search).get('view');
  const [views, setViews] = useState<SavedView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [drafts, setDrafts] = useState<Record<string, ViewConfig>>({});
  const [all, setAll] = useState<ViewConfig>(() => allConfig(formId));

  const reload = useCallback(async () => {
    try {
      setViews(await listViews(appId, formId));
      setError(null);
    } catch (e) {
      setError(e);
      setViews([]);
    }
  }, [appId, formId]);
  useEffect(() => {
    setViews(null);
    setDrafts({});
    setAll(allConfig(formId));
    void reload();
  }, [appId, formId]);

  // The view open: the one the URL names, else the form's default; null is "all records".
  const current = useMemo(() => {
    if (!views) return undefined;
    if (asked === 'all') return null;
    if (asked) return views.find((v) => v.id === asked) ?? null;
    return views.find((v) => v.isDefault) ?? null;
  }, [views, asked]);
  /** The URL names a view this person has not got (deleted, or someone else's personal one). */
  const missing = !!views && !!asked && asked !== 'all' && !views.some((v) => v.id === asked);
  const key = current ? current.id : '';
  const config: ViewConfig = current ? (drafts[key] ?? current.config) : all;
  // "All records" with filters, a sort or groups can be kept only as a new view.
  const dirty = current ? !!drafts[key] && !sameConfig(drafts[key], current.config) : !!(all.filter?.length || all.sort || all.groupBy || all.summaries);
  const type: ViewType = current?.type ?? 'table';

  const open = (id: string | null) => {
    const p = new URLSearchParams(location.search);
    p.delete('record');
    p.set('view', id ?? 'all');
    navigate({ pathname: location.pathname, search: `?${p}` });
  };
  const change = (patch: Partial<ViewConfig>) => {
    if (!current) {
      const next = { ...all, ...patch };
      setAll(next);
      if ('columns' in patch) localStorage.setItem(ALL_KEY(formId), JSON.stringify(next.columns ?? null));
      return;
    }
    setDrafts((d) => ({ ...d, [key]: { ...(d[key] ?? current.config), ...patch } }));
  };
  const revert = () => {
    if (!current) setAll({ columns: all.columns });
    else setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== key)));
  };
  const replace = (v: SavedView) => setViews((list) => (list ?? []).map((x) => (x.id === v.id ? v : v.isDefault && x.isDefault ? { ...x, isDefault: false } : x)));

  const save = async () => {
    if (!current) return;
    const saved = await updateView(appId, formId, current.id, { _v: current._v, config });
    replace(saved);
    revert();
  };
  const saveAs = async (body: { name: string; type?: ViewType; shared?: boolean; config?: ViewConfig }) => {
    const created = await createView(appId, formId, { name: body.name, type: body.type ?? type, shared: body.shared, config: body.config ?? config });
    setViews((list) => [...(list ?? []), created]);
    if (!body.config) revert();
    open(created.id);
    return created;
  };
  const patch = async (v: SavedView, body: { name?: string; shared?: boolean; isDefault?: boolean }) => replace(await updateView(appId, formId, v.id, { _v: v._v, ...body }));
  const remove = async (v: SavedView) => {
    await deleteView(appId, formId, v.id);
    setViews((list) => (list ?? []).filter((x) => x.id !== v.id));
    if (current?.id === v.id) open(null);
  };

  return { views, error, current, missing, config, dirty, type, open, change, revert, save, saveAs, patch, remove, reload };
}

export type ViewsState = ReturnType<typeof useViews>;
