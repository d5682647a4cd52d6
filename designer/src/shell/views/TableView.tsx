// A table view's records: a data table on a desktop (the view's columns in its order and widths,
// the first column frozen if asked, its row height, sort by a header), cards on a phone (with a
// sort box). Pages load as asked ("load more"); rows open their record by a click or their link.
// Grouped by one or two fields, the same view shows groups instead (GroupedTable).
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { textOf, titleFieldOf, type Field } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import { api, errorText, recordsUrl } from '../../lib/api';
import { fmt, relativeTime } from '../../lib/i18n';
import { formAllows, recordAllows, useFormAccess } from '../access';
import { ListEmpty, type ListState } from '../list/ListStates';
import { RecordLink } from '../list/RecordLink';
import { SortSelect, sortable } from '../list/SortSelect';
import { useListT } from '../list/strings';
import { listed, useSequence } from '../record/sequence';
import { blank, useCells } from './cells';
import { GroupedTable } from './GroupedTable';
import type { ViewBodyProps } from './model';
import { ResizableTitle } from './ResizableTitle';
import { useViewT } from './strings';

export type Rec = Record<string, unknown> & { _id: string; _v: number; _createdAt: string };

const SIZES = { compact: 'small', medium: 'middle', tall: 'large' } as const;

/** The columns a view shows, in its order: its own list, or the form's first eight. */
export function shownColumns(fields: Field[], config: ViewBodyProps['config']): Array<{ field: Field; width?: number }> {
  if (!config.columns) return fields.slice(0, 8).map((field) => ({ field }));
  const byId = new Map(fields.map((f) => [f.id, f]));
  return config.columns.flatMap((c) => (byId.has(c.id) ? [{ field: byId.get(c.id)!, width: c.width }] : []));
}

export function TableView(props: ViewBodyProps & { onCleared(): void }) {
  const { appId, formId, schema, config, onConfig, filter, q, onOpen, reloadKey, phone, onCleared } = props;
  const { t, locale } = useListT();
  const { v } = useViewT();
  const { message, modal } = App.useApp();
  const access = useFormAccess(formId);
  const [items, setItems] = useState<Rec[]>([]);
  // null while the first page loads (no "共 0 条" meanwhile) or when it failed.
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  // Only the answer to the latest request is shown (a slow earlier one never overwrites it).
  const asked = useRef(0);
  // The query of the rows shown (without a cursor), to know when previous / next loaded further.
  const shownQuery = useRef('');
  const { fields, cell } = useCells(appId, formId, schema, items);
  const sort = config.sort;
  const grouped = !!config.groupBy?.length;

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
        const query = new URLSearchParams(params);
        query.delete('cursor');
        shownQuery.current = query.toString();
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
    [appId, formId, filter, q, sort, cursor, message, t],
  );
  // Reload when what is asked changes (not when the cursor moves).
  useEffect(() => void (!grouped && load(false)), [appId, formId, filter, sort, q, reloadKey, grouped]);
  useEffect(() => setSelected([]), [appId, formId]);
  // "Next" in the open record went past the rows loaded (it asked the following page): the table
  // shows those rows too, so closing the record finds it in the list.
  const sequence = useSequence(appId, formId);
  useEffect(() => {
    if (sequence && !loading && cursor && sequence.query === shownQuery.current && sequence.ids.length > items.length) void load(true);
  }, [sequence, loading, cursor, items.length]);

  const shown = shownColumns(fields, config);
  const visibleFields = shown.map((c) => c.field);
  const resize = (id: string, width: number) => {
    const cols = (config.columns ?? shown.map((c) => ({ id: c.field.id, width: c.width }))).map((c) => (c.id === id ? { ...c, width } : c));
    onConfig({ columns: cols });
  };
  const recordPath = (id: string) => `/apps/${appId}/forms/${formId}/records/${id}`;
  // The column (or card title) holding each record's link: its title field when shown, else the first.
  const titleField = titleFieldOf(schema, fields);
  const linkField = titleField && visibleFields.includes(titleField) ? titleField : visibleFields[0];
  const link = (f: Field | undefined, r: Rec) => (
    <RecordLink href={recordPath(r._id)} onOpen={() => onOpen(r._id)} title={f && !blank(r[f.id]) ? cell(f, r[f.id]) : null} />
  );
  const order = (key: string) => (sort === key ? ('ascend' as const) : sort === `-${key}` ? ('descend' as const) : null);
  const columns = [
    ...shown.map(({ field: f, width }, i) => ({
      title: textOf(f.label, locale),
      dataIndex: f.id,
      key: f.id,
      width,
      fixed: config.frozen && i === 0 ? ('left' as const) : undefined,
      sorter: sortable(f),
      sortOrder: order(f.id),
      align: isNumeric(f) ? ('right' as const) : undefined,
      ellipsis: true,
      onHeaderCell: () => ({ width, label: fmt(v.resizeColumn, { name: textOf(f.label, locale) }), onResized: (w: number) => resize(f.id, w) }) as object,
      render: (val: unknown, r: Rec) => (f === linkField ? link(f, r) : cell(f, val)),
    })),
    { title: t.createdAt, dataIndex: '_createdAt', key: '_createdAt', sorter: true, width: 120, sortOrder: order('_createdAt'), render: (val: string, r: Rec) => (linkField ? <span title={val}>{relativeTime(val, t)}</span> : <span title={val}>{link(undefined, r)} {relativeTime(val, t)}</span>) },
  ];

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

  // On a phone a grouped view keeps its first column and those with summaries (it scrolls sideways).
  if (grouped) return <GroupedTable {...props} columns={phone ? shown.filter((c, i) => i === 0 || config.summaries?.some((x) => x.field === c.field.id)) : shown} />;

  const state: ListState = failure
    ? { kind: 'failed', error: failure.error }
    : total === null
      ? { kind: 'loading' }
      : q.trim() || filter
        ? { kind: 'noMatch' }
        : { kind: 'noData', canCreate: formAllows(access, 'create') };
  const empty = <ListEmpty state={state} onRetry={() => load(false)} onClear={onCleared} />;
  // The spinner only over rows already shown; an empty list loading shows the skeleton instead.
  const spinning = loading && items.length > 0;
  const status = (
    <Space wrap style={{ marginBottom: 8 }}>
      {total !== null && !failure ? <Typography.Text type="secondary" aria-live="polite">{fmt(t.total, { n: total })}</Typography.Text> : null}
      {selected.length ? <Button danger size="small" onClick={bulkDelete}>{t.deleteSelected} ({selected.length})</Button> : null}
    </Space>
  );

  return (
    <div>
      {phone ? <div style={{ marginBottom: 8 }}><SortSelect fields={visibleFields} value={sort} onChange={(s) => onConfig({ sort: s })} /></div> : null}
      {status}
      {phone ? (
        <List
          loading={spinning}
          dataSource={items}
          locale={{ emptyText: empty }}
          renderItem={(r) => (
            <Card size="small" style={{ marginBottom: 8, width: '100%' }} onClick={() => onOpen(r._id)} title={link(titleField, r)} extra={<Tag>{relativeTime(r._createdAt, t)}</Tag>}>
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
          size={SIZES[config.rowHeight ?? 'medium']}
          sticky
          loading={spinning}
          dataSource={items}
          columns={columns}
          components={{ header: { cell: ResizableTitle } }}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
          rowSelection={formAllows(access, 'delete') ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (r) => ({ disabled: !recordAllows(r, 'delete') }) } : undefined}
          onRow={(r) => ({ onClick: () => onOpen(r._id), style: { cursor: 'pointer' } })}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            onConfig({ sort: s?.order ? `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}` : undefined });
          }}
        />
      )}
      {cursor && !failure ? <Button block style={{ marginTop: 12 }} loading={loading} onClick={() => load(true)}>{t.loadMore}</Button> : null}
    </div>
  );
}
