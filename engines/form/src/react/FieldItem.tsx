// One field of the form: label, required mark, widget, error. The input carries what a screen
// reader needs: aria-required while the field is required (always, or under its condition),
// aria-invalid and aria-describedby pointing at the error text while there is one.
import { memo, useCallback, useLayoutEffect } from 'react';
import { Col, Form } from 'antd';
import { Controller, type Control } from 'react-hook-form';
import { textOf, type Field, type Locale } from '../schema';
import type { RendererText } from './i18n';
import { Widget } from './widgets';
import type { FieldMode, FormServices } from './types';

export interface ItemProps {
  field: Field;
  name: string;
  control: Control<Record<string, unknown>>;
  mode: FieldMode;
  computed: unknown;
  locale: Locale;
  timeZone: string;
  t: RendererText;
  services: FormServices;
  /** Required now: `required`, or a `requiredIf` that holds for the current values. */
  required?: boolean;
  /** For a lookup: the related form's field it shows (a select reads as its option's label). */
  shows?: Field;
  onRelated?(fieldId: string, record: Record<string, unknown> | null): void;
  bare?: boolean;
}

/**
 * Sets the input's aria attributes. antd puts a widget's id on different inner elements (a
 * Select's search box, a picker's text box, the input inside an affix wrapper) and not all of
 * them pass aria props through, so they are set on the element that has the field's id.
 */
function useAria(id: string, required: boolean, errorId: string | undefined) {
  useLayoutEffect(() => {
    const el = document.getElementById(id);
    if (!el) return;
    const set = (k: string, v: string | undefined) => (v === undefined ? el.removeAttribute(k) : el.setAttribute(k, v));
    set('aria-required', required ? 'true' : undefined);
    set('aria-invalid', errorId ? 'true' : undefined);
    set('aria-describedby', errorId);
  });
}

/** One field. Memoised so a keystroke re-renders one field. */
export const FieldItem = memo(function FieldItem(props: ItemProps) {
  // A description is text for the person filling the form: no value, so not a form field.
  if (props.field.type === 'description') return <div style={{ marginBottom: 16 }}><Widget id={`f-${props.name}`} field={props.field} value={null} onChange={() => undefined} disabled={false} locale={props.locale} timeZone={props.timeZone} t={props.t} services={props.services} /></div>;
  return <DataFieldItem {...props} />;
});

function DataFieldItem({ field, name, control, mode, computed, locale, timeZone, t, services, onRelated, bare, required, shows }: ItemProps) {
  const isComputed = field.type === 'formula' || field.type === 'lookup';
  const onPick = useCallback((r: Record<string, unknown> | null) => onRelated?.(field.id, r), [onRelated, field.id]);
  const id = `f-${name.replace(/\./g, '-')}`;
  const needed = required ?? !!field.required;
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: rhf, fieldState }) => {
        const error = fieldState.error?.message;
        return (
          <Item id={id} field={field} error={error} needed={needed} bare={bare} locale={locale}>
            <Widget
              id={id}
              field={shows ?? field}
              value={isComputed ? computed : rhf.value}
              onChange={rhf.onChange}
              onBlur={rhf.onBlur}
              disabled={mode === 'readonly' || field.readonly === true}
              locale={locale}
              timeZone={timeZone}
              t={t}
              services={services}
              computed={isComputed}
              onRelated={field.type === 'relation' ? onPick : undefined}
            />
          </Item>
        );
      }}
    />
  );
}

function Item({ id, field, error, needed, bare, locale, children }: { id: string; field: Field; error?: string; needed: boolean; bare?: boolean; locale: Locale; children: React.ReactNode }) {
  const errorId = error ? `${id}-error` : undefined;
  useAria(id, needed, errorId);
  const message = error ? <span id={errorId}>{error}</span> : undefined;
  if (bare) {
    // A subform cell: the column's header carries "always required"; one required only under a
    // condition that holds in this row is marked in the cell.
    const mark = needed && !field.required ? <span className="tessera-required-mark" aria-hidden style={{ color: '#ff4d4f', marginRight: 4 }}>*</span> : null;
    return <div className={error ? 'tessera-field-error' : undefined}><div style={{ display: 'flex', alignItems: 'center' }}>{mark}<div style={{ flex: 1, minWidth: 0 }}>{children}</div></div>{error ? <div style={{ color: '#ff4d4f', fontSize: 12 }}>{message}</div> : null}</div>;
  }
  return (
    <Form.Item
      className={error ? 'tessera-field-error' : undefined}
      label={textOf(field.label, locale)}
      htmlFor={id}
      required={needed}
      tooltip={field.help ? textOf(field.help, locale) : undefined}
      validateStatus={error ? 'error' : undefined}
      help={message}
      style={{ marginBottom: 16 }}
    >
      {children}
    </Form.Item>
  );
}

/** A grid cell holding one field; skipped on re-render unless its own props changed. */
export const FieldCell = memo(function FieldCell({ span, ...item }: ItemProps & { span: number }) {
  return (
    <Col span={span}>
      <FieldItem {...item} />
    </Col>
  );
});
