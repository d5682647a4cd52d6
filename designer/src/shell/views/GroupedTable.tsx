// A table view grouped by one or two fields: a row per group with its count and the view's
// summaries (sum, average, min, max) under their columns, and a footer row for all the records.
// The figures come from the store (GET …/records/groups), never added up in the browser; a group
// opens to its second-level groups or its records, a page at a time.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Table, Typography } from 'antd';
import { dataFields, textOf, titleFieldOf, type Field } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import { api, errorText, recordsUrl } from '../../lib/api';
import { fmt } from '../../lib/i18n';
import { ListEmpty } from '../list/ListStates';
import { RecordLink } from '../list/RecordLink';
import { useListT } from '../list/strings';
import { blank, useCells } from './cells';
import type { SummaryFn, ViewBodyProps } from './model';
import { useViewT } from './strings';

interface Group {
  key: unknown[];
  label: unknown[];
  count: number;
  summaries: Record<string, number | null>;
}
interface Groups {
  groups: Group[];
  total: { count: number; summaries: Record<string, number | null> };
  truncated: boolean;
}
type Rec = Record<string, unknown> & { _id: string };
type Column = { field: Field; width?: number };

const GROUP_LIMIT = 1000;
const DEFAULT_WIDTH = 160;
const PHONE_WIDTH = 120;

/** The records filter of one group: its key on each level (a relation by the related record, a blank as empty), with the page's own. */
function groupFilter(by: Field[], key: unknown[], page: Record<string, unknown> | null): Record<string, unknown> {
  const parts = by.map((f, i) => {
    const k = key[i];
    if (k === null || k === undefined) return { [f.id]: { $exists: false } };
    return { [f.type === 'relation' ? `${f.id}.id` : f.id]: { $eq: k } };
  });
  return { $and: page ? [page, ...parts] : parts };
}

async function fetchGroups(url: string, by: string[], summaries: Array<{ field: string; fn: SummaryFn }>, filter: Record<string, unknown> | null, q: string): Promise<Groups> {
  const params = new URLSearchParams({ by: by.join(',') });
  if (summaries.length) params.set('summaries', summaries.map((s) => `${s.field}:${s.fn}`).join(','));
  if (filter) params.set('filter', JSON.stringify(filter));
  if (q.trim()) params.set('q', q.trim());
  return api<Groups>('GET', `${url}/groups?${params}`);
}

export function GroupedTable(props: ViewBodyProps & { columns: Column[]; onCleared(): void }) {
  const { appId, formId, schema, config, filter, q, reloadKey, columns, onCleared } = props;
  const { t, locale } = useListT();
  const { v } = useViewT();
  const all = useMemo(() => new Map(dataFields(schema.fields).map((f) => [f.id, f])), [schema]);
  const by = (config.groupBy ?? []).map((id) => all.get(id)).filter((f): f is Field => !!f);
  const summaries = (config.summaries ?? []).filter((s) => all.has(s.field));
  const [top, setTop] = useState<Groups | null>(null);
  const [pairs, setPairs] = useState<Groups | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const url = recordsUrl(appId, formId);
  const byKey = by.map((f) => f.id).join(',');
  const sumKey = summaries.map((s) => `${s.field}:${s.fn}`).join(',');

  useEffect(() => {
    let live = true;
    setTop(null);
    setPairs(null);
    setFailure(null);
    const ids = by.map((f) => f.id);
    Promise.all([fetchGroups(url, ids.slice(0, 1), summaries, filter, q), ids.length > 1 ? fetchGroups(url, ids, summaries, filter, q) : Promise.resolve(null)]).then(
      ([a, b]) => {
        if (!live) return;
        setTop(a);
        setPairs(b);
      },
      (e) => live && setFailure(e ?? new Error('failed')),
    );
    return () => void (live = false);
  }, [url, byKey, sumKey, filter, q, reloadKey, tick]);

  // People named by the group keys of member fields, by name.
  const memberKeys = useMemo(() => {
    const ids = new Set<string>();
    for (const g of [...(top?.groups ?? []), ...(pairs?.groups ?? [])]) by.forEach((f, i) => f.type === 'member' && typeof g.key[i] === 'string' && ids.add(g.key[i] as string));
    return [...ids];
  }, [top, pairs, byKey]);
  const { cell } = useCells(appId, formId, schema, [], memberKeys);

  const fnName: Record<SummaryFn, string> = { sum: v.sum, avg: v.avg, min: v.min, max: v.max };
  /** A column's summaries of a group (or of all), each named: "求和 120 · 平均 6". */
  const figures = (f: Field, values: Record<string, number | null>): ReactNode => {
    const mine = summaries.filter((s) => s.field === f.id);
    if (!mine.length) return null;
    return (
      <span data-summary={f.id}>
        {mine.map((s, i) => {
          const n = values[`${s.field}:${s.fn}`];
          return <span key={s.fn}>{i ? ' · ' : ''}<Typography.Text type="secondary">{fnName[s.fn]}</Typography.Text> {n === null || n === undefined ? '–' : cell(f, n)}</span>;
        })}
      </span>
    );
  };
  const groupLabel = (f: Field, g: Group, i: number): ReactNode => {
    if (g.key[i] === null || g.key[i] === undefined) return v.blankGroup;
    if (f.type === 'relation') return String(g.label[i] ?? v.blankGroup);
    return cell(f, g.key[i]);
  };
  const width = (c: Column) => (props.phone ? PHONE_WIDTH : (c.width ?? DEFAULT_WIDTH));

  /** The columns of a level: the first holds the group's name and count; the rest its summaries. */
  const groupColumns = (level: number) =>
    columns.map((c, ci) => ({
      key: c.field.id,
      title: textOf(c.field.label, locale),
      width: width(c),
      align: isNumeric(c.field) ? ('right' as const) : undefined,
      render: (_: unknown, g: Group) =>
        ci === 0 ? (
          <span data-group={JSON.stringify(g.key.slice(0, level + 1))}>
            <Typography.Text strong>{groupLabel(by[level], g, level)}</Typography.Text>{' '}
            <Typography.Text type="secondary">{fmt(v.groupCount, { n: g.count })}</Typography.Text>
            {summaries.some((s) => s.field === c.field.id) ? <div>{figures(c.field, g.summaries)}</div> : null}
          </span>
        ) : figures(c.field, g.summaries),
    }));

  const groupTable = (level: number, rows: Group[], showHeader: boolean, footer: boolean) => (
    <Table<Group>
      rowKey={(g) => JSON.stringify(g.key)}
      size="small"
      tableLayout="fixed"
      showHeader={showHeader}
      pagination={false}
      dataSource={rows}
      columns={groupColumns(level)}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <ListEmpty state={q.trim() || filter ? { kind: 'noMatch' } : { kind: 'noData', canCreate: false }} onRetry={() => setTick((x) => x + 1)} onClear={onCleared} /> }}
      expandable={{
        expandedRowRender: (g) =>
          level + 1 < by.length ? groupTable(level + 1, (pairs?.groups ?? []).filter((p) => JSON.stringify(p.key[level]) === JSON.stringify(g.key[level])), false, false) : <GroupRecords {...props} by={by} groupKey={g.key} />,
      }}
      summary={footer && top ? () => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} />
            {columns.map((c, i) => (
              <Table.Summary.Cell key={c.field.id} index={i + 1} align={isNumeric(c.field) ? 'right' : undefined}>
                {i === 0 ? <><Typography.Text strong>{v.totalRow}</Typography.Text> <Typography.Text type="secondary">{fmt(v.groupCount, { n: top.total.count })}</Typography.Text>{summaries.some((s) => s.field === c.field.id) ? <div>{figures(c.field, top.total.summaries)}</div> : null}</> : figures(c.field, top.total.summaries)}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      ) : undefined}
    />
  );

  if (failure) return <ListEmpty state={{ kind: 'failed', error: failure }} onRetry={() => setTick((x) => x + 1)} onClear={onCleared} />;
  if (!top) return <ListEmpty state={{ kind: 'loading' }} onRetry={() => undefined} onClear={onCleared} />;
  return (
    <div aria-label={v.groupBy}>
      {top.truncated || pairs?.truncated ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={fmt(v.tooManyGroups, { n: GROUP_LIMIT })} /> : null}
      <Typography.Text type="secondary" aria-live="polite" style={{ display: 'block', marginBottom: 8 }}>{fmt(t.total, { n: top.total.count })}</Typography.Text>
      {groupTable(0, top.groups, true, true)}
    </div>
  );
}

/** The records of one group, a page at a time, under the view's columns. */
function GroupRecords(props: ViewBodyProps & { columns: Column[]; by: Field[]; groupKey: unknown[] }) {
  const { appId, formId, schema, config, filter, q, onOpen, columns, by, groupKey } = props;
  const { t, locale } = useListT();
  const { v } = useViewT();
  const [items, setItems] = useState<Rec[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const { fields, cell } = useCells(appId, formId, schema, items);
  const load = async (after: string | null) => {
    setLoading(true);
    try {
      const params = new URLSearchParams({ limit: '20', filter: JSON.stringify(groupFilter(by, groupKey, filter)) });
      if (q.trim()) params.set('q', q.trim());
      if (config.sort) params.set('sort', config.sort);
      if (after) params.set('cursor', after);
      const r = await api<{ items: Rec[]; nextCursor: string | null }>('GET', `${recordsUrl(appId, formId)}?${params}`);
      setItems((prev) => (after ? [...prev, ...r.items] : r.items));
      setCursor(r.nextCursor);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(null), [JSON.stringify(groupKey), filter, q, config.sort]);
  const titleField = titleFieldOf(schema, fields);
  const linkField = columns.some((c) => c.field === titleField) ? titleField : columns[0]?.field;
  if (error) return <Typography.Text type="danger" role="alert">{errorText(error, t)}</Typography.Text>;
  return (
    <div>
      <Table<Rec>
        rowKey="_id"
        size="small"
        tableLayout="fixed"
        showHeader={false}
        loading={loading}
        pagination={false}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ onClick: () => onOpen(r._id), style: { cursor: 'pointer' } })}
        columns={columns.map((c) => ({
          key: c.field.id,
          title: textOf(c.field.label, locale),
          width: props.phone ? PHONE_WIDTH : (c.width ?? DEFAULT_WIDTH),
          ellipsis: true,
          align: isNumeric(c.field) ? ('right' as const) : undefined,
          render: (_: unknown, r: Rec) => (c.field === linkField ? <RecordLink href={`/apps/${appId}/forms/${formId}/records/${r._id}`} onOpen={() => onOpen(r._id)} title={blank(r[c.field.id]) ? null : cell(c.field, r[c.field.id])} /> : cell(c.field, r[c.field.id])),
        }))}
      />
      {cursor ? <Button size="small" type="link" loading={loading} onClick={() => load(cursor)}>{v.loadGroup}</Button> : null}
    </div>
  );
}
