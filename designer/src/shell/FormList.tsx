// A form's records through its views: the view bar (all records and the saved views), the tools
// every view shares (add, filter, search, export, the trash, reload), the view's layout tools, and
// the view's body (a table or cards, a grouped table, a kanban, a calendar, a Gantt). Each record
// opens in a drawer (a page on a phone), by a click or its link from the keyboard; its address
// (?record=) and the view's (?view=) can be shared.
import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Drawer, Input, Popover, Space, Typography } from 'antd';
import { DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { textOf } from '@tessera/form-engine';
import { useIsPhone } from '@tessera/form-engine/react';
import { useTenantTimeZone } from './record/timeZone';
import { api, errorText, recordsUrl } from '../lib/api';
import { useFormServices, useSession } from '../lib/session';
import { fmt } from '../lib/i18n';
import { FilterBuilder, type Condition, toFilter } from './FilterBuilder';
import { RecordDetail } from './RecordDetail';
import { useShellForm, type ShellContext } from './AppShell';
import { formAllows, useFormAccess } from './access';
import { Trash } from './list/Trash';
import { useListT } from './list/strings';
import { useCells } from './views/cells';
import { ViewBody } from './views/bodies';
import { ViewBar } from './views/ViewBar';
import { ColumnsMenu, GroupMenu } from './views/ViewSettings';
import { useViews } from './views/useViews';

export function FormListPage() {
  const { appId = '', formId = '' } = useParams();
  const { t, l, locale } = useListT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const { published } = useOutletContext<ShellContext>();
  const timeZone = useTenantTimeZone();
  // What "me", "my department" and the date presets of a filter stand for.
  const me = useSession().me;
  const filterCtx = useMemo(() => ({ timeZone, me: me ? { id: me._id, departmentIds: me.departmentIds ?? [] } : null }), [timeZone, me]);
  const { schema, fallback } = useShellForm(formId);
  // What a restricted member may do here: buttons the server would refuse are not shown.
  const access = useFormAccess(formId);
  const views = useViews(appId, formId);
  const { config, change } = views;
  const conds = config.filter ?? [];
  const setConds = (c: Condition[]) => change({ filter: c.length ? c : undefined });
  const [q, setQ] = useState('');
  const [qText, setQText] = useState('');
  // Bumped when records changed elsewhere (the drawer saved one, the trash restored one): views load again.
  const [reloadKey, setReloadKey] = useState(0);
  const reload = () => setReloadKey((k) => k + 1);
  // The open record is in the URL (?record=<id>): its address opens it over the list, back closes it.
  const location = useLocation();
  const linked = new URLSearchParams(location.search).get('record');
  const openId = phone ? null : linked;
  const withRecord = (id: string | null) => {
    const p = new URLSearchParams(location.search);
    if (id) p.set('record', id);
    else p.delete('record');
    return { pathname: location.pathname, search: p.toString() ? `?${p}` : '' };
  };
  const setOpenId = (id: string) => navigate(withRecord(id), { state: { fromList: true } });
  const goTo = (id: string) => navigate(withRecord(id), { replace: true, state: location.state });
  // Closing the drawer (its ×, Esc, a click beside it) asks first while a record is being edited with changes.
  const leaveGuard = useRef<(() => Promise<boolean>) | null>(null);
  const closeDrawer = async () => {
    if (!leaveGuard.current || (await leaveGuard.current())) closeRecord();
  };
  const closeRecord = () => ((location.state as { fromList?: boolean } | null)?.fromList ? navigate(-1) : navigate(withRecord(null), { replace: true }));
  // A phone opens records as pages, a record's address too.
  useEffect(() => void (phone && linked && navigate(`/apps/${appId}/forms/${formId}/records/${encodeURIComponent(linked)}`, { replace: true })), [phone, linked]);
  const [filterOpen, setFilterOpen] = useState(false);
  const [trashOpen, setTrashOpen] = useState(false);
  const services = useFormServices(appId, formId);
  const { fields } = useCells(appId, formId, schema, []);

  useEffect(() => {
    setQ('');
    setQText('');
    setTrashOpen(false);
  }, [appId, formId]);

  // The filter JSON of the view's conditions: one object while they stay the same (views load on its change).
  const condsKey = JSON.stringify(conds);
  const filter = useMemo(() => toFilter(conds, filterCtx), [condsKey, filterCtx]);
  const clearAll = () => {
    setConds([]);
    setQ('');
    setQText('');
  };
  const open = (id: string) => (phone ? navigate(`/apps/${appId}/forms/${formId}/records/${id}`) : setOpenId(id));

  const exportAll = async () => {
    const hide = message.loading(t.exporting, 0);
    try {
      const params = new URLSearchParams();
      if (filter) params.set('filter', JSON.stringify(filter));
      if (q.trim()) params.set('q', q.trim());
      const r = await api<{ items: unknown[] }>('GET', `${recordsUrl(appId, formId)}/export?${params}`);
      const blob = new Blob([JSON.stringify(r.items, null, 2)], { type: 'application/json' });
      const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: `${formId}.json` });
      a.click();
      message.success(fmt(t.exported, { n: r.items.length }));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      hide();
    }
  };

  if (!schema) return fallback;
  // Purge is for who manages the app (its admins, or a permission set granting manage).
  const manages = formAllows(access, 'manage') && (access !== null || published?.admin === true);

  const filterBuilder = <FilterBuilder fields={schema.fields} value={conds} onChange={setConds} phone={phone} services={services} searchRelation={(fieldId, text) => services.searchRelation(formId, fieldId, text)} />;
  // On a desktop the pop-up opens and closes itself (its trigger); on a phone the button opens the sheet.
  const filterButton = <Button onClick={phone ? () => setFilterOpen(true) : undefined}>{t.filter}{conds.length ? ` (${conds.length})` : ''}</Button>;
  const table = views.type === 'table';
  const toolbar = (
    <Space wrap style={{ marginBottom: 12, width: '100%' }}>
      {formAllows(access, 'create') ? <Button type="primary" onClick={() => navigate(`/apps/${appId}/forms/${formId}/new`)}>+ {t.add}</Button> : null}
      {phone ? filterButton : (
        <Popover trigger="click" placement="bottomLeft" open={filterOpen} onOpenChange={setFilterOpen} content={filterBuilder}>
          {filterButton}
        </Popover>
      )}
      {!phone && table ? <ColumnsMenu fields={fields} config={config} onConfig={change} /> : null}
      {!phone && table ? <GroupMenu schema={schema} config={config} onConfig={change} /> : null}
      <Input.Search allowClear placeholder={t.searchPlaceholder} value={qText} onChange={(e) => setQText(e.target.value)} onSearch={(s) => setQ(s)} style={{ width: phone ? 160 : 240 }} aria-label={t.search} />
      {formAllows(access, 'export') ? <Button onClick={exportAll}>{t.export}</Button> : null}
      {formAllows(access, 'restore') ? <Button icon={<DeleteOutlined aria-hidden />} onClick={() => setTrashOpen(true)}>{l.trash}</Button> : null}
      <Button icon={<ReloadOutlined aria-hidden />} onClick={reload} aria-label={l.reload} title={l.reload} />
    </Space>
  );

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{textOf(schema.title, locale)}</Typography.Title>
      <ViewBar schema={schema} views={views} canShare={manages || published?.admin === true} phone={phone} />
      {toolbar}
      {views.views === null ? null : (
        <ViewBody type={views.type} appId={appId} formId={formId} schema={schema} config={config} onConfig={change} filter={filter} q={q} onOpen={open} reloadKey={reloadKey} phone={phone} onCleared={clearAll} />
      )}
      <Drawer open={!!openId} size={760} onClose={closeDrawer} title={t.detail} destroyOnHidden>
        {openId ? <RecordDetail appId={appId} schema={schema} recordId={openId} onChanged={reload} onGo={goTo} leaveGuard={leaveGuard} /> : null}
      </Drawer>
      {phone ? (
        <Drawer open={filterOpen} placement="bottom" size="auto" onClose={() => setFilterOpen(false)} title={t.filter} styles={{ body: { paddingBottom: 24 } }}>
          {filterBuilder}
        </Drawer>
      ) : null}
      <Trash open={trashOpen} onClose={() => setTrashOpen(false)} appId={appId} schema={schema} canPurge={manages} phone={phone} onChanged={reload} />
    </div>
  );
}
