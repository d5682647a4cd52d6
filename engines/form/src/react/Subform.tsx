// A subform: an editable table on desktop, stacked cards on a phone. Rows can be added,
// removed and moved (buttons, so the keyboard works too); totals show under the table.
import { memo } from 'react';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { useFieldArray, type Control } from 'react-hook-form';
import { dataFields, textOf, type Field, type Locale } from '../schema';
import { displayValue, isNumeric } from './display';
import { fill, type RendererText } from './i18n';
import type { FieldMode } from './types';

export interface SubformProps {
  field: Field & { type: 'subform' };
  control: Control<Record<string, unknown>>;
  locale: Locale;
  timeZone: string;
  t: RendererText;
  mode: FieldMode;
  phone: boolean;
  totals: Record<string, number> | undefined;
  renderCell(child: Field, rowIndex: number): React.ReactNode;
}

let rowSeq = 0;
const newRowId = () => `r${Date.now().toString(36)}${(rowSeq++).toString(36)}`;

export const Subform = memo(function Subform({ field, control, locale, timeZone, t, mode, phone, totals, renderCell }: SubformProps) {
  const { fields: rows, append, remove, move } = useFieldArray({ control, name: field.id as never, keyName: '_key' });
  const children = dataFields(field.fields);
  const editable = mode === 'editable';
  const actions = (i: number) =>
    editable ? (
      <Space size={4}>
        <Button size="small" aria-label={t.moveUp} disabled={i === 0} onClick={() => move(i, i - 1)}>↑</Button>
        <Button size="small" aria-label={t.moveDown} disabled={i === rows.length - 1} onClick={() => move(i, i + 1)}>↓</Button>
        <Button size="small" danger onClick={() => remove(i)}>{t.removeRow}</Button>
      </Space>
    ) : null;
  const add = editable ? (
    <Button type="dashed" block onClick={() => append({ _rowId: newRowId() } as never)} style={{ marginTop: 8 }}>
      + {t.addRow}
    </Button>
  ) : null;
  const totalLine = totals && Object.keys(totals).length ? (
    <Typography.Text strong data-testid={`${field.id}-totals`}>
      {t.total}：{children.filter((c) => c.id in totals).map((c) => `${textOf(c.label, locale)} ${displayValue(c, totals[c.id], locale, timeZone)}`).join('，')}
    </Typography.Text>
  ) : null;

  if (phone) {
    return (
      <div>
        {rows.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noRows} /> : null}
        {rows.map((r, i) => (
          <Card key={(r as { _key: string })._key} size="small" title={fill(t.row, { n: i + 1 })} extra={actions(i)} style={{ marginBottom: 8 }}>
            {children.map((c) => (
              <div key={c.id} style={{ marginBottom: 8 }}>
                <div style={{ color: 'rgba(0,0,0,0.65)', marginBottom: 4 }}>{textOf(c.label, locale)}{c.required ? <span style={{ color: '#ff4d4f' }}> *</span> : null}</div>
                {renderCell(c, i)}
              </div>
            ))}
          </Card>
        ))}
        {add}
        <div style={{ marginTop: 8 }}>{totalLine}</div>
      </div>
    );
  }
  return (
    <div>
      <Table
        size="small"
        pagination={false}
        rowKey="_key"
        dataSource={rows as Array<Record<string, unknown>>}
        locale={{ emptyText: t.noRows }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', width: 40, render: (_v, _r, i) => i + 1 },
          ...children.map((c) => ({
            title: <span>{textOf(c.label, locale)}{c.required ? <span style={{ color: '#ff4d4f' }}> *</span> : null}</span>,
            key: c.id,
            align: isNumeric(c) ? ('right' as const) : undefined,
            render: (_v: unknown, _r: unknown, i: number) => <div style={{ minWidth: 120 }}>{renderCell(c, i)}</div>,
          })),
          ...(editable ? [{ title: '', key: '_actions', width: 150, render: (_v: unknown, _r: unknown, i: number) => actions(i) }] : []),
        ]}
      />
      {add}
      <div style={{ marginTop: 8, textAlign: 'right' }}>{totalLine}</div>
    </div>
  );
});
