// A field's default for new records: none, a fixed value entered like the field itself, or a
// formula (e.g. TODAY()).
import { Segmented } from 'antd';
import type { Field, FormSchema } from '@tessera/form-engine';
import { useBT } from '../../i18n';
import { FormulaEditor } from '../FormulaEditor';
import { Row } from './controls';
import type { Patch } from './patch';
import { ConstantInput } from './ConstantInput';
import { DESIGNER_TYPES } from '../model/fieldTypes';

/** Types whose default can be set here (a fixed value entered like the field, or a formula). */
export const hasDefault = (f: Field) => DESIGNER_TYPES[f.type].constantDefault;

export function DefaultValue({ field, patch, schema, rowOf }: { field: Field; patch: Patch; schema: FormSchema; rowOf?: string }) {
  const { b, locale } = useBT();
  const d = field.default;
  const options = field.type === 'select' || field.type === 'multiselect' ? field.options : undefined;
  const mode = !d ? 'none' : 'formula' in d ? 'formula' : 'constant';
  return (
    <Row label={b.defaultValue}>
      <Segmented
        block
        size="small"
        value={mode}
        style={{ marginBottom: 6 }}
        options={[{ value: 'none', label: b.defaultNone }, { value: 'constant', label: b.defaultConstant }, { value: 'formula', label: b.defaultFormula }]}
        onChange={(m) => {
          if (m === 'none') patch({}, ['default']);
          else if (m === 'constant') patch({ default: { value: field.type === 'switch' ? false : field.type === 'multiselect' ? [] : null } });
          else patch({ default: { formula: { text: field.type === 'date' ? 'TODAY()' : field.type === 'datetime' ? 'NOW()' : '' } } });
        }}
      />
      {d && 'value' in d ? <ConstantInput type={field.type} options={options} locale={locale} label={b.defaultConstant} value={d.value} onChange={(value) => patch({ default: { value } })} /> : null}
      {d && 'formula' in d ? <FormulaEditor schema={schema} rowOf={rowOf} self={field.id} label={b.defaultFormula} value={d.formula} onChange={(formula) => patch({ default: { formula } })} /> : null}
    </Row>
  );
}
