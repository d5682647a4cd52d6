// A form's records as a data table (cards on a phone): add, filter, search, sort by column,
// choose columns, select and delete, export; a row opens the record in a drawer.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Drawer, Dropdown, Empty, Input, List, Popover, Space, Table, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { dataFields, textOf, type Field } from '@tessera/form-engine';
import { displayValue, isNumeric, OptionTags, recordsMemberIds, rendererText, useIsPhone, useMemberNames } from '@tessera/form-engine/react';
import { api, errorText, recordsUrl } from '../lib/api';
import { useFormServices } from '../lib/session';
import { fmt, relativeTime, useT } from '../lib/i18n';
import { FilterBuilder, type Condition, toFilter } from './FilterBuilder';
import { RecordDetail } from './RecordDetail';
import { useShellForm } from './AppShell';
import { formAllows, recordAllows, useFormAccess } from './access';

type Rec = Record<string, unknown> & { _id: string; _v: number; _createdAt: string };
const LISTABLE = (f: Field) => !['subform', 'attachment', 'image', 'signature', 'location', 'textarea'].includes(f.type);

export function FormListPage() {
  const { appId = '', formId = '' } = useParams();
  const { t, locale } = useT();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const { schema, fallback } = useShellForm(formId);
  // What a restricted member may do here: buttons the server would refuse are not shown.
  const access = useFormAccess(formId);
  const [items, setItems] = useState<Rec[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<string | undefined>(undefined);
  const [conds, setConds] = useState<Condition[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  // Why the records could not be loaded (the list then says so, with a retry).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const colKey = `tessera.columns.${formId}`;
  const fields = useMemo(() => (schema ? dataFields(schema.fields).filter(LISTABLE) : []), [schema]);
  const [shown, setShown] = useState<string[] | null>(null);
  // People in member columns by name (asked by id for the rows on screen).
  const services = useFormServices(appId, formId);
  const memberIdsShown = useMemo(() => recordsMemberIds(fields, items), [fields, items]);
  const memberName = useMemberNames(services, memberIdsShown, rendererText(locale));

  useEffect(() => {
    setItems([]);
    setConds([]);
    setQ('');
    setSelected([]);
    setFailure(null);
    const saved = localStorage.getItem(colKey);
    setShown(saved ? (JSON.parse(saved) as string[]) : null);
  }, [appId, formId, colKey]);

  const load = useCallback(
    async (more: boolean) => {
      setLoading(true);
      try {
        const params = new URLSearchParams({ limit: '20' });
        const filter = toFilter(conds);
        if (filter) params.set('filter', JSON.stringify(filter));
        if (q.trim()) params.set('q', q.trim());
        if (sort) params.set('sort', sort);
        if (more && cursor) params.set('cursor', cursor);
        const r = await api<{ items: Rec[]; total: number; nextCursor: string | null }>('GET', `${recordsUrl(appId, formId)}?${params}`);
        setItems((prev) => (more ? [...prev, ...r.items] : r.items));
        setTotal(r.total);
        setCursor(r.nextCursor);
        setFailure(null);
      } catch (e) {
        // "Load more" keeps what is shown; a first page that failed replaces the empty list.
        if (more) message.error(errorText(e, t));
        else {
          setItems([]);
          setFailure({ error: e });
        }
      } finally {
        setLoading(false);
      }
    },
    [appId, formId, conds, q, sort, cursor, message, t],
  );
  // Reload when what is asked changes (not when the cursor moves).
  useEffect(() => void (schema && load(false)), [schema, conds, sort, q]);

  const visibleFields = fields.filter((f) => (shown ? shown.includes(f.id) : fields.indexOf(f) < 8));
  const toggleColumn = (id: string, on: boolean) => {
    const next = (shown ?? visibleFields.map((f) => f.id)).filter((x) => x !== id).concat(on ? [id] : []);
    const ordered = fields.map((f) => f.id).filter((x) => next.includes(x));
    setShown(ordered);
    localStorage.setItem(colKey, JSON.stringify(ordered));
  };

  const cell = (f: Field, v: unknown) => (f.type === 'select' || f.type === 'multiselect' ? <OptionTags field={f} value={v} locale={locale} /> : displayValue(f, v, locale, undefined, memberName));
  const columns = [
    ...visibleFields.map((f) => ({
      title: textOf(f.label, locale),
      dataIndex: f.id,
      key: f.id,
      sorter: f.type !== 'relation' && f.type !== 'multiselect',
      sortOrder: sort === f.id ? ('ascend' as const) : sort === `-${f.id}` ? ('descend' as const) : null,
      align: isNumeric(f) ? ('right' as const) : undefined,
      ellipsis: true,
      render: (v: unknown) => cell(f, v),
    })),
    { title: t.createdAt, dataIndex: '_createdAt', key: '_createdAt', sorter: true, width: 120, sortOrder: sort === '_createdAt' ? ('ascend' as const) : sort === '-_createdAt' ? ('descend' as const) : null, render: (v: string) => <span title={v}>{relativeTime(v, t)}</span> },
  ];

  const exportAll = async () => {
    const hide = message.loading(t.exporting, 0);
    try {
      const filter = toFilter(conds);
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

  const open = (id: string) => (phone ? navigate(`/apps/${appId}/forms/${formId}/records/${id}`) : setOpenId(id));
  if (!schema) return fallback;

  const toolbar = (
    <Space wrap style={{ marginBottom: 12, width: '100%' }}>
      {formAllows(access, 'create') ? <Button type="primary" onClick={() => navigate(`/apps/${appId}/forms/${formId}/new`)}>+ {t.add}</Button> : null}
      <Popover trigger="click" placement="bottomLeft" content={<FilterBuilder fields={fields} value={conds} onChange={setConds} />}>
        <Button>{t.filter}{conds.length ? ` (${conds.length})` : ''}</Button>
      </Popover>
      {!phone ? (
        <Dropdown trigger={['click']} dropdownRender={() => (
          <Card size="small" style={{ maxHeight: 360, overflow: 'auto' }}>
            {fields.map((f) => <div key={f.id}><Checkbox checked={visibleFields.includes(f)} onChange={(e) => toggleColumn(f.id, e.target.checked)}>{textOf(f.label, locale)}</Checkbox></div>)}
          </Card>
        )}>
          <Button>{t.columns}</Button>
        </Dropdown>
      ) : null}
      <Input.Search allowClear placeholder={t.searchPlaceholder} onSearch={setQ} style={{ width: phone ? 160 : 240 }} aria-label={t.search} />
      {formAllows(access, 'export') ? <Button onClick={exportAll}>{t.export}</Button> : null}
      {selected.length ? <Button danger onClick={bulkDelete}>{t.deleteSelected} ({selected.length})</Button> : null}
      <Typography.Text type="secondary">{fmt(t.total, { n: total })}</Typography.Text>
    </Space>
  );
  const empty = failure ? (
    <Empty description={<><div>{t.loadFailed}</div><Typography.Text type="secondary">{errorText(failure.error, t)}</Typography.Text></>}>
      <Button onClick={() => load(false)}>{t.reload}</Button>
    </Empty>
  ) : (
    // No match (a search or a filter is on), or no data: and "add one" only to who may add.
    <Empty description={q.trim() || conds.length ? t.noMatch : formAllows(access, 'create') ? t.emptyList : t.emptyListNoCreate} />
  );
  const titleField = fields.find((f) => f.id === schema.titleField) ?? fields[0];

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{textOf(schema.title, locale)}</Typography.Title>
      {toolbar}
      {phone ? (
        <List
          loading={loading}
          dataSource={items}
          locale={{ emptyText: empty }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 8 }} onClick={() => open(r._id)} title={titleField ? cell(titleField, r[titleField.id]) : r._id} extra={<Tag>{relativeTime(r._createdAt, t)}</Tag>}>
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
          loading={loading}
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
      {cursor ? <Button block style={{ marginTop: 12 }} loading={loading} onClick={() => load(true)}>{t.loadMore}</Button> : null}
      <Drawer open={!!openId} width={760} onClose={() => setOpenId(null)} title={t.detail} destroyOnHidden>
        {openId ? <RecordDetail appId={appId} schema={schema} recordId={openId} onChanged={() => load(false)} /> : null}
      </Drawer>
    </div>
  );
}
