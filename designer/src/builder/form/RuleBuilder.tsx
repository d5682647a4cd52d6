// The rule builder: "show when", "required when" and custom checks as groups of
// field / condition / value chips joined by AND / OR. What it stores is json-logic (the engine's
// conditions module turns one into the other); the analyst never sees it. Operators fit the
// field's type, values are picked the way the field is filled (options by label, people by name).
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { samePropsReading } from './props/sameProps';
import { Alert, Button, InputNumber, Segmented, Select, Space } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { textOf, type Condition, type ConditionGroup, type Field, type FormSchema, type Logic, type OperatorDef } from '@tessera/form-engine';
import { useDesigner } from './context';
import { useBT, type BuilderDict } from '../i18n';
import { fmt } from '../../lib/i18n';
import { MemberPicker, DepartmentPicker } from './pickers';
import { choicesOf, sameChoicesFor } from './model/scopes';
import { ConstantInput } from './props/ConstantInput';

export interface RuleBuilderProps {
  schema: FormSchema;
  rowOf?: string;
  value: Logic | undefined;
  onChange(logic: Logic | undefined): void;
  /** Accessible name of the whole builder ("显示条件"). */
  label: string;
}

type Node = Condition | ConditionGroup;
const emptyGroup = (): ConditionGroup => ({ kind: 'group', combinator: 'and', children: [] });

/** The value editor for one condition, shaped by the operator's value kind and the field's type. */
function ValueEditor({ field, op, value, onChange, b, ariaLabel }: { field: Field; op: OperatorDef; value: unknown; onChange(v: unknown): void; b: BuilderDict; ariaLabel: string }) {
  const { locale } = useBT();
  const kind = op.value;
  if (kind === 'none') return null;
  if (kind === 'days') return <InputNumber aria-label={ariaLabel} size="small" min={0} precision={0} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} addonAfter={b.days} style={{ width: 130 }} />;
  // A condition compares one value: one option of a multiple choice, the day of a date and time.
  const shown = field.type === 'formula' ? field.resultType ?? 'number' : field.type;
  const type = shown === 'multiselect' ? 'select' : shown === 'datetime' ? 'date' : shown;
  const options = field.type === 'select' || field.type === 'multiselect' ? field.options : undefined;
  const one = (v: unknown, set: (x: unknown) => void, label: string) => <ConstantInput small type={type} options={options} locale={locale} label={label} value={v} onChange={set} cleared={undefined} />;
  if (kind === 'many') {
    const list = Array.isArray(value) ? (value as string[]) : [];
    if (field.type === 'member') return <MemberPicker ariaLabel={ariaLabel} value={list} onChange={onChange} />;
    if (field.type === 'department') return <DepartmentPicker ariaLabel={ariaLabel} value={list} onChange={onChange} />;
    if (field.type === 'select' || field.type === 'multiselect') {
      return <Select aria-label={ariaLabel} size="small" mode="multiple" style={{ minWidth: 160 }} value={list} options={field.options.map((o) => ({ value: o.value, label: textOf(o.label, locale) }))} onChange={onChange} />;
    }
    return <Select aria-label={ariaLabel} size="small" mode="tags" style={{ minWidth: 160 }} value={list} onChange={onChange} open={false} />;
  }
  if (kind === 'range') {
    const [a, c] = Array.isArray(value) ? value : [undefined, undefined];
    return (
      <Space size={4}>
        {one(a, (x) => onChange([x, c]), `${ariaLabel} 1`)}
        <span>~</span>
        {one(c, (x) => onChange([a, x]), `${ariaLabel} 2`)}
      </Space>
    );
  }
  return one(value, onChange, ariaLabel);
}

function ConditionRow({ cond, n, onChange, onRemove, fields, ops, b }: { cond: Condition; n: number; onChange(c: Condition): void; onRemove(): void; fields: Array<{ path: string; field: Field; name: string }>; ops: (f: Field) => OperatorDef[]; b: BuilderDict }) {
  const { locale } = useBT();
  const entry = fields.find((f) => f.path === cond.field);
  const allowed = entry ? ops(entry.field) : [];
  const op = allowed.find((o) => o.id === cond.op);
  return (
    <div role="group" aria-label={fmt(b.conditionN, { n })} style={{ display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center', marginBottom: 6 }}>
      <Select
        aria-label={b.conditionField}
        size="small"
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 120, maxWidth: 180 }}
        value={entry ? cond.field : undefined}
        status={cond.field && !entry ? 'error' : undefined}
        placeholder={b.chooseField}
        options={fields.map((f) => ({ value: f.path, label: f.name }))}
        onChange={(path) => {
          const f = fields.find((x) => x.path === path)!;
          const first = ops(f.field)[0];
          onChange({ kind: 'condition', field: path, op: first?.id ?? '', ...(first?.value === 'many' ? { value: [] } : {}) });
        }}
      />
      {entry ? (
        <Select
          aria-label={b.conditionOperator}
          size="small"
          style={{ minWidth: 110 }}
          value={op?.id}
          options={allowed.map((o) => ({ value: o.id, label: o.label[locale] }))}
          onChange={(id) => {
            const next = allowed.find((o) => o.id === id)!;
            const keep = next.value === op?.value;
            onChange({ kind: 'condition', field: cond.field, op: id, ...(keep && cond.value !== undefined ? { value: cond.value } : next.value === 'many' ? { value: [] } : {}) });
          }}
        />
      ) : null}
      {entry && op ? <ValueEditor field={entry.field} op={op} value={cond.value} b={b} ariaLabel={b.conditionValue} onChange={(v) => onChange({ ...cond, value: v })} /> : null}
      <Button size="small" type="text" icon={<CloseOutlined aria-hidden />} aria-label={b.removeCondition} onClick={onRemove} />
    </div>
  );
}

function GroupEditor({ group, onChange, depth, fields, ops, b }: { group: ConditionGroup; onChange(g: ConditionGroup | null): void; depth: number; fields: Array<{ path: string; field: Field; name: string }>; ops: (f: Field) => OperatorDef[]; b: BuilderDict }) {
  const set = (children: Node[]) => onChange(children.length || depth === 0 ? { ...group, children } : null);
  const newCondition = (): Condition => {
    const f = fields[0];
    const first = f ? ops(f.field)[0] : undefined;
    return { kind: 'condition', field: f?.path ?? '', op: first?.id ?? '', ...(first?.value === 'many' ? { value: [] } : {}) };
  };
  return (
    <div style={depth ? { border: '1px dashed #d9d9d9', borderRadius: 6, padding: 6, marginBottom: 6 } : undefined}>
      {group.children.length > 1 || depth > 0 ? (
        <Segmented
          size="small"
          style={{ marginBottom: 6 }}
          value={group.combinator}
          options={[{ value: 'and', label: b.all }, { value: 'or', label: b.any }]}
          onChange={(v) => onChange({ ...group, combinator: v as 'and' | 'or' })}
        />
      ) : null}
      {group.children.map((c, i) =>
        c.kind === 'group' ? (
          <GroupEditor key={i} group={c} depth={depth + 1} fields={fields} ops={ops} b={b} onChange={(g) => set(g ? group.children.map((x, k) => (k === i ? g : x)) : group.children.filter((_x, k) => k !== i))} />
        ) : (
          <ConditionRow key={i} n={i + 1} cond={c} fields={fields} ops={ops} b={b} onChange={(n) => set(group.children.map((x, k) => (k === i ? n : x)))} onRemove={() => set(group.children.filter((_x, k) => k !== i))} />
        ),
      )}
      <Space size={4}>
        <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={!fields.length} onClick={() => set([...group.children, newCondition()])}>{b.addCondition}</Button>
        {depth === 0 ? <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={!fields.length} onClick={() => set([...group.children, { kind: 'group', combinator: group.combinator === 'and' ? 'or' : 'and', children: [newCondition()] }])}>{b.addGroup}</Button> : null}
      </Space>
    </div>
  );
}

/** Re-rendered when its value or the fields it offers change, not on every edit of the form. */
export const sameChoicesOf = samePropsReading<{ schema: FormSchema; rowOf?: string }>(sameChoicesFor);

export const RuleBuilder = memo(function RuleBuilder({ schema, rowOf, value, onChange, label }: RuleBuilderProps) {
  const d = useDesigner();
  const { b, locale } = useBT();
  const choices = choicesOf(d.conditions, schema, rowOf);
  const available = useMemo(() => choices.map((c) => ({ path: c.path, field: c.field, name: textOf(c.label, locale) || c.field.id })), [choices, locale]);
  const resolve = useMemo(() => {
    const m = new Map(available.map((a) => [a.path, a.field]));
    return (path: string) => m.get(path);
  }, [available]);
  const ops = useMemo(() => (f: Field) => d.conditions.operatorsFor(f), [d.conditions]);
  // Nothing yet (a new custom check holds always, `true`): an empty group to start from.
  const parse = (v: Logic | undefined): ConditionGroup | null => (v === undefined || v === true ? emptyGroup() : d.conditions.fromLogic(v, resolve));
  const [group, setGroup] = useState<ConditionGroup | null>(() => parse(value));
  const emitted = useRef<Logic | undefined>(value);
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setGroup(parse(value));
    }
    // Parsing depends on the fields too, but only an outside change of the value re-reads it.
  }, [value]);
  const change = (g: ConditionGroup | null) => {
    const next = g ?? emptyGroup();
    setGroup(next);
    const logic = next.children.length ? d.conditions.toLogic(next, resolve) : undefined;
    emitted.current = logic;
    onChange(logic);
  };
  return (
    <div role="group" aria-label={label} style={{ marginBottom: 8 }}>
      {group ? (
        <GroupEditor group={group} depth={0} fields={available} ops={ops} b={b} onChange={change} />
      ) : (
        <Alert type="info" showIcon message={b.advancedRule} action={<Button size="small" onClick={() => change(emptyGroup())}>{b.clearRule}</Button>} />
      )}
    </div>
  );
}, sameChoicesOf);
