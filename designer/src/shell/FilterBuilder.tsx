// The filter builder: conditions as field / operator / value chips, turned into the filter
// JSON the records API takes (which checks it again through its allow-list).
import { useState } from 'react';
import { Button, InputNumber, Input, Select, Space, Tag } from 'antd';
import { textOf, type Field } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import { useT } from '../lib/i18n';

export interface Condition {
  field: string;
  op: string;
  value: string | number | boolean;
}

export function toFilter(conds: Condition[]): Record<string, unknown> | null {
  if (conds.length === 0) return null;
  return { $and: conds.map((c) => ({ [c.field]: c.op === '$exists' ? { $exists: true } : { [c.op]: c.value } })) };
}

function opsFor(f: Field | undefined): string[] {
  if (!f) return [];
  if (isNumeric(f)) return ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$exists'];
  if (f.type === 'select' || f.type === 'switch') return ['$eq', '$ne', '$exists'];
  if (f.type === 'date' || f.type === 'datetime') return ['$eq', '$gte', '$lte', '$exists'];
  return ['$regex', '$eq', '$ne', '$exists'];
}

export function FilterBuilder({ fields, value, onChange }: { fields: Field[]; value: Condition[]; onChange(c: Condition[]): void }) {
  const { t, locale } = useT();
  const [fieldId, setFieldId] = useState<string | undefined>(undefined);
  const [op, setOp] = useState<string>('$regex');
  const [v, setV] = useState<string | number | boolean | null>(null);
  const field = fields.find((f) => f.id === fieldId);
  const label = (id: string) => textOf(fields.find((f) => f.id === id)?.label, locale) || id;
  const valueInput = !field || op === '$exists' ? null : field.type === 'select' ? (
    <Select style={{ width: 140 }} value={v ?? undefined} onChange={setV} options={field.options.map((o) => ({ value: o.value, label: textOf(o.label, locale) }))} aria-label={t.value} />
  ) : field.type === 'switch' ? (
    <Select style={{ width: 100 }} value={v ?? undefined} onChange={setV} options={[{ value: true, label: '✓' }, { value: false, label: '✗' }]} aria-label={t.value} />
  ) : isNumeric(field) ? (
    <InputNumber style={{ width: 120 }} value={typeof v === 'number' ? v : null} onChange={(n) => setV(n)} aria-label={t.value} />
  ) : (
    <Input style={{ width: 160 }} value={typeof v === 'string' ? v : ''} onChange={(e) => setV(e.target.value)} aria-label={t.value} placeholder={field.type === 'date' ? '2026-11-22' : ''} />
  );
  const add = () => {
    if (!field || (op !== '$exists' && (v === null || v === ''))) return;
    onChange([...value, { field: field.id, op, value: v ?? true }]);
    setV(null);
  };
  return (
    <div style={{ maxWidth: 560 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        {value.map((c, i) => (
          <Tag key={i} closable onClose={() => onChange(value.filter((_, k) => k !== i))} color="blue">
            {label(c.field)} {t.ops[c.op]} {c.op === '$exists' ? '' : String(c.value)}
          </Tag>
        ))}
      </Space>
      <Space wrap>
        <Select style={{ width: 150 }} placeholder={t.field} value={fieldId} aria-label={t.field} onChange={(id) => { setFieldId(id); setOp(opsFor(fields.find((f) => f.id === id))[0]); setV(null); }} options={fields.map((f) => ({ value: f.id, label: textOf(f.label, locale) }))} showSearch optionFilterProp="label" />
        <Select style={{ width: 110 }} value={op} onChange={setOp} aria-label={t.operator} options={opsFor(field).map((o) => ({ value: o, label: t.ops[o] }))} />
        {valueInput}
        <Button type="primary" onClick={add} disabled={!field}>{t.addCondition}</Button>
        {value.length ? <Button onClick={() => onChange([])}>{t.clearFilter}</Button> : null}
      </Space>
    </div>
  );
}
