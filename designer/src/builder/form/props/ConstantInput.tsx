// A fixed value entered the way the field is filled: a number (a percent shown ×100), a date, an
// option, a switch or text. The default-value editor and the rule builder's value chips share it.
import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { textOf, type Locale, type SelectOption } from '@tessera/form-engine';

export interface ConstantInputProps {
  /** How the value is entered: a field type, or a formula's result type. */
  type: string;
  /** The choices of a single or multiple choice. */
  options?: readonly SelectOption[];
  value: unknown;
  onChange(v: unknown): void;
  label: string;
  locale: Locale;
  /** Small, each box its own width (a condition row); else the panel's full width. */
  small?: boolean;
  /** What a cleared box gives: null for a default value, undefined in a condition. */
  cleared?: null | undefined;
}

/** Percent values are stored as fractions (0.125) and shown as percents (12.5). */
const asPercent = (v: number) => Math.round(v * 1e8) / 1e6;

export function ConstantInput({ type, options = [], value, onChange, label, locale, small, cleared = null }: ConstantInputProps) {
  const size = small ? 'small' : undefined;
  const width = (px: number) => (small ? { width: px } : { width: '100%' });
  const choices = () => options.map((o) => ({ value: o.value, label: textOf(o.label, locale) }));
  switch (type) {
    case 'number':
    case 'money':
      return <InputNumber aria-label={label} size={size} style={width(110)} value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? cleared)} />;
    case 'percent':
      return <InputNumber aria-label={label} size={size} style={width(120)} addonAfter="%" value={typeof value === 'number' ? asPercent(value) : null} onChange={(v) => onChange(typeof v === 'number' ? v / 100 : cleared)} />;
    case 'date':
    case 'datetime': {
      const time = type === 'datetime';
      return <DatePicker aria-label={label} size={size} showTime={time} style={small ? undefined : { width: '100%' }} value={typeof value === 'string' && value ? dayjs(value) : null} onChange={(d) => onChange(d ? (time ? d.toISOString() : d.format('YYYY-MM-DD')) : cleared)} />;
    }
    case 'select':
      return <Select aria-label={label} size={size} allowClear={!small} style={small ? { minWidth: 120 } : { width: '100%' }} value={typeof value === 'string' ? value : undefined} options={choices()} onChange={(v) => onChange(v ?? cleared)} />;
    case 'multiselect':
      return <Select aria-label={label} size={size} mode="multiple" style={small ? { minWidth: 160 } : { width: '100%' }} value={Array.isArray(value) ? value : []} options={choices()} onChange={(v) => onChange(v)} />;
    case 'switch':
      return <Switch aria-label={label} size={size} checked={value === true} onChange={(v) => onChange(v)} />;
    default:
      return <Input aria-label={label} size={size} style={width(140)} value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value)} />;
  }
}
