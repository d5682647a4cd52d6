// Renders any FormSchema for people filling it, on desktop and phone. react-hook-form owns the
// values; its resolver is our own compiled form's `process` — not a generic ajv resolver —
// because rules, visibility and formulas must run exactly the code the server runs at save.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Form, Row, Space, Tabs } from 'antd';
import { Controller, useForm, useWatch, type Control, type FieldErrors, type Resolver } from 'react-hook-form';
import { textOf, type Field, type FormSchema, type Locale } from '../schema';
import { createFormEngine, type CompiledForm } from '../engine';
import { fill, rendererText, type RendererText } from './i18n';
import { Widget } from './widgets';
import { Subform } from './Subform';
import type { FieldMode, FormServices, Issue } from './types';

export interface FormRendererProps {
  schema: FormSchema;
  compiled?: CompiledForm;
  locale: Locale;
  timeZone?: string;
  value?: Record<string, unknown>;
  mode?: 'create' | 'edit';
  modes?: Record<string, FieldMode>;
  services: FormServices;
  onSubmit(data: Record<string, unknown>): Promise<void | { issues: Issue[] }>;
  onChange?(data: Record<string, unknown>): void;
  submitText?: string;
  footer?: 'sticky' | 'none';
  /** Keeps a draft in localStorage under this key until the form is submitted. */
  draftKey?: string;
  extraActions?: React.ReactNode;
}

type Values = Record<string, unknown>;

export function useIsPhone(): boolean {
  const query = '(max-width: 480px)';
  const [phone, setPhone] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setPhone(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return phone;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.');
  let cur: Record<string, unknown> = target;
  parts.slice(0, -1).forEach((p, i) => {
    if (!cur[p] || typeof cur[p] !== 'object') cur[p] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    cur = cur[p] as Record<string, unknown>;
  });
  cur[parts[parts.length - 1]] = value;
}

function toErrors(issues: Issue[]): FieldErrors<Values> {
  const errors: Record<string, unknown> = {};
  for (const i of issues) setPath(errors, i.path || 'root', { type: 'validate', message: i.message });
  return errors as FieldErrors<Values>;
}

interface ItemProps {
  field: Field;
  name: string;
  control: Control<Values>;
  mode: FieldMode;
  computed: unknown;
  locale: Locale;
  timeZone: string;
  t: RendererText;
  services: FormServices;
  onRelated?(fieldId: string, record: Record<string, unknown> | null): void;
  bare?: boolean;
}

/** One field: label, required mark, widget, error. Memoised so a keystroke re-renders one field. */
const FieldItem = memo(function FieldItem({ field, name, control, mode, computed, locale, timeZone, t, services, onRelated, bare }: ItemProps) {
  const isComputed = field.type === 'formula' || field.type === 'lookup';
  const onPick = useCallback((r: Record<string, unknown> | null) => onRelated?.(field.id, r), [onRelated, field.id]);
  return (
    <Controller
      name={name}
      control={control}
      render={({ field: rhf, fieldState }) => {
        const widget = (
          <Widget
            id={`f-${name.replace(/\./g, '-')}`}
            field={field}
            value={isComputed ? computed : rhf.value}
            onChange={rhf.onChange}
            onBlur={rhf.onBlur}
            disabled={mode === 'readonly' || field.readonly === true}
            locale={locale}
            timeZone={timeZone}
            t={t}
            services={services}
            onRelated={field.type === 'relation' ? onPick : undefined}
          />
        );
        const error = fieldState.error?.message;
        if (bare) return <div className={error ? 'tessera-field-error' : undefined}>{widget}{error ? <div style={{ color: '#ff4d4f', fontSize: 12 }}>{error}</div> : null}</div>;
        return (
          <Form.Item
            className={error ? 'tessera-field-error' : undefined}
            label={field.type === 'description' ? undefined : textOf(field.label, locale)}
            htmlFor={`f-${name.replace(/\./g, '-')}`}
            required={!!field.required}
            tooltip={field.help ? textOf(field.help, locale) : undefined}
            validateStatus={error ? 'error' : undefined}
            help={error}
            style={{ marginBottom: 16 }}
          >
            {widget}
          </Form.Item>
        );
      }}
    />
  );
});

export function FormRenderer(props: FormRendererProps) {
  const { schema, locale, services, modes, onSubmit, onChange, draftKey } = props;
  const timeZone = props.timeZone ?? 'Asia/Shanghai';
  const t = rendererText(locale);
  const phone = useIsPhone();
  const engine = useMemo(() => createFormEngine(), []);
  const compiled = useMemo(() => props.compiled ?? engine.compile(schema), [props.compiled, engine, schema]);
  const processMode = props.mode === 'edit' ? 'update' : 'create';
  const initial = useMemo(() => props.value ?? compiled.initialValues({ timeZone, locale }), [props.value, compiled, timeZone, locale]);
  const resolver = useCallback<Resolver<Values>>(
    async (values) => {
      const r = compiled.process(values, { mode: processMode, locale, timeZone });
      return r.ok ? { values: r.data, errors: {} } : { values: {}, errors: toErrors(r.issues) };
    },
    [compiled, processMode, locale, timeZone],
  );
  const { control, handleSubmit, setValue, setError, reset, formState } = useForm<Values>({ defaultValues: initial, resolver, mode: 'onBlur', reValidateMode: 'onChange' });
  const watched = useWatch({ control }) as Values;
  const derived = useMemo(() => compiled.compute(watched, { timeZone }), [compiled, watched, timeZone]);
  const visible = useMemo(() => compiled.visibility(watched, { timeZone }), [compiled, watched, timeZone]);
  const totals = useMemo(() => compiled.totals(derived), [compiled, derived]);
  const [draft, setDraft] = useState<Values | null>(null);
  const [failed, setFailed] = useState(0);
  const first = useRef(true);

  useEffect(() => {
    if (!draftKey) return;
    const saved = localStorage.getItem(draftKey);
    if (saved) setDraft(JSON.parse(saved) as Values);
  }, [draftKey]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    onChange?.(derived);
    if (!draftKey || draft) return;
    const h = setTimeout(() => localStorage.setItem(draftKey, JSON.stringify(watched)), 400);
    return () => clearTimeout(h);
  }, [watched, derived, draftKey, draft, onChange]);

  const onRelated = useCallback(
    (fieldId: string, record: Record<string, unknown> | null) => {
      for (const [k, v] of Object.entries(compiled.autofill(fieldId, record))) setValue(k, v, { shouldDirty: true });
    },
    [compiled, setValue],
  );

  const modeOf = (f: Field): FieldMode => modes?.[f.id] ?? 'editable';
  const common = { control, locale, timeZone, t, services };

  const renderCell = (sub: Field, child: Field, i: number) => {
    if (visible[`${sub.id}.${i}.${child.id}`] === false) return null;
    const rows = derived[sub.id] as Values[] | undefined;
    return <FieldItem {...common} bare field={child} name={`${sub.id}.${i}.${child.id}`} mode={modeOf(sub)} computed={rows?.[i]?.[child.id]} />;
  };

  const renderFields = (list: Field[]): React.ReactNode => (
    <Row gutter={16}>
      {list.map((f) => {
        const m = modeOf(f);
        if (m === 'hidden' || f.hidden) return null;
        if (f.type !== 'section' && f.type !== 'tabs' && f.type !== 'columns' && visible[f.id] === false) return null;
        const wide = ['textarea', 'subform', 'section', 'tabs', 'columns', 'description', 'attachment', 'image'].includes(f.type);
        const span = phone ? 24 : f.span ?? (wide ? 24 : 12);
        let body: React.ReactNode;
        if (f.type === 'section') {
          body = f.collapsible ? (
            <Collapse style={{ marginBottom: 16 }} defaultActiveKey={[f.id]} items={[{ key: f.id, label: textOf(f.label, locale), children: renderFields(f.fields) }]} />
          ) : (
            <Card size="small" title={textOf(f.label, locale)} style={{ marginBottom: 16 }}>{renderFields(f.fields)}</Card>
          );
        } else if (f.type === 'tabs') {
          body = <Tabs style={{ marginBottom: 16 }} items={f.tabs.map((tab) => ({ key: tab.id, label: textOf(tab.label, locale), children: renderFields(tab.fields) }))} />;
        } else if (f.type === 'columns') {
          body = <Row gutter={16}>{f.columns.map((c) => <Col key={c.id} span={phone ? 24 : c.span ?? Math.floor(24 / f.columns.length)}>{renderFields(c.fields)}</Col>)}</Row>;
        } else if (f.type === 'subform') {
          body = (
            <Form.Item label={textOf(f.label, locale)} required={!!f.required} style={{ marginBottom: 16 }}>
              <Subform field={f} control={control} locale={locale} timeZone={timeZone} t={t} mode={m} phone={phone} totals={totals[f.id]} renderCell={(c, i) => renderCell(f, c, i)} />
            </Form.Item>
          );
        } else {
          body = <FieldItem {...common} field={f} name={f.id} mode={m} computed={derived[f.id]} onRelated={onRelated} />;
        }
        return <Col key={f.id} span={span}>{body}</Col>;
      })}
    </Row>
  );

  const submit = handleSubmit(
    async (data) => {
      setFailed(0);
      const r = await onSubmit(data);
      if (r && r.issues.length) {
        r.issues.forEach((i) => setError((i.path || 'root') as never, { type: 'server', message: i.message }));
        setFailed(r.issues.length);
        return;
      }
      if (draftKey) localStorage.removeItem(draftKey);
    },
    (errors) => {
      setFailed(Object.keys(errors).length);
      setTimeout(() => {
        const el = document.querySelector('.tessera-field-error');
        el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        (el?.querySelector('input,textarea,[tabindex]') as HTMLElement | null)?.focus();
      }, 0);
    },
  );

  return (
    <Form layout="vertical" component={false}>
      <form onSubmit={submit} noValidate data-testid="form-renderer">
        {draft ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t.draftFound}
            action={
              <Space>
                <Button size="small" type="primary" onClick={() => { reset(draft); setDraft(null); }}>{t.restoreDraft}</Button>
                <Button size="small" onClick={() => { localStorage.removeItem(draftKey!); setDraft(null); }}>{t.discardDraft}</Button>
              </Space>
            }
          />
        ) : null}
        {failed > 0 ? <Alert type="error" showIcon style={{ marginBottom: 16 }} message={fill(t.fixErrors, { n: failed })} /> : null}
        {renderFields(schema.fields)}
        {props.footer === 'none' ? null : (
          <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', borderTop: '1px solid #f0f0f0', zIndex: 3, display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
            {props.extraActions}
            <Button type="primary" htmlType="submit" loading={formState.isSubmitting} block={phone}>
              {formState.isSubmitting ? t.submitting : props.submitText ?? t.submit}
            </Button>
          </div>
        )}
      </form>
    </Form>
  );
}
