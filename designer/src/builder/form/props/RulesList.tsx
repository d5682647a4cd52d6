// Custom checks, of a field or of the whole form: each a condition built with the rule builder
// and the message shown when it does not hold. A new check holds always (`true`) until the
// analyst adds a condition.
import { memo } from 'react';
import { Button } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CustomRule, FormSchema, I18nText } from '@tessera/form-engine';
import { useBT } from '../../i18n';
import { RuleBuilder, sameChoicesOf } from '../RuleBuilder';
import { I18nInput, Row } from './controls';
import { idMaker } from '../model/fieldTypes';

export const RulesList = memo(function RulesList({ rules, onChange, schema, rowOf, title, newMessage }: {
  rules: CustomRule[];
  onChange(next: CustomRule[]): void;
  schema: FormSchema;
  rowOf?: string;
  /** What each check is called ("自定义校验 2"). */
  title: string;
  newMessage: I18nText;
}) {
  const { b, locale } = useBT();
  const update = (id: string, change: Partial<CustomRule>) => onChange(rules.map((x) => (x.id === id ? { ...x, ...change } : x)));
  return (
    <Row label={b.customRules} help={b.customRulesHelp}>
      {rules.map((r, i) => (
        <div key={r.id} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, marginBottom: 6 }}>
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label={`${b.remove} ${title} ${i + 1}`} onClick={() => onChange(rules.filter((x) => x.id !== r.id))} />
          </div>
          <RuleBuilder schema={schema} rowOf={rowOf} label={`${title} ${i + 1}`} value={r.logic} onChange={(logic) => update(r.id, { logic: logic ?? true })} />
          <I18nInput label={b.ruleMessage} value={r.message} locale={locale} onChange={(message) => update(r.id, { message })} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => onChange([...rules, { id: idMaker(new Set(rules.map((x) => x.id)))('rule'), logic: true, message: newMessage }])}>
        {b.addRule}
      </Button>
    </Row>
  );
}, sameChoicesOf);
