// The filter builder: conditions as field / operator / value chips, turned into the filter
// JSON the records API takes (which checks it again through its allow-list). What each field
// offers and sends lives in list/conditions.ts, the pickers in list/ValuePickers.tsx; here, the
// inputs. Subform columns are listed under their subform ("检验明细 › 抽样数量"). On a phone it
// stacks, to fit.
import { useMemo, useState } from 'react';
import { Button, InputNumber, Input, Select, Space, Tag } from 'antd';
import { textOf, type Field } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import type { AppServices } from '../lib/api';
import { chipText, choiceText, filterTargets, NO_VALUE, opLabel, opsFor, pathFor, storedNumber, typedNumberText, type Condition } from './list/conditions';
import { DaysPicker, DepartmentPicker, MemberPicker, RelationPicker, type SearchRelation } from './list/ValuePickers';
import { fmt } from '../lib/i18n';
import { useListT } from './list/strings';

export { toFilter, type Condition } from './list/conditions';
export type { SearchRelation } from './list/ValuePickers';

interface Props {
  /** The form's fields (subforms included: their columns are offered too). */
  fields: Field[];
  value: Condition[];
  onChange(c: Condition[]): void;
  searchRelation: SearchRelation;
  /** The directory: people by name, departments. */
  services: Pick<AppServices, 'lookupMembers' | 'listDepartments'>;
  phone?: boolean;
}

type Picked = { value: string | number | boolean | string[]; text: string };

export function FilterBuilder({ fields, value, onChange, searchRelation, services, phone = false }: Props) {
  const { t, l, locale } = useListT();
  const targets = useMemo(() => filterTargets(fields, locale, l), [fields, locale, l]);
  const [targetId, setTargetId] = useState<string | undefined>(undefined);
  const [op, setOp] = useState<string | undefined>(undefined);
  // The value as typed or picked, and how it reads on the chip.
  const [v, setV] = useState<Picked | null>(null);
  const target = targets.find((x) => x.id === targetId);
  const field = target?.field;
  const w = (desktop: number) => (phone ? '100%' : desktop);
  const choose = (id: string) => {
    setTargetId(id);
    setOp(opsFor(targets.find((x) => x.id === id))[0]);
    setV(null);
  };
  const joined = (texts: string[]) => texts.join(l.listSep);
  const several = (values: string[], texts: string[]) => setV(values.length ? { value: values, text: joined(texts) } : null);
  const list = v && Array.isArray(v.value) ? v.value : undefined;
  const choice = (f: Field, options: Array<{ value: string | boolean; label: string }>) => (
    <Select style={{ width: w(140) }} value={v?.value as string | undefined} onChange={(x: string | boolean) => setV({ value: x, text: choiceText(f, x, locale, l) })} options={options as Array<{ value: string; label: string }>} aria-label={t.value} />
  );
  const valueInput = (): React.ReactNode => {
    if (!field || !op || NO_VALUE.has(op)) return null;
    if (op === '$between') return <DaysPicker value={list} onPick={(d) => setV(d ? { value: d, text: fmt(l.rangeText, { from: d[0], to: d[1] }) } : null)} width={w(260)} />;
    if (field.type === 'relation' && op !== '$regex') {
      return <RelationPicker field={field} search={searchRelation} multiple={op === '$in'} value={op === '$in' ? list : (v?.value as string | undefined)} onPick={(ids, names) => (op === '$in' ? several(ids, names) : setV({ value: ids[0], text: names[0] }))} width={w(op === '$in' ? 260 : 180)} />;
    }
    if (field.type === 'member') return <MemberPicker services={services} value={list} onPick={several} width={w(260)} />;
    if (field.type === 'department') return <DepartmentPicker services={services} value={list} onPick={several} width={w(260)} />;
    if ((field.type === 'select' || field.type === 'multiselect') && op === '$in') {
      const options = field.options.map((o) => ({ value: o.value, label: textOf(o.label, locale) }));
      return <Select mode="multiple" style={{ width: w(260), minWidth: 180 }} value={list} placeholder={l.pickOptions} options={options} aria-label={t.value} onChange={(xs: string[]) => several(xs, xs.map((x) => choiceText(field, x, locale, l)))} />;
    }
    if (field.type === 'select' || field.type === 'multiselect') return choice(field, field.options.map((o) => ({ value: o.value, label: textOf(o.label, locale) })));
    if (field.type === 'switch') return choice(field, [{ value: true, label: l.yes }, { value: false, label: l.no }]);
    if (isNumeric(field)) {
      const typed = typeof v?.text === 'string' && v.text !== '' ? Number.parseFloat(v.text) : null;
      return (
        <InputNumber
          style={{ width: w(140) }}
          value={typed}
          suffix={field.type === 'percent' || (field.type === 'formula' && field.resultType === 'percent') ? '%' : undefined}
          onChange={(n) => setV(typeof n === 'number' ? { value: storedNumber(field, n), text: typedNumberText(field, n) } : null)}
          aria-label={t.value}
        />
      );
    }
    const day = field.type === 'date' || field.type === 'datetime';
    return <Input style={{ width: w(160) }} value={typeof v?.value === 'string' ? v.value : ''} onChange={(e) => setV({ value: e.target.value, text: e.target.value })} onPressEnter={() => add()} aria-label={t.value} placeholder={day ? '2026-11-22' : ''} />;
  };
  const add = () => {
    if (!target || !op) return;
    const noValue = NO_VALUE.has(op);
    if (!noValue && (v === null || v.value === '' || (Array.isArray(v.value) && v.value.length === 0))) return;
    const next = { field: target.id, path: pathFor(target, op), op, value: noValue ? true : v!.value, text: noValue ? '' : v!.text };
    // The same condition twice (a double click, Enter and a click) is one chip.
    const same = value.some((c) => c.path === next.path && c.op === next.op && JSON.stringify(c.value) === JSON.stringify(next.value));
    if (!same) onChange([...value, next]);
    setV(null);
  };
  return (
    <div style={{ maxWidth: phone ? 'calc(100vw - 48px)' : 640 }}>
      {value.length ? (
        <Space wrap style={{ marginBottom: 8 }} aria-label={l.activeFilters}>
          {value.map((c, i) => (
            <Tag key={i} closable onClose={() => onChange(value.filter((_, k) => k !== i))} color="blue">
              {chipText(c, targets, t, l)}
            </Tag>
          ))}
        </Space>
      ) : null}
      <Space wrap orientation={phone ? 'vertical' : 'horizontal'} style={phone ? { width: '100%' } : undefined}>
        <Select style={{ width: w(180) }} placeholder={t.field} value={targetId} aria-label={t.field} onChange={choose} options={targets.map((x) => ({ value: x.id, label: x.label }))} showSearch={{ optionFilterProp: 'label' }} />
        <Select style={{ width: w(130) }} placeholder={t.operator} value={op} disabled={!field} onChange={(o: string) => { setOp(o); setV(null); }} aria-label={t.operator} options={opsFor(target).map((o) => ({ value: o, label: opLabel(field, o, t, l) }))} />
        {valueInput()}
        <Space>
          <Button type="primary" onClick={add} disabled={!field}>{t.addCondition}</Button>
          {value.length ? <Button onClick={() => onChange([])}>{t.clearFilter}</Button> : null}
        </Space>
      </Space>
    </div>
  );
}
