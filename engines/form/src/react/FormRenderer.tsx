// Renders any FormSchema for people filling it, on desktop and phone. react-hook-form owns the
// values; its resolver is our own compiled form's `process` — not a generic ajv resolver —
// because rules, visibility and formulas must run exactly the code the server runs at save.
import { createContext, memo, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Form, Row, Space, Tabs } from 'antd';
import { useForm, type Control, type FieldErrors, type Resolver, type UseFormGetValues, type UseFormWatch } from 'react-hook-form';
import { dataFields, textOf, type Field, type FormSchema, type Locale } from '../schema';
import { createFormEngine, type CompiledForm, type FormEngine } from '../engine';
import { fill, rendererText, type RendererText } from './i18n';
import { FieldCell, FieldItem } from './FieldItem';
import { lookupTarget, requiredIfOf } from './formState';
import { Subform } from './Subform';
import type { FieldMode, FormServices, Issue } from './types';
import { afterNextFrame, markOnce, useProgressive } from './progressive';

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
  /** The app's other forms: a lookup shows its related field as that field reads (a select's label). */
  relatedForms?: FormSchema[];
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

/**
 * Enter in a field confirms that field (a date typed in, an option, a scanner's code) and never
 * submits a long form by accident; Ctrl+Enter (⌘+Enter) submits from anywhere in the form.
 */
function enterDoesNotSubmit(e: React.KeyboardEvent<HTMLFormElement>) {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  const form = e.currentTarget;
  const target = e.target as HTMLElement;
  // React bubbles events out of portals (a widget's dialog, a dropdown): only keys typed in the
  // form's own fields count here.
  if (!form.contains(target)) return;
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else form.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    return;
  }
  if (target.tagName === 'INPUT') e.preventDefault();
}

export function FormRenderer(props: FormRendererProps) {
  const { schema, locale, services, modes, onSubmit, onChange, draftKey } = props;
  const timeZone = props.timeZone ?? 'Asia/Shanghai';
  const t = rendererText(locale);
  const phone = useIsPhone();
  const engine = useMemo(() => createFormEngine(), []);
  const compiled = useMemo(() => props.compiled ?? engine.compile(schema), [props.compiled, engine, schema]);
  const processMode = props.mode === 'edit' ? 'update' : 'create';
  // Only the first render's values are used (react-hook-form's defaults): worked out once, not
  // again for every new schema the designer's preview sends.
  const [initial] = useState(() => props.value ?? compiled.initialValues({ timeZone, locale }));
  const resolver = useCallback<Resolver<Values>>(
    async (values) => {
      const r = compiled.process(values, { mode: processMode, locale, timeZone });
      return r.ok ? { values: r.data, errors: {} } : { values: {}, errors: toErrors(r.issues) };
    },
    [compiled, processMode, locale, timeZone],
  );
  const { control, handleSubmit, setValue, setError, reset, formState, watch, getValues } = useForm<Values>({ defaultValues: initial, resolver, mode: 'onBlur', reValidateMode: 'onChange' });
  const [draft, setDraft] = useState<Values | null>(null);
  const [failed, setFailed] = useState(0);

  // User Timing marks once the first frame with the form is on screen (and, in FormFields, once
  // every field is), so monitoring and the benchmark can see how soon a form is usable.
  useEffect(() => afterNextFrame(() => markOnce('tessera:form-interactive')), []);
  useEffect(() => {
    if (!draftKey) return;
    const saved = localStorage.getItem(draftKey);
    if (saved) setDraft(JSON.parse(saved) as Values);
  }, [draftKey]);

  // Read through a ref so the callback stays the same object when the schema changes (the
  // designer's live preview): every memoised cell receives it, and a new one would re-render
  // all of them on each edit.
  const compiledRef = useRef(compiled);
  compiledRef.current = compiled;
  const onRelated = useCallback(
    (fieldId: string, record: Record<string, unknown> | null) => {
      const c = compiledRef.current;
      for (const [k, v] of Object.entries(c.autofill(fieldId, record))) setValue(k, v, { shouldDirty: true });
      // Lookups of this relation show the related record's field at once (the server fills
      // them again, authoritatively, when the record is saved).
      const looked = c.lookupValues({ [fieldId]: record });
      for (const f of c.fields.values()) if (f.type === 'lookup' && f.relationField === fieldId) setValue(f.id, looked[f.id] ?? null);
    },
    [setValue],
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

  const body = (
    <form onSubmit={submit} onKeyDown={enterDoesNotSubmit} noValidate data-testid="form-renderer">
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
      <FormFields
        schema={schema}
        compiled={compiled}
        engine={engine}
        relatedForms={props.relatedForms}
        control={control}
        watch={watch}
        getValues={getValues}
        locale={locale}
        timeZone={timeZone}
        t={t}
        phone={phone}
        services={services}
        modes={modes}
        onRelated={onRelated}
        onChange={onChange}
        draftKey={draft ? undefined : draftKey}
      />
      {props.footer === 'none' ? null : (
        <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', borderTop: '1px solid #f0f0f0', zIndex: 3, display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          {props.extraActions}
          <Button type="primary" htmlType="submit" loading={formState.isSubmitting} block={phone}>
            {formState.isSubmitting ? t.submitting : props.submitText ?? t.submit}
          </Button>
        </div>
      )}
    </form>
  );
  return (
    <FormBody.Provider value={body}>
      <StaticForm />
    </FormBody.Provider>
  );
}

/**
 * antd's Form hands its items a context value that is new on every render (a fresh tooltip
 * object among its memo inputs), which re-rendered every Form.Item of a 200-field form whenever
 * the form re-rendered — on each formula result, and on every edit in the designer's preview.
 * So the antd Form renders once and never again; what it holds comes through a context and
 * updates on its own, each field item re-rendering only when its own props change.
 */
const FormBody = createContext<React.ReactNode>(null);
function FormBodyOutlet() {
  return <>{useContext(FormBody)}</>;
}
const StaticForm = memo(
  function StaticForm() {
    return (
      <Form layout="vertical" component={false}>
        <FormBodyOutlet />
      </Form>
    );
  },
  () => true,
);

interface FormFieldsProps {
  schema: FormSchema;
  compiled: CompiledForm;
  engine: FormEngine;
  relatedForms?: FormSchema[];
  control: Control<Values>;
  watch: UseFormWatch<Values>;
  getValues: UseFormGetValues<Values>;
  locale: Locale;
  timeZone: string;
  t: RendererText;
  phone: boolean;
  services: FormServices;
  modes?: Record<string, FieldMode>;
  onRelated(fieldId: string, record: Record<string, unknown> | null): void;
  onChange?(data: Record<string, unknown>): void;
  /** Where to keep the draft (unset while an older draft is offered). */
  draftKey?: string;
}

const FIRST_CELLS = 40;
const MORE_CELLS = 60;

function countCells(list: Field[]): number {
  let n = 0;
  for (const f of list) {
    if (f.type === 'section') n += countCells(f.fields);
    else if (f.type === 'tabs') for (const t of f.tabs) n += countCells(t.fields);
    else if (f.type === 'columns') for (const c of f.columns) n += countCells(c.fields);
    else n++;
  }
  return n;
}

interface View {
  derived: Values;
  visible: Record<string, boolean>;
  totals: Record<string, Record<string, number>>;
  /** Fields with a `requiredIf`: whether it holds now. */
  required: Record<string, boolean>;
}

/** What the fields show that values alone do not: computed values, visibility, subform totals. */
function viewKey(compiled: CompiledForm, view: View): unknown[] {
  const key: unknown[] = [];
  for (const [id, f] of compiled.fields) {
    if (id.includes('.')) continue;
    if (f.type === 'formula' || f.type === 'lookup') key.push(view.derived[id]);
    else if (f.type === 'subform') {
      const rows = Array.isArray(view.derived[id]) ? (view.derived[id] as Values[]) : [];
      key.push(rows.length);
      for (const [childKey, c] of compiled.fields) {
        if (!childKey.startsWith(`${id}.`) || (c.type !== 'formula' && c.type !== 'lookup')) continue;
        for (const r of rows) key.push(r?.[c.id]);
      }
    }
  }
  for (const [k, v] of Object.entries(view.visible)) key.push(k, v);
  for (const [k, v] of Object.entries(view.required)) key.push(k, v);
  key.push(JSON.stringify(view.totals));
  return key;
}

const sameKey = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * The fields. Values live in react-hook-form, and a field re-renders itself as it is typed in;
 * this part re-renders only when something computed from the values changes (a formula result,
 * what is visible, a subform's totals) — so typing in a plain field of a 200-field form touches
 * one field, and antd's Form context above stays put.
 */
function FormFields({ schema, compiled, engine, relatedForms, control, watch, getValues, locale, timeZone, t, phone, services, modes, onRelated, onChange, draftKey }: FormFieldsProps) {
  const requiredNow = useMemo(() => requiredIfOf(engine, compiled), [engine, compiled]);
  const viewOf = useCallback(
    (values: Values): View => {
      const derived = compiled.compute(values, { timeZone });
      return { derived, visible: compiled.visibility(values, { timeZone }), totals: compiled.totals(derived), required: requiredNow(derived, { timeZone }) };
    },
    [compiled, timeZone, requiredNow],
  );
  // What is shown, with the compute it came from. A new form version or time zone recomputes it
  // in the same render (React's "adjust state when a prop changes"), not in an effect that would
  // render all the fields a second time — the designer's preview sends a new version per edit.
  const [state, setState] = useState(() => ({ viewOf, view: viewOf(getValues()) }));
  const shown = useRef<{ view: View; key: unknown[] } | null>(null);
  let view = state.view;
  if (state.viewOf !== viewOf) {
    view = viewOf(getValues());
    setState({ viewOf, view });
  }
  if (shown.current?.view !== view) shown.current = { view, key: viewKey(compiled, view) };
  const setView = (next: View) => setState({ viewOf, view: next });
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    let draftTimer: ReturnType<typeof setTimeout> | undefined;
    const subscription = watch((values) => {
      const next = viewOf(values as Values);
      changed.current?.(next.derived);
      if (draftKey) {
        clearTimeout(draftTimer);
        draftTimer = setTimeout(() => localStorage.setItem(draftKey, JSON.stringify(getValues())), 400);
      }
      const key = viewKey(compiled, next);
      if (shown.current && sameKey(key, shown.current.key)) return;
      shown.current = { view: next, key };
      setView(next);
    });
    return () => {
      subscription.unsubscribe();
      clearTimeout(draftTimer);
    };
  }, [watch, getValues, viewOf, compiled, draftKey]);
  const { derived, visible, totals, required } = view;
  // What each lookup shows, per form version and set of related forms.
  const shows = useMemo(() => {
    const out = new Map<string, Field>();
    for (const f of dataFields(schema.fields)) {
      const target = lookupTarget(f, schema.fields, relatedForms);
      if (target) out.set(f.id, target);
      if (f.type === 'subform') for (const c of dataFields(f.fields)) {
        const t2 = lookupTarget(c, f.fields, relatedForms);
        if (t2) out.set(`${f.id}.${c.id}`, t2);
      }
    }
    return out;
  }, [schema, relatedForms]);

  // Big forms open a screenful at a time, usable before field 200 exists.
  const total = useMemo(() => countCells(schema.fields), [schema]);
  const limit = useProgressive(total, { first: FIRST_CELLS, step: MORE_CELLS, mark: 'tessera:form-complete' });
  let cell = 0;

  const modeOf = (f: Field): FieldMode => modes?.[f.id] ?? 'editable';
  const common = { control, locale, timeZone, t, services };

  const renderCell = (sub: Field, child: Field, i: number) => {
    if (visible[`${sub.id}.${i}.${child.id}`] === false) return null;
    const rows = derived[sub.id] as Values[] | undefined;
    const computed = child.type === 'formula' || child.type === 'lookup' ? rows?.[i]?.[child.id] : undefined;
    return <FieldItem {...common} bare field={child} name={`${sub.id}.${i}.${child.id}`} mode={modeOf(sub)} computed={computed} required={!!child.required || required[`${sub.id}.${i}.${child.id}`] === true} shows={shows.get(`${sub.id}.${child.id}`)} />;
  };

  const renderFields = (list: Field[]): React.ReactNode => (
    <Row gutter={16}>
      {list.map((f) => {
        const m = modeOf(f);
        if (m === 'hidden' || f.hidden) return null;
        if (f.type !== 'section' && f.type !== 'tabs' && f.type !== 'columns' && visible[f.id] === false) return null;
        const wide = ['textarea', 'subform', 'section', 'tabs', 'columns', 'description', 'attachment', 'image'].includes(f.type);
        const span = phone ? 24 : f.span ?? (wide ? 24 : 12);
        const container = f.type === 'section' || f.type === 'tabs' || f.type === 'columns';
        if (!container && cell++ >= limit) return <Col key={f.id} span={span}><div style={{ minHeight: 80 }} aria-hidden /></Col>;
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
          // A memoised cell: a keystroke re-renders the form, but only cells whose props changed.
          const computed = f.type === 'formula' || f.type === 'lookup' ? derived[f.id] : undefined;
          return <FieldCell key={f.id} span={span} {...common} field={f} name={f.id} mode={m} computed={computed} onRelated={onRelated} required={!!f.required || required[f.id] === true} shows={shows.get(f.id)} />;
        }
        return <Col key={f.id} span={span}>{body}</Col>;
      })}
    </Row>
  );
  return renderFields(schema.fields);
}
