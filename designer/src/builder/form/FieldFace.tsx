// What a field looks like on the canvas: its label and a light likeness of its widget (not the
// real widget: 200 of those would make dragging slow, and the preview shows the real thing).
import { memo, useCallback, useSyncExternalStore } from 'react';
import { useDesigner } from './context';
import { Tag } from 'antd';
import { CaretDownOutlined, CloudUploadOutlined, EnvironmentOutlined, ScanOutlined, UserOutlined, ApartmentOutlined, CalendarOutlined } from '@ant-design/icons';
import { formatFormula, textOf, type Field, type FormEngine, type FormSchema, type Locale } from '@tessera/form-engine';
import { typeName } from './model/fieldTypes';
import { scopeOf } from './model/scopes';
import type { BuilderDict } from '../i18n';

const box: React.CSSProperties = {
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  background: '#fafafa',
  color: '#bfbfbf',
  padding: '4px 11px',
  minHeight: 32,
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  overflow: 'hidden',
  whiteSpace: 'nowrap',
};

function Box({ children, tall, dashed, icon }: { children?: React.ReactNode; tall?: boolean; dashed?: boolean; icon?: React.ReactNode }) {
  return (
    <div style={{ ...box, minHeight: tall ? 64 : 32, alignItems: tall ? 'flex-start' : 'center', borderStyle: dashed ? 'dashed' : 'solid' }}>
      <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }}>{children}</span>
      {icon}
    </div>
  );
}

export interface FaceProps {
  field: Field;
  siblings: readonly FormSchema[];
  engine: FormEngine;
  locale: Locale;
  b: BuilderDict;
  rowOf?: string;
}

/**
 * A formula as text with today's labels: the one likeness that reads the rest of the form. It
 * subscribes to the text itself, so it re-renders only when a label it shows changes, not on
 * every edit of the form.
 */
function FormulaText({ field, locale, rowOf }: { field: Extract<Field, { type: 'formula' }>; locale: Locale; rowOf?: string }) {
  const { stack } = useDesigner();
  const read = useCallback(() => {
    if (field.formula.logic === undefined) return field.formula.text ?? '';
    try {
      // The scope is worked out once per version of the form, not once per formula on the canvas.
      return formatFormula(field.formula.logic, scopeOf(stack.schema, rowOf), locale);
    } catch {
      return field.formula.text ?? '';
    }
  }, [stack, field, locale, rowOf]);
  const text = useSyncExternalStore(stack.subscribe, read);
  return <Box>{text ? `= ${text}` : '='}</Box>;
}

/** The likeness of the widget below the label. */
function Likeness({ field: f, siblings, locale, b, rowOf }: FaceProps) {
  const d = useDesigner();
  const ph = textOf(f.placeholder, locale);
  switch (f.type) {
    case 'textarea':
      return <Box tall>{ph}</Box>;
    case 'number':
    case 'money':
    case 'percent':
      return <Box icon={f.type === 'percent' ? '%' : f.type === 'money' ? f.currency ?? 'CNY' : f.unit ? textOf(f.unit, locale) : undefined}>{ph || '0'}</Box>;
    case 'date':
    case 'datetime':
      return <Box icon={<CalendarOutlined aria-hidden />}>{ph || (f.type === 'date' ? '2026-12-01' : '2026-12-01 09:00')}</Box>;
    case 'select':
    case 'multiselect': {
      const flat = (f.type === 'select' && f.display === 'radio') || (f.type === 'multiselect' && f.display === 'checkbox');
      if (flat) return <div>{f.options.slice(0, 6).map((o) => <Tag key={o.value} color={o.color}>{textOf(o.label, locale)}</Tag>)}</div>;
      return <Box icon={<CaretDownOutlined aria-hidden />}>{f.options.slice(0, 3).map((o) => <Tag key={o.value} color={o.color} style={{ marginInlineEnd: 4 }}>{textOf(o.label, locale)}</Tag>)}</Box>;
    }
    case 'switch':
      return <span aria-hidden style={{ display: 'inline-block', width: 28, height: 16, borderRadius: 8, background: '#d9d9d9', position: 'relative' }}><span style={{ position: 'absolute', left: 2, top: 2, width: 12, height: 12, borderRadius: 6, background: '#fff' }} /></span>;
    case 'member':
      return <Box icon={<UserOutlined aria-hidden />}>{ph}</Box>;
    case 'department':
      return <Box icon={<ApartmentOutlined aria-hidden />}>{ph}</Box>;
    case 'attachment':
    case 'image':
    case 'signature':
      return <Box dashed tall={f.type === 'signature'} icon={<CloudUploadOutlined aria-hidden />}>{typeName(f.type, locale)}</Box>;
    case 'location':
      return <Box icon={<EnvironmentOutlined aria-hidden />}>{ph}</Box>;
    case 'barcode':
      return <Box icon={<ScanOutlined aria-hidden />}>{ph}</Box>;
    case 'serial':
      return <Box>{f.pattern}</Box>;
    case 'relation': {
      const target = siblings.find((s) => s.id === f.formId) ?? (f.formId === d.stack.schema.id ? d.stack.schema : undefined);
      return <Box icon={<CaretDownOutlined aria-hidden />}>{target ? textOf(target.title, locale) : ''}</Box>;
    }
    case 'lookup':
      return <Box>{b.lookupTarget}</Box>;
    case 'formula':
      return <FormulaText field={f} locale={locale} rowOf={rowOf} />;
    case 'description':
      return <div style={{ color: '#595959', whiteSpace: 'pre-wrap' }}>{textOf(f.content, locale)}</div>;
    default:
      return <Box>{ph}</Box>;
  }
}

/** Label, marks and likeness; re-rendered only when the field (or the form around a formula) changes. */
export const FieldFace = memo(function FieldFace(props: FaceProps) {
  const { field: f, locale, b } = props;
  const label = textOf(f.label, locale) || f.id;
  return (
    <div>
      {f.type === 'description' ? null : (
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginBottom: 6, minWidth: 0 }}>
          {f.required || f.requiredIf !== undefined ? <span style={{ color: '#ff4d4f' }} aria-hidden>*</span> : null}
          <span style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{label}</span>
          {f.hidden ? <Tag style={{ marginInlineEnd: 0 }}>{b.hiddenTag}</Tag> : null}
          {f.readonly ? <Tag style={{ marginInlineEnd: 0 }}>{b.readonlyTag}</Tag> : null}
          {f.visibleIf !== undefined ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{b.ruleTag}</Tag> : null}
        </div>
      )}
      <Likeness {...props} />
    </div>
  );
});
