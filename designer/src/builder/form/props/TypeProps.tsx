// The properties only some field types have: options, number formats, serial patterns,
// relations and lookups, subform totals, tabs and columns, descriptions.
import { useId } from 'react';
import { App, Button, Input, Segmented, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { dataFields, formatSerial, parseSerialPattern, textOf, type Field, type FieldOfType, type FormSchema, type I18nText } from '@tessera/form-engine';
import { fmt } from '../../../lib/i18n';
import { useDesigner } from '../context';
import { useBT, type BuilderDict } from '../../i18n';
import { I18nInput, NumberRow, Row, SelectRow, SwitchRow } from './controls';
import { putter, type Patch } from './patch';
import { OptionsEditor } from './OptionsEditor';
import { FormulaEditor } from '../FormulaEditor';
import { i18nPart, setI18n } from '../model/i18nText';
import { DESIGNER_TYPES, idMaker, newField } from '../model/fieldTypes';
import { locate, usedIds, walk } from '../model/tree';


const CURRENCIES = ['CNY', 'USD', 'EUR', 'JPY', 'HKD', 'GBP', 'KRW', 'TWD'];

/** Fields of a form an analyst can point at (relations show, copy and look up these). */
const pointable = (schema: FormSchema | undefined) => (schema ? dataFields(schema.fields).filter((f) => f.type !== 'subform') : []);

function SerialProps({ field, patch, b }: { field: FieldOfType<'serial'>; patch: Patch; b: BuilderDict }) {
  const id = useId();
  const { locale } = useBT();
  const parsed = parseSerialPattern(field.pattern);
  const sample = parsed.ok ? formatSerial(field.pattern, new Date(), 'Asia/Shanghai', 1) : null;
  return (
    <Row label={b.serialPattern} htmlFor={id} help={sample ? <>{b.serialSample}: <code data-testid="serial-sample">{sample}</code></> : <Typography.Text type="danger">{b.serialInvalid}{parsed.ok ? '' : `${locale === 'en-US' ? ': ' : '：'}${parsed.message[locale]}`}</Typography.Text>}>
      <Input id={id} value={field.pattern} status={parsed.ok ? undefined : 'error'} onChange={(e) => patch({ pattern: e.target.value })} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.serialTokens}:</Typography.Text>
        {Object.entries(b.serialTokenNames).map(([tok, name]) => (
          <Button key={tok} size="small" onClick={() => patch({ pattern: field.pattern + tok })}>{name}</Button>
        ))}
      </div>
    </Row>
  );
}

function RelationProps({ field, patch, schema, b }: { field: FieldOfType<'relation'>; patch: Patch; schema: FormSchema; b: BuilderDict }) {
  const d = useDesigner();
  const { locale } = useBT();
  const forms = [schema, ...d.siblings.filter((s) => s.id !== schema.id)];
  const target = forms.find((s) => s.id === field.formId);
  const targetFields = pointable(target).map((f) => ({ value: f.id, label: textOf(f.label, locale) || f.id }));
  // Autofill fills fields people could fill themselves (not computed ones, not relations or subforms).
  const ownFields = dataFields(schema.fields)
    .filter((f) => f.id !== field.id && DESIGNER_TYPES[f.type].input && f.type !== 'subform' && f.type !== 'relation')
    .map((f) => ({ value: f.id, label: textOf(f.label, locale) || f.id }));
  const autofill = field.autofill ?? [];
  const put = putter(patch);
  const addLookup = () => {
    const s = d.stack.schema;
    const at = locate(s, field.id);
    if (!at) return;
    const labels = new Set(walk(s).map((l) => textOf(l.field.label, locale)));
    const f = newField('lookup', { newId: idMaker(usedIds(s)), locale, labels }) as FieldOfType<'lookup'>;
    const first = pointable(target).find((x) => x.id !== field.displayField) ?? pointable(target)[0];
    const lookup = { ...f, relationField: field.id, targetField: first?.id ?? '', label: first ? textOf(first.label, locale) : f.label };
    if (d.run({ type: 'field.add', fields: [lookup], to: { container: at.container, index: at.index + 1 } })) d.selection.set([lookup.id]);
  };
  return (
    <>
      <SelectRow label={b.relationForm} value={field.formId} placeholder={b.chooseForm} status={field.formId ? undefined : 'error'} options={forms.map((f) => ({ value: f.id, label: textOf(f.title, locale) || f.id }))} onChange={(v) => patch({ formId: v ?? '', displayField: '' }, ['autofill', 'scanField'])} />
      <SelectRow label={b.displayField} value={field.displayField} placeholder={b.chooseField} status={field.displayField ? undefined : 'error'} options={targetFields} onChange={(v) => patch({ displayField: v ?? '' })} />
      <SelectRow label={b.scanField} value={field.scanField} placeholder={b.chooseField} allowClear options={targetFields} onChange={put('scanField')} />
      <SwitchRow label={b.multiple} checked={!!field.multiple} onChange={put('multiple')} />
      <Row label={b.autofill} help={b.autofillHelp}>
        {autofill.map((m, i) => (
          <div key={i} style={{ display: 'flex', gap: 4, marginBottom: 4, alignItems: 'center' }}>
            <Select size="small" aria-label={`${b.autofillFrom} ${i + 1}`} style={{ flex: 1, minWidth: 0 }} value={m.from || undefined} placeholder={b.autofillFrom} options={targetFields} onChange={(v) => patch({ autofill: autofill.map((x, k) => (k === i ? { ...x, from: v } : x)) })} />
            <span aria-hidden>→</span>
            <Select size="small" aria-label={`${b.autofillTo} ${i + 1}`} style={{ flex: 1, minWidth: 0 }} value={m.to || undefined} placeholder={b.autofillTo} options={ownFields} onChange={(v) => patch({ autofill: autofill.map((x, k) => (k === i ? { ...x, to: v } : x)) })} />
            <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={b.remove} onClick={() => put('autofill')(autofill.filter((_x, k) => k !== i))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={!target} onClick={() => patch({ autofill: [...autofill, { from: '', to: '' }] })}>{b.addMapping}</Button>
      </Row>
      <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={!target} onClick={addLookup} style={{ marginBottom: 12 }}>{b.addLookup}</Button>
    </>
  );
}

function LookupProps({ field, patch, schema, b }: { field: FieldOfType<'lookup'>; patch: Patch; schema: FormSchema; b: BuilderDict }) {
  const d = useDesigner();
  const { locale } = useBT();
  const relations = dataFields(schema.fields).filter((f): f is FieldOfType<'relation'> => f.type === 'relation');
  const rel = relations.find((r) => r.id === field.relationField);
  const target = rel ? [schema, ...d.siblings].find((s) => s.id === rel.formId) : undefined;
  return (
    <>
      <SelectRow label={b.lookupRelation} value={field.relationField} placeholder={b.chooseField} status={rel ? undefined : 'error'} options={relations.map((r) => ({ value: r.id, label: textOf(r.label, locale) }))} onChange={(v) => patch({ relationField: v ?? '', targetField: '' })} />
      <SelectRow label={b.lookupTarget} value={field.targetField} placeholder={b.chooseField} status={field.targetField ? undefined : 'error'} options={pointable(target).map((f) => ({ value: f.id, label: textOf(f.label, locale) }))} onChange={(v) => patch({ targetField: v ?? '' })} />
    </>
  );
}

function SubformProps({ field, patch, b }: { field: FieldOfType<'subform'>; patch: Patch; b: BuilderDict }) {
  const { locale } = useBT();
  const numeric = dataFields(field.fields).filter((f) => DESIGNER_TYPES[f.type].validation === 'number' || f.type === 'formula');
  const totals = field.totals ?? [];
  const put = putter(patch);
  return (
    <Row label={b.totals}>
      {totals.map((t, i) => (
        <div key={i} style={{ display: 'flex', gap: 4, marginBottom: 4 }}>
          <Select size="small" aria-label={`${b.totals} ${i + 1}`} style={{ flex: 1, minWidth: 0 }} value={t.field || undefined} options={numeric.map((f) => ({ value: f.id, label: textOf(f.label, locale) }))} onChange={(v) => patch({ totals: totals.map((x, k) => (k === i ? { ...x, field: v } : x)) })} />
          <Select size="small" aria-label={b.totalFns.sum} style={{ width: 90 }} value={t.fn} options={Object.entries(b.totalFns).map(([value, label]) => ({ value, label }))} onChange={(v) => patch({ totals: totals.map((x, k) => (k === i ? { ...x, fn: v } : x)) })} />
          <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={b.remove} onClick={() => put('totals')(totals.filter((_x, k) => k !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={!numeric.length} onClick={() => patch({ totals: [...totals, { field: numeric[0]?.id ?? '', fn: 'sum' }] })}>{b.addTotal}</Button>
    </Row>
  );
}

/** Tabs and columns change by field.layout: their own properties only, never what they hold. */
function useLayout(field: FieldOfType<'tabs'> | FieldOfType<'columns'>) {
  const d = useDesigner();
  const { b, locale } = useBT();
  const { modal } = App.useApp();
  const list: Array<{ id: string; label?: I18nText; span?: number; fields: Field[] }> = field.type === 'tabs' ? field.tabs : field.columns;
  const items = (l = list) => l.map(({ fields: _f, ...own }) => own);
  const set = (next: Array<{ id: string; label?: I18nText; span?: number }>) => d.run({ type: 'field.layout', id: field.id, items: next });
  const remove = (id: string) => {
    const gone = list.find((x) => x.id === id);
    const n = gone ? dataFields(gone.fields).length + gone.fields.filter((f) => DESIGNER_TYPES[f.type].layout).length : 0;
    const go = () => set(items().filter((x) => x.id !== id));
    if (!n) return go();
    modal.confirm({ title: b.remove, content: fmt(b.removeTabConfirm, { name: textOf(gone?.label, locale) || String(list.indexOf(gone!) + 1), n }), okButtonProps: { danger: true }, okText: b.remove, cancelText: b.cancel, onOk: go });
  };
  return { d, b, locale, list, items, set, remove };
}

function TabsProps({ field }: { field: FieldOfType<'tabs'> }) {
  const { d, b, locale, list, items, set, remove } = useLayout(field);
  return (
    <Row label={b.tabsList}>
      {list.map((t, i) => (
        <div key={t.id} style={{ display: 'flex', gap: 4, marginBottom: 4 }}>
          <Input size="small" aria-label={`${b.tabsList} ${i + 1}`} value={i18nPart(t.label, locale)} onChange={(e) => set(items().map((x) => (x.id === t.id ? { ...x, label: setI18n(x.label, locale, e.target.value) } : x)))} />
          <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={`${b.remove} ${textOf(t.label, locale)}`} disabled={list.length <= 1} onClick={() => remove(t.id)} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => set([...items(), { id: idMaker(usedIds(d.stack.schema))('tab'), label: `${locale === 'en-US' ? 'Tab ' : '标签页'}${list.length + 1}` }])}>{b.addTab}</Button>
    </Row>
  );
}

function ColumnsProps({ field }: { field: FieldOfType<'columns'> }) {
  const { d, b, list, items, set, remove } = useLayout(field);
  const spans = [6, 8, 12, 16, 18];
  return (
    <Row label={b.columnsList}>
      {list.map((c, i) => (
        <div key={c.id} style={{ display: 'flex', gap: 4, marginBottom: 4, alignItems: 'center' }}>
          <span style={{ width: 40, fontSize: 12, color: '#595959' }}>{i + 1}</span>
          <Select size="small" aria-label={`${b.columnSpan} ${i + 1}`} style={{ flex: 1 }} value={c.span ?? Math.floor(24 / list.length)} options={spans.map((s) => ({ value: s, label: b.widths[s] }))} onChange={(v) => set(items().map((x) => (x.id === c.id ? { ...x, span: v } : x)))} />
          <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={`${b.remove} ${b.columnsList} ${i + 1}`} disabled={list.length <= 1} onClick={() => remove(c.id)} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined aria-hidden />} disabled={list.length >= 4} onClick={() => set([...items(), { id: idMaker(usedIds(d.stack.schema))('col'), span: 6 }])}>{b.addColumn}</Button>
    </Row>
  );
}

/** The type-specific part of the property panel. */
export function TypeProps({ field, patch, schema, rowOf }: { field: Field; patch: Patch; schema: FormSchema; rowOf?: string }) {
  const { b, locale } = useBT();
  const put = putter(patch);
  switch (field.type) {
    case 'select':
    case 'multiselect':
      return (
        <>
          <OptionsEditor options={field.options} onChange={(options) => patch({ options })} />
          <Row label={b.display}>
            <Segmented
              block
              size="small"
              value={field.display ?? 'dropdown'}
              options={[{ value: 'dropdown', label: b.displayDropdown }, field.type === 'select' ? { value: 'radio', label: b.displayRadio } : { value: 'checkbox', label: b.displayCheckbox }]}
              onChange={(v) => (v === 'dropdown' ? patch({}, ['display']) : patch({ display: v }))}
            />
          </Row>
        </>
      );
    case 'number':
      return (
        <>
          <NumberRow label={b.precision} value={field.precision} min={0} max={10} precision={0} onChange={put('precision')} />
          <I18nInput label={b.unit} value={field.unit} locale={locale} onChange={put('unit')} />
        </>
      );
    case 'money':
      return (
        <>
          <SelectRow label={b.currency} value={field.currency ?? 'CNY'} options={CURRENCIES.map((c) => ({ value: c, label: c }))} onChange={(v) => patch({ currency: v ?? 'CNY' })} />
          <NumberRow label={b.precision} value={field.precision ?? 2} min={0} max={6} precision={0} onChange={put('precision')} />
        </>
      );
    case 'percent':
      return <NumberRow label={b.precision} value={field.precision} min={0} max={6} precision={0} onChange={put('precision')} />;
    case 'textarea':
      return <NumberRow label={b.rows} value={field.rows} min={2} max={20} precision={0} onChange={put('rows')} />;
    case 'member':
    case 'department':
      return <SwitchRow label={b.multiple} checked={!!field.multiple} onChange={put('multiple')} />;
    case 'attachment':
      return (
        <>
          <Row label={b.accept}><Input aria-label={b.accept} placeholder=".pdf,.xlsx,image/*" value={field.accept ?? ''} onChange={(e) => put('accept')(e.target.value)} /></Row>
          <NumberRow label={b.maxSizeMB} value={field.maxSizeMB} min={1} max={1024} precision={0} onChange={put('maxSizeMB')} />
        </>
      );
    case 'image':
      return <SwitchRow label={b.camera} checked={!!field.camera} onChange={put('camera')} />;
    case 'serial':
      return <SerialProps field={field} patch={patch} b={b} />;
    case 'relation':
      return <RelationProps field={field} patch={patch} schema={schema} b={b} />;
    case 'lookup':
      return <LookupProps field={field} patch={patch} schema={schema} b={b} />;
    case 'subform':
      return <SubformProps field={field} patch={patch} b={b} />;
    case 'formula':
      return (
        <>
          <FormulaEditor schema={schema} rowOf={rowOf} self={field.id} label={b.formula} value={field.formula} onChange={(formula) => patch({ formula })} />
          <SelectRow label={b.resultType} value={field.resultType ?? 'number'} options={Object.entries(b.resultTypes).map(([value, label]) => ({ value, label }))} onChange={(v) => patch({ resultType: v ?? 'number' })} />
          {['number', 'money', 'percent', undefined].includes(field.resultType) ? <NumberRow label={b.precision} value={field.precision} min={0} max={10} precision={0} onChange={put('precision')} /> : null}
        </>
      );
    case 'barcode':
      return <SelectRow label={b.barcodeFormat} value={field.format ?? 'any'} options={Object.entries(b.barcodeFormats).map(([value, label]) => ({ value, label }))} onChange={(v) => patch({ format: v ?? 'any' })} />;
    case 'description':
      return <I18nInput label={b.content} textarea value={field.content} locale={locale} onChange={(v) => patch({ content: v })} />;
    case 'section':
      return <SwitchRow label={b.collapsible} checked={!!field.collapsible} onChange={put('collapsible')} />;
    case 'tabs':
      return <TabsProps field={field} />;
    case 'columns':
      return <ColumnsProps field={field} />;
    default:
      return null;
  }
}
