// A form's records as a data table (cards on a phone): add, filter, search, sort (by column, or a
// sort box on a phone), choose columns, select and delete, export, the trash; each row opens its
// record in a drawer (a page on a phone), by a click or by its link from the keyboard.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Checkbox, Drawer, Dropdown, Input, List, Popover, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { useLocation, useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { dataFields, textOf, type Field } from '@tessera/form-engine';
import { displayValue, isNumeric, lookupTarget, OptionTags, recordsMemberIds, rendererText, useIsPhone, useMemberNames } from '@tessera/form-engine/react';
import { useTenantTimeZone } from './record/timeZone';
import { api, errorText, recordsUrl } from '../lib/api';
import { useFormServices, useSession } from '../lib/session';
import { fmt, relativeTime } from '../lib/i18n';
import { FilterBuilder, type Condition, toFilter } from './FilterBuilder';
import { RecordDetail } from './RecordDetail';
import { listed } from './record/sequence';
import { useShellForm, type ShellContext } from './AppShell';
import { formAllows, recordAllows, useFormAccess } from './access';
import { ListEmpty, type ListState } from './list/ListStates';
import { RecordLink } from './list/RecordLink';
import { SortSelect, sortable } from './list/SortSelect';
import { Trash } from './list/Trash';
import { departmentText, useDepartmentNames } from './list/departments';
import { useListT } from './list/strings';

type Rec = Record<string, unknown> & { _id: string; _v: number; _createdAt: string };
const LISTABLE = (f: Field) => !['subform', 'attachment', 'image', 'signature', 'location', 'textarea'].includes(f.type);
const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

export function FormListPage() {
  const { appId = '', formId = '' } = useParams();
  const { t, l, locale } = useListT();
  const { message, modal } = App.useApp();
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
  const [items, setItems] = useState<Rec[]>([]);
  // null while the first page of what is asked loads (no "共 0 条" meanwhile) or when it failed.
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const [qText, setQText] = useState('');
  const [sort, setSort] = useState<string | undefined>(undefined);
  const [conds, setConds] = useState<Condition[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
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
  const closeRecord = () => ((location.state as { fromList?: boolean } | null)?.fromList ? navigate(-1) : navigate(withRecord(null), { replace: true }));
  // A phone opens records as pages, a record's address too.
  useEffect(() => void (phone && linked && navigate(`/apps/${appId}/forms/${formId}/records/${encodeURIComponent(linked)}`, { replace: true })), [phone, linked]);
  const [filterOpen, setFilterOpen] = useState(false);
  const [trashOpen, setTrashOpen] = useState(false);
  // Why the records could not be loaded (the list then says so, with a retry).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  // Only the answer to the latest request is shown (a slow earlier one never overwrites it).
  const asked = useRef(0);
  const colKey = `tessera.columns.${formId}`;
  const fields = useMemo(() => (schema ? dataFields(schema.fields).filter(LISTABLE) : []), [schema]);
  const [shown, setShown] = useState<string[] | null>(null);
  // People in member columns by name (asked by id for the rows on screen).
  const services = useFormServices(appId, formId);
  const memberIdsShown = useMemo(() => recordsMemberIds(fields, items), [fields, items]);
  const memberName = useMemberNames(services, memberIdsShown, rendererText(locale));
  const deptNames = useDepartmentNames(services, fields.some((f) => f.type === 'department'));

  useEffect(() => {
    setItems([]);
    setTotal(null);
    setConds([]);
    setQ('');
    setQText('');
    setSort(undefined);
    setSelected([]);
    setFailure(null);
    setTrashOpen(false);
    const saved = localStorage.getItem(colKey);
    setShown(saved ? (JSON.parse(saved) as string[]) : null);
  }, [appId, formId, colKey]);

  const load = useCallback(
    async (more: boolean) => {
      const n = ++asked.current;
      setLoading(true);
      if (!more) {
        setTotal(null);
        setFailure(null);
      }
      try {
        const params = new URLSearchParams({ limit: '20' });
        const filter = toFilter(conds, filterCtx);
        if (filter) params.set('filter', JSON.stringify(filter));
        if (q.trim()) params.set('q', q.trim());
        if (sort) params.set('sort', sort);
        if (more && cursor) params.set('cursor', cursor);
        const r = await api<{ items: Rec[]; total: number; nextCursor: string | null }>('GET', `${recordsUrl(appId, formId)}?${params}`);
        if (n !== asked.current) return;
        setItems((prev) => (more ? [...prev, ...r.items] : r.items));
        setTotal(r.total);
        setCursor(r.nextCursor);
        listed(appId, formId, params, r.items.map((x) => x._id), r.total, r.nextCursor, more);
        setFailure(null);
      } catch (e) {
        if (n !== asked.current) return;
        // "Load more" keeps what is shown; a first page that failed replaces the list.
        if (more) message.error(errorText(e, t));
        else {
          setItems([]);
          setCursor(null);
          setFailure({ error: e });
        }
      } finally {
        if (n === asked.current) setLoading(false);
      }
    },
    [appId, formId, conds, filterCtx, q, sort, cursor, message, t],
  );
  // Reload when what is asked changes (not when the cursor moves).
  useEffect(() => void (schema && load(false)), [schema, conds, filterCtx, sort, q]);

  const visibleFields = fields.filter((f) => (shown ? shown.includes(f.id) : fields.indexOf(f) < 8));
  const toggleColumn = (id: string, on: boolean) => {
    const next = (shown ?? visibleFields.map((f) => f.id)).filter((x) => x !== id).concat(on ? [id] : []);
    const ordered = fields.map((f) => f.id).filter((x) => next.includes(x));
    setShown(ordered);
    localStorage.setItem(colKey, JSON.stringify(ordered));
  };
  const clearAll = () => {
    setConds([]);
    setQ('');
    setQText('');
  };

  // A lookup shows its value as the field it looks up would (a select's label and tag, not "A").
  const cell = (field: Field, v: unknown) => {
    const f = lookupTarget(field, schema?.fields ?? [], published?.forms) ?? field;
    if (f.type === 'department') return departmentText(v, deptNames, locale, l.unknownDept);
    return f.type === 'select' || f.type === 'multiselect' ? <OptionTags field={f} value={v} locale={locale} /> : displayValue(f, v, locale, timeZone, memberName);
  };
  const open = (id: string) => (phone ? navigate(recordPath(id)) : setOpenId(id));
  const recordPath = (id: string) => `/apps/${appId}/forms/${formId}/records/${id}`;
  // The column (or card title) holding each record's link: its title field when shown, else the first.
  const titleField = fields.find((f) => f.id === schema?.titleField) ?? fields[0];
  const linkField = visibleFields.includes(titleField) ? titleField : visibleFields[0];
  const link = (f: Field | undefined, r: Rec) => (
    <RecordLink href={recordPath(r._id)} onOpen={() => open(r._id)} title={f && !blank(r[f.id]) ? cell(f, r[f.id]) : null} />
  );
  const order = (key: string) => (sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null);
  const columns = [
    ...visibleFields.map((f) => ({
      title: textOf(f.label, locale),
      dataIndex: f.id,
      key: f.id,
      sorter: sortable(f),
      sortOrder: order(f.id),
      align: isNumeric(f) ? ('right' as const) : undefined,
      ellipsis: true,
      render: (v: unknown, r: Rec) => (f === linkField ? link(f, r) : cell(f, v)),
    })),
    { title: t.createdAt, dataIndex: '_createdAt', key: '_createdAt', sorter: true, width: 120, sortOrder: order('_createdAt'), render: (v: string, r: Rec) => (linkField ? <span title={v}>{relativeTime(v, t)}</span> : <span title={v}>{link(undefined, r)} {relativeTime(v, t)}</span>) },
  ];

  const exportAll = async () => {
    const hide = message.loading(t.exporting, 0);
    try {
      const filter = toFilter(conds, filterCtx);
      const params = new URLSearchParams();
      if (filter) params.set('filter', JSON.stringify(filter));
      if (q.trim()) params.set('q', q.trim());
      const r = await api<{ items: Rec[] }>('GET', `${recordsUrl(appId, formId)}/export?${params}`);
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

  const bulkDelete = () =>
    modal.confirm({
      title: t.deleteSelected,
      content: fmt(t.confirmDelete, { n: selected.length }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const r = await api<{ deleted: number }>('POST', `${recordsUrl(appId, formId)}/bulk-delete`, { ids: selected });
          message.success(fmt(t.deleted, { n: r.deleted }));
          setSelected([]);
        } catch (e) {
          message.error(errorText(e, t));
        }
        await load(false);
      },
    });

  if (!schema) return fallback;
  // Purge is for who manages the app (its admins, or a permission set granting manage).
  const canPurge = formAllows(access, 'manage') && (access !== null || published?.admin === true);

  const filterBuilder = <FilterBuilder fields={schema.fields} value={conds} onChange={setConds} phone={phone} services={services} searchRelation={(fieldId, text) => services.searchRelation(formId, fieldId, text)} />;
  // On a desktop the pop-up opens and closes itself (its trigger); on a phone the button opens the sheet.
  const filterButton = <Button onClick={phone ? () => setFilterOpen(true) : undefined}>{t.filter}{conds.length ? ` (${conds.length})` : ''}</Button>;
  const toolbar = (
    <Space wrap style={{ marginBottom: 12, width: '100%' }}>
      {formAllows(access, 'create') ? <Button type="primary" onClick={() => navigate(`/apps/${appId}/forms/${formId}/new`)}>+ {t.add}</Button> : null}
      {phone ? filterButton : (
        <Popover trigger="click" placement="bottomLeft" open={filterOpen} onOpenChange={setFilterOpen} content={filterBuilder}>
          {filterButton}
        </Popover>
      )}
      {!phone ? (
        <Dropdown trigger={['click']} popupRender={() => (
          <Card size="small" style={{ maxHeight: 360, overflow: 'auto' }}>
            {fields.map((f) => <div key={f.id}><Checkbox checked={visibleFields.includes(f)} onChange={(e) => toggleColumn(f.id, e.target.checked)}>{textOf(f.label, locale)}</Checkbox></div>)}
          </Card>
        )}>
          <Button>{t.columns}</Button>
        </Dropdown>
      ) : null}
      <Input.Search allowClear placeholder={t.searchPlaceholder} value={qText} onChange={(e) => setQText(e.target.value)} onSearch={(s) => setQ(s)} style={{ width: phone ? 160 : 240 }} aria-label={t.search} />
      {formAllows(access, 'export') ? <Button onClick={exportAll}>{t.export}</Button> : null}
      {formAllows(access, 'restore') ? <Button icon={<DeleteOutlined aria-hidden />} onClick={() => setTrashOpen(true)}>{l.trash}</Button> : null}
      <Button icon={<ReloadOutlined aria-hidden />} onClick={() => load(false)} aria-label={l.reload} title={l.reload} />
      {selected.length ? <Button danger onClick={bulkDelete}>{t.deleteSelected} ({selected.length})</Button> : null}
      {total !== null && !failure ? <Typography.Text type="secondary" aria-live="polite">{fmt(t.total, { n: total })}</Typography.Text> : null}
      {phone ? <div style={{ width: 'calc(100vw - 32px)' }}><SortSelect fields={visibleFields} value={sort} onChange={setSort} /></div> : null}
    </Space>
  );
  const state: ListState = failure
    ? { kind: 'failed', error: failure.error }
    : total === null
      ? { kind: 'loading' }
      : q.trim() || conds.length
        ? { kind: 'noMatch' }
        : { kind: 'noData', canCreate: formAllows(access, 'create') };
  const empty = <ListEmpty state={state} onRetry={() => load(false)} onClear={clearAll} />;
  // The spinner only over rows already shown; an empty list loading shows the skeleton instead.
  const spinning = loading && items.length > 0;

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{textOf(schema.title, locale)}</Typography.Title>
      {toolbar}
      {phone ? (
        <List
          loading={spinning}
          dataSource={items}
          locale={{ emptyText: empty }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 8, width: '100%' }} onClick={() => open(r._id)} title={link(titleField, r)} extra={<Tag>{relativeTime(r._createdAt, t)}</Tag>}>
              {visibleFields.filter((f) => f !== titleField).slice(0, 4).map((f) => (
                <div key={f.id} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text type="secondary">{textOf(f.label, locale)}</Typography.Text>
                  <span>{cell(f, r[f.id])}</span>
                </div>
              ))}
            </Card>
          )}
        />
      ) : (
        <Table<Rec>
          rowKey="_id"
          size="middle"
          sticky
          loading={spinning}
          dataSource={items}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          rowSelection={formAllows(access, 'delete') ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (r) => ({ disabled: !recordAllows(r, 'delete') }) } : undefined}
          onRow={(r) => ({ onClick: () => open(r._id), style: { cursor: 'pointer' } })}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            setSort(s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined);
          }}
        />
      )}
      {cursor && !failure ? <Button block style={{ marginTop: 12 }} loading={loading} onClick={() => load(true)}>{t.loadMore}</Button> : null}
      <Drawer open={!!openId} size={760} onClose={closeRecord} title={t.detail} destroyOnHidden>
        {openId ? <RecordDetail appId={appId} schema={schema} recordId={openId} onChanged={() => load(false)} onGo={goTo} /> : null}
      </Drawer>
      {phone ? (
        <Drawer open={filterOpen} placement="bottom" size="auto" onClose={() => setFilterOpen(false)} title={t.filter} styles={{ body: { paddingBottom: 24 } }}>
          {filterBuilder}
        </Drawer>
      ) : null}
      <Trash open={trashOpen} onClose={() => setTrashOpen(false)} appId={appId} schema={schema} canPurge={canPurge} phone={phone} onChanged={() => load(false)} />
    </div>
  );
}
