// The properties of one field: basics, what is particular to its type, behaviour, validation
// and rules. Every change is a field.update (typing merges into one undo step).
import { useId, useState } from 'react';
import { Divider, Input, Segmented, Tag, Typography } from 'antd';
import { checkPattern, compilePattern, textOf, type Field, type FieldValidation, type FormSchema } from '@tessera/form-engine';
import { useDesigner } from '../context';
import { useBT } from '../../i18n';
import { CommitInput, I18nInput, NumberRow, Row, SwitchRow } from './controls';
import { TypeProps } from './TypeProps';
import { isEmptyValue, putter, type Patch } from './patch';
import { DefaultValue, hasDefault } from './DefaultValue';
import { RuleBuilder } from '../RuleBuilder';
import { RulesList } from './RulesList';
import { FIELD_ICONS } from '../../icons';
import { DESIGNER_TYPES, isValidId, spanOf, typeName } from '../model/fieldTypes';
import { locate, usedIds } from '../model/tree';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Divider titlePlacement="start" plain style={{ margin: '8px 0 12px', fontSize: 12, color: '#8c8c8c' }}>{title}</Divider>
      {children}
    </div>
  );
}

function FieldIdRow({ field }: { field: Field }) {
  const d = useDesigner();
  const { b } = useBT();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const locked = d.publishedIds.has(field.id);
  const commit = (next: string) => {
    if (!isValidId(next)) return setError(b.fieldIdInvalid);
    if (usedIds(d.stack.schema).has(next)) return setError(b.fieldIdTaken);
    setError(null);
    if (d.run({ type: 'field.rename', from: field.id, to: next })) d.selection.set([next]);
  };
  return (
    <Row label={b.fieldId} htmlFor={id} help={locked ? b.fieldIdLocked : error ? <Typography.Text type="danger">{error}</Typography.Text> : undefined}>
      <CommitInput id={id} value={field.id} disabled={locked} status={error ? 'error' : undefined} onCommit={commit} />
    </Row>
  );
}

function ValidationProps({ field, patch }: { field: Field; patch: Patch }) {
  const { b, locale } = useBT();
  const kind = DESIGNER_TYPES[field.type].validation;
  const v: FieldValidation = field.validation ?? {};
  const setV = (key: keyof FieldValidation, value: unknown) => {
    const next: Record<string, unknown> = { ...v, [key]: value };
    if (isEmptyValue(value)) delete next[key];
    putter(patch)('validation')(Object.keys(next).length ? next : undefined);
  };
  const [sample, setSample] = useState('');
  // Tried as the server runs it (RE2, linear time): a pattern that backtracks cannot freeze this tab.
  const checked = v.pattern ? checkPattern(v.pattern) : null;
  const regex = checked?.ok ? compilePattern(v.pattern!) : null;
  const regexBad = checked !== null && !checked.ok;
  const regexProblem = checked && !checked.ok ? (checked.reason === 'invalid' ? b.patternInvalid : `${b.patternUnusable}${checked.detail}`) : null;
  const sampleId = useId();
  const patternId = useId();
  return (
    <>
      {kind === 'number' ? (
        <div style={{ display: 'flex', gap: 8 }}>
          <div style={{ flex: 1 }}><NumberRow label={b.min} value={v.min} onChange={(x) => setV('min', x)} /></div>
          <div style={{ flex: 1 }}><NumberRow label={b.max} value={v.max} onChange={(x) => setV('max', x)} /></div>
        </div>
      ) : null}
      {kind === 'text' ? (
        <>
          <div style={{ display: 'flex', gap: 8 }}>
            <div style={{ flex: 1 }}><NumberRow label={b.minLength} value={v.minLength} min={0} precision={0} onChange={(x) => setV('minLength', x)} /></div>
            <div style={{ flex: 1 }}><NumberRow label={b.maxLength} value={v.maxLength} min={1} precision={0} onChange={(x) => setV('maxLength', x)} /></div>
          </div>
          <Row label={b.pattern} htmlFor={patternId} help={regexProblem ? <Typography.Text type="danger">{regexProblem}</Typography.Text> : undefined}>
            <Input id={patternId} value={v.pattern ?? ''} status={regexBad ? 'error' : undefined} placeholder="^[A-Z]{3}-\d{4}$" style={{ fontFamily: 'ui-monospace, monospace' }} onChange={(e) => setV('pattern', e.target.value)} />
          </Row>
          {v.pattern ? (
            <>
              <I18nInput label={b.patternMessage} value={v.patternMessage} locale={locale} onChange={(m) => setV('patternMessage', m || undefined)} />
              <Row label={b.patternTester} htmlFor={sampleId}>
                <Input id={sampleId} value={sample} onChange={(e) => setSample(e.target.value)} suffix={sample && regex ? (regex.test(sample) ? <Tag color="green">{b.patternOk}</Tag> : <Tag color="red">{b.patternBad}</Tag>) : null} />
              </Row>
            </>
          ) : null}
        </>
      ) : null}
      {kind === 'items' || kind === 'rows' ? (
        <div style={{ display: 'flex', gap: 8 }}>
          <div style={{ flex: 1 }}><NumberRow label={kind === 'rows' ? b.minRows : b.minItems} value={v.minItems} min={0} precision={0} onChange={(x) => setV('minItems', x)} /></div>
          <div style={{ flex: 1 }}><NumberRow label={kind === 'rows' ? b.maxRows : b.maxItems} value={v.maxItems} min={1} precision={0} onChange={(x) => setV('maxItems', x)} /></div>
        </div>
      ) : null}
      {kind === 'text' || kind === 'number' ? <SwitchRow label={b.unique} checked={!!v.unique} onChange={(x) => setV('unique', x || undefined)} /> : null}
    </>
  );
}

export function FieldProps({ field, schema }: { field: Field; schema: FormSchema }) {
  const d = useDesigner();
  const { b, locale } = useBT();
  const patch: Patch = (set, unset) => d.run({ type: 'field.update', id: field.id, set, unset });
  const put = putter(patch);
  const rowOf = locate(schema, field.id)?.subform;
  const facts = DESIGNER_TYPES[field.type];
  const layout = facts.layout;
  const inRow = rowOf !== undefined;
  const spanId = useId();
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <span style={{ fontSize: 18 }}>{FIELD_ICONS[field.type]}</span>
        <Typography.Text strong>{typeName(field.type, locale)}</Typography.Text>
      </div>
      <Section title={b.basics}>
        <I18nInput label={b.label} value={field.label} locale={locale} onChange={(label) => patch({ label })} />
        <I18nInput label={b.labelOther} value={field.label} locale={locale} secondary onChange={(label) => patch({ label })} />
        <FieldIdRow field={field} />
        {!layout ? <I18nInput label={b.help} value={field.help} locale={locale} onChange={put('help')} /> : null}
        {facts.placeholder ? <I18nInput label={b.placeholder} value={field.placeholder} locale={locale} onChange={put('placeholder')} /> : null}
        {!inRow ? (
          <Row label={b.width} htmlFor={spanId}>
            <Segmented id={spanId} block size="small" value={spanOf(field)} options={[6, 8, 12, 16, 18, 24].map((s) => ({ value: s, label: b.widths[s] }))} onChange={(v) => patch({ span: v })} />
          </Row>
        ) : null}
      </Section>
      <TypeSection field={field} patch={patch} schema={schema} rowOf={rowOf} />
      <Section title={b.behaviour}>
        {facts.input ? <SwitchRow label={b.requiredLabel} checked={!!field.required} onChange={put('required')} /> : null}
        {facts.input ? <SwitchRow label={b.readonlyLabel} checked={!!field.readonly} onChange={put('readonly')} /> : null}
        <SwitchRow label={b.hiddenLabel} checked={!!field.hidden} onChange={put('hidden')} />
        {facts.searchable && !inRow ? <SwitchRow label={b.searchable} checked={!!field.searchable} onChange={put('searchable')} /> : null}
        {hasDefault(field) ? <DefaultValue field={field} patch={patch} schema={schema} rowOf={rowOf} /> : null}
      </Section>
      {facts.validation !== 'none' ? (
        <Section title={b.validation}>
          <ValidationProps field={field} patch={patch} />
        </Section>
      ) : null}
      <Section title={b.rules}>
        <Row label={b.visibleIf} help={b.visibleIfHelp}>
          <RuleBuilder schema={schema} rowOf={rowOf} label={b.visibleIf} value={field.visibleIf} onChange={put('visibleIf')} />
        </Row>
        {facts.input ? (
          <Row label={b.requiredIf} help={b.requiredIfHelp}>
            <RuleBuilder schema={schema} rowOf={rowOf} label={b.requiredIf} value={field.requiredIf} onChange={put('requiredIf')} />
          </Row>
        ) : null}
        {facts.input ? (
          <RulesList
            rules={field.rules ?? []}
            onChange={put('rules')}
            schema={schema}
            rowOf={rowOf}
            title={b.customRules}
            newMessage={`${textOf(field.label, locale)}${locale === 'en-US' ? ' is not valid' : '不符合要求'}`}
          />
        ) : null}
      </Section>
    </div>
  );
}

function TypeSection(props: { field: Field; patch: Patch; schema: FormSchema; rowOf?: string }) {
  const { b, locale } = useBT();
  const content = <TypeProps {...props} />;
  if (!DESIGNER_TYPES[props.field.type].settings) return null;
  return <Section title={typeName(props.field.type, locale) || b.fieldProps}>{content}</Section>;
}
