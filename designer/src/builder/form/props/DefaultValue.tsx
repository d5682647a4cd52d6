// A field's default for new records: none, a fixed value entered like the field itself, or a
// formula (e.g. TODAY()).
import { DatePicker, Input, InputNumber, Segmented, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { textOf, type Field, type FormSchema } from '@tessera/form-engine';
import { useBT } from '../../i18n';
import { FormulaEditor } from '../FormulaEditor';
import { Row } from './controls';
import type { Patch } from './TypeProps';
import { DESIGNER_TYPES } from '../model/fieldTypes';

/** Types whose default can be set here (a fixed value entered like the field, or a formula). */
export const hasDefault = (f: Field) => DESIGNER_TYPES[f.type].constantDefault;

function Constant({ field, value, onChange, label }: { field: Field; value: unknown; onChange(v: unknown): void; label: string }) {
  const { locale } = useBT();
  switch (field.type) {
    case 'number':
    case 'money':
      return <InputNumber aria-label={label} style={{ width: '100%' }} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? null)} />;
    case 'percent':
      return <InputNumber aria-label={label} style={{ width: '100%' }} addonAfter="%" value={typeof value === 'number' ? Math.round(value * 1e8) / 1e6 : null} onChange={(v) => onChange(typeof v === 'number' ? v / 100 : null)} />;
    case 'date':
      return <DatePicker aria-label={label} style={{ width: '100%' }} value={typeof value === 'string' && value ? dayjs(value) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)} />;
    case 'datetime':
      return <DatePicker aria-label={label} showTime style={{ width: '100%' }} value={typeof value === 'string' && value ? dayjs(value) : null} onChange={(d) => onChange(d ? d.toISOString() : null)} />;
    case 'select':
      return <Select aria-label={label} allowClear style={{ width: '100%' }} value={(value as string) ?? undefined} options={field.options.map((o) => ({ value: o.value, label: textOf(o.label, locale) }))} onChange={(v) => onChange(v ?? null)} />;
    case 'multiselect':
      return <Select aria-label={label} mode="multiple" style={{ width: '100%' }} value={Array.isArray(value) ? value : []} options={field.options.map((o) => ({ value: o.value, label: textOf(o.label, locale) }))} onChange={(v) => onChange(v)} />;
    case 'switch':
      return <Switch aria-label={label} checked={value === true} onChange={(v) => onChange(v)} />;
    default:
      return <Input aria-label={label} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
  }
}

export function DefaultValue({ field, patch, schema, rowOf }: { field: Field; patch: Patch; schema: FormSchema; rowOf?: string }) {
  const { b } = useBT();
  const d = field.default;
  const mode = !d ? 'none' : 'formula' in d ? 'formula' : 'constant';
  return (
    <Row label={b.defaultValue}>
      <Segmented
        block
        size="small"
        value={mode}
        style={{ marginBottom: 6 }}
        options={[{ value: 'none', label: b.defaultNone }, { value: 'constant', label: b.defaultConstant }, { value: 'formula', label: b.defaultFormula }]}
        onChange={(m) => {
          if (m === 'none') patch({}, ['default']);
          else if (m === 'constant') patch({ default: { value: field.type === 'switch' ? false : field.type === 'multiselect' ? [] : null } });
          else patch({ default: { formula: { text: field.type === 'date' ? 'TODAY()' : field.type === 'datetime' ? 'NOW()' : '' } } });
        }}
      />
      {d && 'value' in d ? <Constant field={field} label={b.defaultConstant} value={d.value} onChange={(value) => patch({ default: { value } })} /> : null}
      {d && 'formula' in d ? <FormulaEditor schema={schema} rowOf={rowOf} self={field.id} label={b.defaultFormula} value={d.formula} onChange={(formula) => patch({ default: { formula } })} /> : null}
    </Row>
  );
}
