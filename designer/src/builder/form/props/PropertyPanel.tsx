// The property panel: the selected field's properties, the form's own when nothing is selected,
// and what can be done to several fields at once.
import { Button, Divider, Space, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined } from '@ant-design/icons';
import { dataFields, textOf, type FormSchema } from '@tessera/form-engine';
import { useDesigner, useSelectedIds } from '../context';
import { useBT } from '../../i18n';
import { fmt } from '../../../lib/i18n';
import { I18nInput, SelectRow } from './controls';
import { FieldProps } from './FieldProps';
import { RulesList } from './RulesList';
import { putter, type Patch } from './patch';
import { locate } from '../model/tree';
import { duplicateSelection, removeSelection } from '../actions';

function FormProps({ schema }: { schema: FormSchema }) {
  const d = useDesigner();
  const { b, locale } = useBT();
  const set: Patch = (s, unset) => d.run({ type: 'form.update', set: s, unset });
  const put = putter(set);
  const titles = dataFields(schema.fields).filter((f) => ['text', 'serial', 'barcode', 'number', 'date', 'select', 'relation'].includes(f.type));
  const rules = schema.rules ?? [];
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>{b.formProps}</Typography.Title>
      <I18nInput label={b.formTitle} value={schema.title} locale={locale} onChange={(title) => set({ title })} />
      <I18nInput label={b.labelOther} value={schema.title} locale={locale} secondary onChange={(title) => set({ title })} />
      <I18nInput label={b.formDescription} textarea value={schema.description} locale={locale} onChange={put('description')} />
      <SelectRow label={b.titleField} value={schema.titleField} allowClear options={titles.map((f) => ({ value: f.id, label: textOf(f.label, locale) }))} onChange={put('titleField')} />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: -8, marginBottom: 12 }}>{b.titleFieldHelp}</Typography.Text>
      <Divider titlePlacement="start" plain style={{ margin: '8px 0 12px', fontSize: 12, color: '#8c8c8c' }}>{b.formRules}</Divider>
      <RulesList rules={rules} onChange={put('rules')} schema={schema} title={b.formRules} newMessage={locale === 'en-US' ? 'The record is not valid' : '数据不符合要求'} />
    </div>
  );
}

export function PropertyPanel({ schema }: { schema: FormSchema }) {
  const d = useDesigner();
  const { b } = useBT();
  const ids = useSelectedIds();
  const fields = ids.map((id) => locate(schema, id)?.field).filter((f) => !!f);
  let body: React.ReactNode;
  if (fields.length === 1) body = <FieldProps key={fields[0]!.id} field={fields[0]!} schema={schema} />;
  else if (fields.length > 1) {
    body = (
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{fmt(b.fieldsSelected, { n: fields.length })}</Typography.Title>
        <Space wrap>
          <Button icon={<CopyOutlined aria-hidden />} onClick={() => duplicateSelection(d)}>{b.duplicate}</Button>
          <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => removeSelection(d)}>{b.remove}</Button>
        </Space>
      </div>
    );
  } else body = <FormProps schema={schema} />;
  return (
    <section aria-label={b.properties} style={{ height: '100%', overflow: 'auto', padding: 16, borderLeft: '1px solid #f0f0f0', background: '#fff' }}>
      {body}
    </section>
  );
}
