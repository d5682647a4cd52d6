// Small editing controls the property panel is made of: translated text, a labelled row, a
// number box that can be cleared. Each edit is a command, so typing here is undoable.
import { useEffect, useId, useState } from 'react';
import { Input, InputNumber, Select, Switch, Typography } from 'antd';
import type { I18nText, Locale } from '@tessera/form-engine';
import { i18nPart, OTHER_LOCALE, setI18n } from '../model/i18nText';

export function Row({ label, children, help, htmlFor }: { label: React.ReactNode; children: React.ReactNode; help?: React.ReactNode; htmlFor?: string }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <label htmlFor={htmlFor} style={{ display: 'block', fontSize: 13, color: '#595959', marginBottom: 4 }}>{label}</label>
      {children}
      {help ? <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 2 }}>{help}</Typography.Text> : null}
    </div>
  );
}

/** A text input labelled by `label`, editing one language of an I18nText. */
export function I18nInput({ label, value, locale, onChange, secondary, placeholder, textarea, help }: { label: string; value: I18nText | undefined; locale: Locale; onChange(v: I18nText): void; secondary?: boolean; placeholder?: string; textarea?: boolean; help?: React.ReactNode }) {
  const id = useId();
  const text = secondary ? i18nPart(value, OTHER_LOCALE[locale], true) : i18nPart(value, locale);
  const change = (t: string) => onChange(setI18n(value, locale, t, secondary));
  return (
    <Row label={label} htmlFor={id} help={help}>
      {textarea ? (
        <Input.TextArea id={id} value={text} placeholder={placeholder} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => change(e.target.value)} />
      ) : (
        <Input id={id} value={text} placeholder={placeholder} onChange={(e) => change(e.target.value)} />
      )}
    </Row>
  );
}

/** A number that may be left empty (undefined). */
export function NumberRow({ label, value, onChange, min, max, step, precision, addonAfter }: { label: string; value: number | undefined; onChange(v: number | undefined): void; min?: number; max?: number; step?: number; precision?: number; addonAfter?: React.ReactNode }) {
  const id = useId();
  return (
    <Row label={label} htmlFor={id}>
      <InputNumber id={id} style={{ width: '100%' }} value={value ?? null} min={min} max={max} step={step} precision={precision} addonAfter={addonAfter} onChange={(v) => onChange(v === null || v === undefined ? undefined : Number(v))} />
    </Row>
  );
}

/** A text that commits on blur / Enter (for values that must be checked, like a field id). */
export function CommitInput({ id, value, onCommit, disabled, status }: { id?: string; value: string; onCommit(v: string): void; disabled?: boolean; status?: 'error' }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input
      id={id}
      value={text}
      disabled={disabled}
      status={status}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => text !== value && onCommit(text)}
      onPressEnter={() => text !== value && onCommit(text)}
    />
  );
}

export function SwitchRow({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  const id = useId();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
      <label htmlFor={id} style={{ fontSize: 13, color: '#595959' }}>{label}</label>
      <Switch id={id} size="small" checked={checked} onChange={onChange} />
    </div>
  );
}

export function SelectRow<T extends string>({ label, value, options, onChange, placeholder, allowClear, status }: { label: string; value: T | undefined; options: Array<{ value: T; label: React.ReactNode }>; onChange(v: T | undefined): void; placeholder?: string; allowClear?: boolean; status?: 'error' }) {
  const id = useId();
  return (
    <Row label={label} htmlFor={id}>
      <Select id={id} style={{ width: '100%' }} value={value || undefined} options={options} placeholder={placeholder} allowClear={allowClear} status={status} showSearch optionFilterProp="label" onChange={(v) => onChange(v as T | undefined)} />
    </Row>
  );
}

