// A table view's layout controls: which columns, in which order (up / down, by keyboard too), the
// first one frozen, the row height; and its grouping (one or two fields) with the summaries shown
// per group and in the footer. Each change is a change of the view on screen, saved with it.
import { Button, Card, Checkbox, Divider, Dropdown, Segmented, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { dataFields, textOf, type Field, type FormSchema } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import { fmt } from '../../lib/i18n';
import type { SummaryFn, ViewBodyProps, ViewConfig } from './model';
import { useViewT } from './strings';
import { shownColumns } from './TableView';

const FNS: SummaryFn[] = ['sum', 'avg', 'min', 'max'];
const GROUPABLE = (f: Field) => !['subform', 'attachment', 'image', 'signature', 'location', 'textarea', 'multiselect'].includes(f.type) && !(f as { multiple?: boolean }).multiple;
const SUMMABLE = (f: Field) => isNumeric(f) && f.type !== 'lookup';

export function ColumnsMenu({ fields, config, onConfig }: { fields: Field[]; config: ViewConfig; onConfig: ViewBodyProps['onConfig'] }) {
  const { v, t, locale } = useViewT();
  const shown = shownColumns(fields, config).map((c) => ({ id: c.field.id, width: c.width }));
  const on = new Set(shown.map((c) => c.id));
  // Shown columns in the view's order, then the others in form order.
  const rows = [...shown.map((c) => fields.find((f) => f.id === c.id)!), ...fields.filter((f) => !on.has(f.id))];
  const toggle = (id: string, checked: boolean) => {
    const next = checked ? [...shown, { id }] : shown.filter((c) => c.id !== id);
    onConfig({ columns: next });
  };
  const move = (id: string, by: -1 | 1) => {
    const i = shown.findIndex((c) => c.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= shown.length) return;
    const next = [...shown];
    [next[i], next[j]] = [next[j], next[i]];
    onConfig({ columns: next });
  };
  return (
    <Dropdown trigger={['click']} popupRender={() => (
      <Card size="small" style={{ maxHeight: 420, overflow: 'auto', minWidth: 260 }}>
        {rows.map((f) => {
          const i = shown.findIndex((c) => c.id === f.id);
          const name = textOf(f.label, locale);
          return (
            <div key={f.id} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
              <Checkbox checked={on.has(f.id)} onChange={(e) => toggle(f.id, e.target.checked)}>{name}</Checkbox>
              {i >= 0 ? (
                <Space size={0}>
                  <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(f.id, -1)} aria-label={`${v.moveUp} ${name}`} />
                  <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === shown.length - 1} onClick={() => move(f.id, 1)} aria-label={`${v.moveDown} ${name}`} />
                </Space>
              ) : null}
            </div>
          );
        })}
        <Divider style={{ margin: '8px 0' }} />
        <Checkbox checked={!!config.frozen} onChange={(e) => onConfig({ frozen: e.target.checked || undefined })}>{v.freezeFirst}</Checkbox>
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" id="row-height-label">{v.rowHeight}</Typography.Text>
          <div>
            <Segmented aria-labelledby="row-height-label" size="small" value={config.rowHeight ?? 'medium'} onChange={(h) => onConfig({ rowHeight: h === 'medium' ? undefined : (h as ViewConfig['rowHeight']) })}
              options={[{ value: 'compact', label: v.compact }, { value: 'medium', label: v.medium }, { value: 'tall', label: v.tall }]} />
          </div>
        </div>
      </Card>
    )}>
      <Button>{t.columns}</Button>
    </Dropdown>
  );
}

export function GroupMenu({ schema, config, onConfig }: { schema: FormSchema; config: ViewConfig; onConfig: ViewBodyProps['onConfig'] }) {
  const { v, locale } = useViewT();
  const fields = dataFields(schema.fields);
  const groupable = fields.filter(GROUPABLE).map((f) => ({ value: f.id, label: textOf(f.label, locale) }));
  const summable = fields.filter(SUMMABLE);
  const by = config.groupBy ?? [];
  const setBy = (level: number, id: string | undefined) => {
    const next = level === 0 ? (id ? [id, ...by.slice(1).filter((x) => x !== id)] : []) : id ? [by[0], id] : by.slice(0, 1);
    onConfig({ groupBy: next.length ? next : undefined });
  };
  const sums = config.summaries ?? [];
  const toggleSum = (field: string, fn: SummaryFn, on: boolean) => {
    const next = on ? [...sums, { field, fn }] : sums.filter((s) => !(s.field === field && s.fn === fn));
    onConfig({ summaries: next.length ? next : undefined });
  };
  return (
    <Dropdown trigger={['click']} popupRender={() => (
      <Card size="small" style={{ minWidth: 300, maxHeight: 460, overflow: 'auto' }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select allowClear style={{ width: '100%' }} placeholder={v.noGrouping} value={by[0]} onChange={(id) => setBy(0, id)} options={groupable} aria-label={v.groupBy} />
          {by[0] ? <Select allowClear style={{ width: '100%' }} placeholder={v.thenBy} value={by[1]} onChange={(id) => setBy(1, id)} options={groupable.filter((o) => o.value !== by[0])} aria-label={v.thenBy} /> : null}
        </Space>
        {summable.length ? (
          <>
            <Divider style={{ margin: '8px 0' }}>{v.summaries}</Divider>
            {summable.map((f) => (
              <div key={f.id} role="group" aria-label={textOf(f.label, locale)}>
                <Typography.Text>{textOf(f.label, locale)}</Typography.Text>
                <div>
                  {FNS.map((fn) => (
                    <Checkbox key={fn} checked={sums.some((s) => s.field === f.id && s.fn === fn)} onChange={(e) => toggleSum(f.id, fn, e.target.checked)}>{v[fn]}</Checkbox>
                  ))}
                </div>
              </div>
            ))}
          </>
        ) : null}
      </Card>
    )}>
      <Button>{by.length ? fmt('{g} ({n})', { g: v.groupBy, n: by.length }) : v.groupBy}</Button>
    </Dropdown>
  );
}
