// The formula editor: the analyst types with field names, as in Excel ([数量] * [单价]); the
// engine parses as they type and the error is marked at its character. A field picker inserts
// [名称]; the function list shows the help and example each function already carries.
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { samePropsReading } from './props/sameProps';
import { Input, Tabs, Tag, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { formatFormula, type Formula, type FormSchema, type FormulaScope, type FunctionDef, type Locale, type ParseResult, type ScopeField } from '@tessera/form-engine';
import { useDesigner } from './context';
import { useBT } from '../i18n';
import { sameScopeFor, scopeOf } from './model/scopes';
import { sameJson } from './model/threeWay';

export interface FormulaEditorProps {
  schema: FormSchema;
  /** Set when the formula belongs to a subform column: its row's siblings are in scope. */
  rowOf?: string;
  value: Formula | undefined;
  onChange(f: Formula): void;
  label: string;
  /** The field the formula belongs to (left out of the picker: a formula cannot use itself). */
  self?: string;
}

const CATEGORY_ORDER: FunctionDef['category'][] = ['math', 'aggregate', 'logic', 'text', 'date'];
const nameFor = (f: ScopeField, locale: string) => (locale === 'en-US' ? f.labels[1] ?? f.labels[0] : f.labels[0]) ?? f.id;
const bracket = (name: string) => `[${name}]`;

/** The value of the last render when equal as JSON, so hooks depending on it do not recompute. */
function useSteady<T>(value: T): T {
  const ref = useRef(value);
  if (ref.current !== value && !sameJson(ref.current, value)) ref.current = value;
  return ref.current;
}

export const FormulaEditor = memo(function FormulaEditor({ schema, rowOf, value, onChange, label, self }: FormulaEditorProps) {
  const d = useDesigner();
  const { b, locale } = useBT();
  const id = useId();
  const area = useRef<HTMLTextAreaElement | null>(null);
  // One scope per version of the form, the same object while its labels stay the same.
  const scope = useSteady(scopeOf(schema, rowOf));
  const shown = (v: Formula | undefined) => {
    if (v?.logic !== undefined) {
      try {
        return formatFormula(v.logic, scope, locale);
      } catch {
        return v.text ?? '';
      }
    }
    return v?.text ?? '';
  };
  const [text, setText] = useState(() => shown(value));
  const emitted = useRef<Formula | undefined>(value);
  // Undo, or another field renamed: show the stored formula again.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(shown(value));
    }
  }, [value]);

  // Parsed once a keystroke: on the change, and the render after it reuses that.
  const lastParse = useRef<{ text: string; scope: FormulaScope; locale: Locale; result: ParseResult | null } | null>(null);
  const parse = (t: string): ParseResult | null => {
    const c = lastParse.current;
    if (c && c.text === t && c.scope === scope && c.locale === locale) return c.result;
    const result = t.trim() ? d.engine.formulas.parse(t, scope, locale) : null;
    lastParse.current = { text: t, scope, locale, result };
    return result;
  };
  const parsed = parse(text);

  const change = (t: string) => {
    setText(t);
    const r = parse(t);
    const next: Formula = r && r.ok ? { text: t, logic: r.logic } : { text: t };
    emitted.current = next;
    onChange(next);
  };

  const insert = (snippet: string, caretBack = 0) => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + snippet + text.slice(end);
    change(next);
    requestAnimationFrame(() => {
      el?.focus();
      const pos = start + snippet.length - caretBack;
      el?.setSelectionRange(pos, pos);
    });
  };

  // In a subform column the row's other columns come first; a formula never lists itself.
  const pickable = useMemo(() => {
    const row: Array<{ key: string; name: string; insert: string }> = [];
    const form: typeof row = [];
    const sub = rowOf ? scope.fields.find((f) => f.id === rowOf) : undefined;
    for (const c of sub?.children ?? []) if (c.id !== self) row.push({ key: `$row.${c.id}`, name: nameFor(c, locale), insert: bracket(nameFor(c, locale)) });
    for (const f of scope.fields) {
      if (f.id === rowOf || f.id === self) continue;
      form.push({ key: f.id, name: nameFor(f, locale), insert: bracket(nameFor(f, locale)) });
      for (const c of f.children ?? []) form.push({ key: `${f.id}.${c.id}`, name: `${nameFor(f, locale)}.${nameFor(c, locale)}`, insert: `${bracket(nameFor(f, locale))}.${bracket(nameFor(c, locale))}` });
    }
    return { row, form };
  }, [scope, rowOf, locale, self]);
  const tags = (list: typeof pickable.row) =>
    list.map((p) => (
      <Tag key={p.key} style={{ cursor: 'pointer', marginInlineEnd: 0 }} role="button" tabIndex={0} onClick={() => insert(p.insert)} onKeyDown={(e) => e.key === 'Enter' && insert(p.insert)}>
        {p.name}
      </Tag>
    ));

  const [fnQuery, setFnQuery] = useState('');
  const [fnHelp, setFnHelp] = useState<FunctionDef | null>(null);
  const fns = useMemo(() => {
    const q = fnQuery.trim().toLowerCase();
    return d.engine.formulas.functions.filter((f) => !q || f.name.toLowerCase().includes(q) || f.description[locale].toLowerCase().includes(q));
  }, [d.engine, fnQuery, locale]);

  const error = parsed && !parsed.ok ? parsed.error : null;
  const errorId = `${id}-error`;
  return (
    <div style={{ marginBottom: 12 }}>
      <label htmlFor={id} style={{ display: 'block', fontSize: 13, color: '#595959', marginBottom: 4 }}>{label}</label>
      <Input.TextArea
        id={id}
        ref={(r) => {
          area.current = r?.resizableTextArea?.textArea ?? null;
        }}
        value={text}
        placeholder={b.formulaPlaceholder}
        autoSize={{ minRows: 2, maxRows: 6 }}
        status={error ? 'error' : undefined}
        aria-invalid={!!error}
        aria-describedby={errorId}
        spellCheck={false}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        onChange={(e) => change(e.target.value)}
      />
      <div id={errorId} role={error ? 'alert' : undefined} style={{ fontSize: 12, marginTop: 4, minHeight: 18 }}>
        {error ? (
          <>
            <div style={{ fontFamily: 'ui-monospace, monospace', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="formula-error-mark">
              {text.slice(0, error.position)}
              <mark style={{ background: '#fff1f0', color: '#cf1322', borderBottom: '2px solid #ff4d4f', padding: 0 }}>{text.slice(error.position, error.position + Math.max(1, error.length)) || ' '}</mark>
              {text.slice(error.position + Math.max(1, error.length))}
            </div>
            <Typography.Text type="danger">{error.message}</Typography.Text>
          </>
        ) : parsed?.ok ? (
          <Typography.Text type="success"><CheckCircleFilled aria-hidden /> {b.formulaOk}</Typography.Text>
        ) : null}
      </div>
      <Tabs
        size="small"
        items={[
          {
            key: 'fields',
            label: b.insertField,
            children: (
              <div style={{ maxHeight: 160, overflow: 'auto' }}>
                {pickable.row.length ? (
                  <>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.rowFields}</Typography.Text>
                    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, margin: '2px 0 6px' }}>{tags(pickable.row)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.formFields}</Typography.Text>
                  </>
                ) : null}
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 2 }}>{tags(pickable.form)}</div>
              </div>
            ),
          },
          {
            key: 'functions',
            label: b.functions,
            children: (
              <div>
                <Input size="small" allowClear placeholder={b.searchFunctions} aria-label={b.searchFunctions} value={fnQuery} onChange={(e) => setFnQuery(e.target.value)} style={{ marginBottom: 6 }} />
                <div style={{ maxHeight: 160, overflow: 'auto' }}>
                  {CATEGORY_ORDER.map((cat) => {
                    const list = fns.filter((f) => f.category === cat);
                    if (!list.length) return null;
                    return (
                      <div key={cat}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.formulaCategories[cat]}</Typography.Text>
                        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, margin: '2px 0 6px' }}>
                          {list.map((f) => (
                            <Tag
                              key={f.name}
                              role="button"
                              tabIndex={0}
                              style={{ cursor: 'pointer', marginInlineEnd: 0, fontFamily: 'ui-monospace, monospace' }}
                              onMouseEnter={() => setFnHelp(f)}
                              onFocus={() => setFnHelp(f)}
                              onClick={() => insert(`${f.name}()`, 1)}
                              onKeyDown={(e) => e.key === 'Enter' && insert(`${f.name}()`, 1)}
                            >
                              {f.name}
                            </Tag>
                          ))}
                        </div>
                      </div>
                    );
                  })}
                </div>
                {fnHelp ? (
                  <div style={{ background: '#fafafa', borderRadius: 6, padding: 8, fontSize: 12, marginTop: 4 }} aria-live="polite">
                    <div style={{ fontWeight: 600, fontFamily: 'ui-monospace, monospace' }}>{fnHelp.name}</div>
                    <div>{fnHelp.description[locale]}</div>
                    <div style={{ color: '#595959' }}>{b.example}: <code>{fnHelp.example}</code> = <code>{fnHelp.exampleResult}</code></div>
                  </div>
                ) : null}
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}, samePropsReading<FormulaEditorProps>(sameScopeFor));
