// A permission set's custom row scope, built as rows of field / comparison / value: the value is
// fixed (entered the way the field is filled: options by label, people by name) or the current
// user's (themselves, their departments, an attribute of their account). The analyst never sees
// the filter JSON it becomes (model.ts toFilter).
import { Alert, Button, Input, Segmented, Select, Space, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { textOf } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { useBT } from '../i18n';
import { DepartmentPicker, MemberPicker } from '../form/pickers';
import { ConstantInput } from '../form/props/ConstantInput';
import { opsFor, takesValue, userValuesFor, type CondField, type CondGroup, type CondRow } from './model';

type Source = 'value' | 'id' | 'departments' | 'attribute';
const sourceOf = (row: CondRow): Source => (row.user === undefined ? 'value' : row.user === 'id' || row.user === 'departments' ? row.user : 'attribute');

/** The sources a row may take its value from: a fixed one (not for a relation: records are not picked here), or the current user's with "equals". */
function sourcesFor(f: CondField, row: CondRow): Source[] {
  const fixed: Source[] = f.kind === 'relation' ? [] : ['value'];
  return row.op === '$eq' ? [...fixed, ...userValuesFor(f.kind)] : fixed;
}

function FixedValue({ f, value, onChange, label }: { f: CondField; value: unknown; onChange(v: unknown): void; label: string }) {
  const { locale } = useBT();
  const field = f.field;
  if (f.kind === 'member') return <div style={{ minWidth: 160 }}><MemberPicker ariaLabel={label} multiple={false} value={typeof value === 'string' ? [value] : []} onChange={(ids) => onChange(ids[0])} /></div>;
  if (f.kind === 'department') return <div style={{ minWidth: 160 }}><DepartmentPicker ariaLabel={label} value={typeof value === 'string' ? [value] : []} onChange={(ids) => onChange(ids.at(-1))} /></div>;
  const type = field.type === 'formula' ? (field.resultType === 'boolean' ? 'switch' : field.resultType ?? 'number') : field.type === 'multiselect' ? 'select' : field.type;
  const options = field.type === 'select' || field.type === 'multiselect' ? field.options : undefined;
  return <ConstantInput small type={type} options={options} locale={locale} label={label} value={value} onChange={onChange} cleared={undefined} />;
}

function Row({ row, fields, onChange, onRemove, problem, n }: { row: CondRow; fields: CondField[]; onChange(r: CondRow): void; onRemove(): void; problem?: string; n: number }) {
  const { b, locale } = useBT();
  const a = b.access;
  const f = fields.find((x) => x.path === row.field);
  const ops = f ? opsFor(f.kind) : [];
  const sources = f ? sourcesFor(f, row) : [];
  const source = sourceOf(row);
  const pickField = (path: string) => {
    const next = fields.find((x) => x.path === path)!;
    const op = opsFor(next.kind)[0];
    // A relation has no fixed value here: it starts as "an attribute of the current user".
    onChange({ field: path, op, ...(next.kind === 'relation' && op === '$eq' ? { user: '' } : {}) });
  };
  const pickOp = (op: CondRow['op']) => {
    const keep = takesValue(op) && takesValue(row.op);
    const next: CondRow = { field: row.field, op, ...(keep && row.value !== undefined ? { value: row.value } : {}) };
    if (f && takesValue(op) && row.user !== undefined && op === '$eq') next.user = row.user;
    else if (f?.kind === 'relation' && takesValue(op)) next.user = '';
    onChange(next);
  };
  const pickSource = (s: Source) => onChange({ field: row.field, op: row.op, ...(s === 'value' ? {} : { user: s === 'attribute' ? '' : s }) });
  return (
    <div role="group" aria-label={fmt(b.conditionN, { n })} style={{ marginBottom: 6 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
        <Select
          aria-label={b.conditionField}
          size="small"
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 120, maxWidth: 180 }}
          value={f ? row.field : undefined}
          status={row.field && !f ? 'error' : undefined}
          placeholder={b.chooseField}
          options={fields.map((x) => ({ value: x.path, label: textOf(x.field.label, locale) || b.untitledField }))}
          onChange={pickField}
        />
        {f ? <Select aria-label={b.conditionOperator} size="small" style={{ minWidth: 96 }} value={row.op} options={ops.map((o) => ({ value: o, label: a.ops[o] }))} onChange={pickOp} /> : null}
        {f && takesValue(row.op) && sources.length > 1 ? (
          <Select aria-label={a.valueSource} size="small" style={{ minWidth: 120 }} value={source} options={sources.map((s) => ({ value: s, label: a.sources[s] }))} onChange={pickSource} popupMatchSelectWidth={false} />
        ) : f && takesValue(row.op) && source !== 'value' ? (
          <Typography.Text>{a.sources[source]}</Typography.Text>
        ) : null}
        {f && takesValue(row.op) && source === 'value' ? <FixedValue f={f} value={row.value} label={b.conditionValue} onChange={(v) => onChange({ ...row, value: v })} /> : null}
        {f && takesValue(row.op) && source === 'attribute' ? (
          <Input aria-label={a.attributeName} size="small" style={{ width: 140 }} placeholder={a.attributePlaceholder} value={row.user ?? ''} onChange={(e) => onChange({ ...row, user: e.target.value.trim() })} />
        ) : null}
        <Button size="small" type="text" icon={<CloseOutlined aria-hidden />} aria-label={b.removeCondition} onClick={onRemove} />
      </div>
      {problem ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{problem}</Typography.Text> : null}
    </div>
  );
}

export function ConditionBuilder({ fields, value, onChange, label, problemOf }: { fields: CondField[]; value: CondGroup | null; onChange(g: CondGroup | null): void; label: string; problemOf(row: CondRow, i: number): string | undefined }) {
  const { b } = useBT();
  if (!value) {
    return <Alert type="info" showIcon title={b.access.advancedCondition} action={<Button size="small" onClick={() => onChange({ combinator: 'and', rows: [] })}>{b.access.clearCondition}</Button>} />;
  }
  const set = (rows: CondRow[]) => onChange({ ...value, rows });
  const first = fields[0];
  const add = () => first && set([...value.rows, { field: first.path, op: opsFor(first.kind)[0], ...(first.kind === 'relation' ? { user: '' } : {}) }]);
  return (
    <div role="group" aria-label={label}>
      {value.rows.length > 1 ? (
        <Segmented size="small" style={{ marginBottom: 6 }} value={value.combinator} options={[{ value: 'and', label: b.all }, { value: 'or', label: b.any }]} onChange={(v) => onChange({ ...value, combinator: v as 'and' | 'or' })} />
      ) : null}
      {value.rows.map((r, i) => (
        <Row key={i} n={i + 1} row={r} fields={fields} problem={problemOf(r, i)} onChange={(next) => set(value.rows.map((x, k) => (k === i ? next : x)))} onRemove={() => set(value.rows.filter((_x, k) => k !== i))} />
      ))}
      <Space size={4}>
        <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={!first} onClick={add}>{b.addCondition}</Button>
      </Space>
    </div>
  );
}
