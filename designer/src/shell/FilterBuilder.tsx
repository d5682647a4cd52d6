// The filter builder: conditions as field / operator / value chips, turned into the filter
// JSON the records API takes (which checks it again through its allow-list). What each field
// offers and sends lives in list/conditions.ts; here, the inputs. On a phone it stacks, to fit.
import { useEffect, useRef, useState } from 'react';
import { Button, InputNumber, Input, Select, Space, Tag } from 'antd';
import { textOf, type Field } from '@tessera/form-engine';
import { isNumeric } from '@tessera/form-engine/react';
import { chipText, choiceText, NO_VALUE, opLabel, opsFor, pathFor, storedNumber, typedNumberText, type Condition } from './list/conditions';
import { useListT } from './list/strings';

export { toFilter, type Condition } from './list/conditions';

/** Records of a relation's form, by their display text (the records API's lookup). */
export type SearchRelation = (fieldId: string, q: string) => Promise<Array<{ id: string; display: string }>>;

interface Props {
  fields: Field[];
  value: Condition[];
  onChange(c: Condition[]): void;
  searchRelation: SearchRelation;
  phone?: boolean;
}

/** A related record picked by searching its display text. */
function RelationPicker({ field, search, value, onPick, width }: { field: Field; search: SearchRelation; value: string | undefined; onPick(id: string, display: string): void; width: number | string }) {
  const { t, l } = useListT();
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const find = (q: string) => {
    const n = ++asked.current;
    setLoading(true);
    search(field.id, q)
      .then((items) => n === asked.current && setOptions(items.map((r) => ({ value: r.id, label: r.display || l.untitled }))))
      .catch(() => n === asked.current && setOptions([]))
      .finally(() => n === asked.current && setLoading(false));
  };
  useEffect(() => find(''), [field.id]);
  return (
    <Select
      style={{ width }}
      showSearch={{ filterOption: false, onSearch: find }}
      value={value}
      loading={loading}
      placeholder={l.pickRecord}
      options={options}
      aria-label={t.value}
      onChange={(id: string) => onPick(id, options.find((o) => o.value === id)?.label ?? '')}
    />
  );
}

export function FilterBuilder({ fields, value, onChange, searchRelation, phone = false }: Props) {
  const { t, l, locale } = useListT();
  const [fieldId, setFieldId] = useState<string | undefined>(undefined);
  const [op, setOp] = useState<string | undefined>(undefined);
  // The value as typed or picked, and how it reads on the chip.
  const [v, setV] = useState<{ value: string | number | boolean; text: string } | null>(null);
  const field = fields.find((f) => f.id === fieldId);
  const w = (desktop: number) => (phone ? '100%' : desktop);
  const choose = (id: string) => {
    setFieldId(id);
    setOp(opsFor(fields.find((f) => f.id === id))[0]);
    setV(null);
  };
  const choice = (f: Field, options: Array<{ value: string | boolean; label: string }>) => (
    <Select style={{ width: w(140) }} value={v?.value as string | undefined} onChange={(x: string | boolean) => setV({ value: x, text: choiceText(f, x, locale, l) })} options={options as Array<{ value: string; label: string }>} aria-label={t.value} />
  );
  const valueInput = (): React.ReactNode => {
    if (!field || !op || NO_VALUE.has(op)) return null;
    if (field.type === 'relation' && op !== '$regex') {
      return <RelationPicker key={field.id} field={field} search={searchRelation} value={v?.value as string | undefined} onPick={(id, display) => setV({ value: id, text: display })} width={w(180)} />;
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
    return <Input style={{ width: w(160) }} value={typeof v?.value === 'string' ? v.value : ''} onChange={(e) => setV({ value: e.target.value, text: e.target.value })} onPressEnter={() => add()} aria-label={t.value} placeholder={field.type === 'date' ? '2026-11-22' : ''} />;
  };
  const add = () => {
    if (!field || !op) return;
    const noValue = NO_VALUE.has(op);
    if (!noValue && (v === null || v.value === '')) return;
    onChange([...value, { field: field.id, path: pathFor(field, op), op, value: noValue ? true : v!.value, text: noValue ? '' : v!.text }]);
    setV(null);
  };
  return (
    <div style={{ maxWidth: phone ? 'calc(100vw - 48px)' : 600 }}>
      {value.length ? (
        <Space wrap style={{ marginBottom: 8 }} aria-label={l.activeFilters}>
          {value.map((c, i) => (
            <Tag key={i} closable onClose={() => onChange(value.filter((_, k) => k !== i))} color="blue">
              {chipText(c, fields, locale, t, l)}
            </Tag>
          ))}
        </Space>
      ) : null}
      <Space wrap orientation={phone ? 'vertical' : 'horizontal'} style={phone ? { width: '100%' } : undefined}>
        <Select style={{ width: w(150) }} placeholder={t.field} value={fieldId} aria-label={t.field} onChange={choose} options={fields.map((f) => ({ value: f.id, label: textOf(f.label, locale) }))} showSearch={{ optionFilterProp: 'label' }} />
        <Select style={{ width: w(120) }} placeholder={t.operator} value={op} disabled={!field} onChange={(o: string) => { setOp(o); setV(null); }} aria-label={t.operator} options={opsFor(field).map((o) => ({ value: o, label: opLabel(field, o, t, l) }))} />
        {valueInput()}
        <Space>
          <Button type="primary" onClick={add} disabled={!field}>{t.addCondition}</Button>
          {value.length ? <Button onClick={() => onChange([])}>{t.clearFilter}</Button> : null}
        </Space>
      </Space>
    </div>
  );
}
