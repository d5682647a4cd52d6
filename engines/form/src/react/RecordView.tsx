// A record, read-only, for the detail page: fields in the analyst's layout order, numbers
// right-aligned with separators, options as coloured tags, subforms as tables, files as links,
// people by name.
import { useMemo } from 'react';
import { Card, Descriptions, Empty, Image, Space, Table, Typography } from 'antd';
import { dataFields, textOf, type Field, type FileRef, type FormSchema, type Locale } from '../schema';
import { displayValue, isNumeric } from './display';
import { fill, rendererText } from './i18n';
import { useIsPhone } from './FormRenderer';
import { recordsMemberIds, useMemberNames } from './members';
import { lookupTarget } from './formState';
import type { FormServices } from './types';
import { OptionTags } from './widgets';

export interface RecordViewProps {
  schema: FormSchema;
  value: Record<string, unknown>;
  locale: Locale;
  timeZone?: string;
  /** Links to files, and the names of the people in member fields. */
  services?: Pick<FormServices, 'fileUrl' | 'membersByIds'>;
  /** Columns of the description list on desktop (1 on a phone). */
  columns?: number;
  /** The app's other forms: a lookup reads as the related field does (a select as its tag). */
  relatedForms?: FormSchema[];
}

type ValueProps = { field: Field; value: unknown; locale: Locale; timeZone: string; fileUrl?(ref: FileRef): string; memberName(id: string): string; siblings: readonly Field[]; forms?: FormSchema[] };

function Value(props: ValueProps) {
  const { field, value, locale, timeZone, fileUrl, memberName, forms } = props;
  // A lookup shows the related record's field as that field reads.
  const target = lookupTarget(field, props.siblings, forms);
  if (target) return <Value {...props} field={target} siblings={[]} />;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return <Typography.Text type="secondary">—</Typography.Text>;
  if (field.type === 'select' || field.type === 'multiselect') return <OptionTags field={field} value={value} locale={locale} />;
  if ((field.type === 'attachment' || field.type === 'image' || field.type === 'signature') && fileUrl) {
    const files = (Array.isArray(value) ? value : [value]) as FileRef[];
    return (
      <Space wrap>
        {files.map((f) => (f.contentType?.startsWith('image/') ? <Image key={f.id} width={80} src={fileUrl(f)} alt={f.name} /> : <a key={f.id} href={fileUrl(f)} target="_blank" rel="noreferrer">{f.name}</a>))}
      </Space>
    );
  }
  if (field.type === 'subform') return <SubformView {...props} field={field} rows={value as Array<Record<string, unknown>>} />;
  const text = displayValue(field, value, locale, timeZone, memberName);
  return <span style={isNumeric(field) ? { fontVariantNumeric: 'tabular-nums' } : undefined}>{text}</span>;
}

/**
 * A subform's rows: a table on desktop; on a phone, one card per row with its fields one per
 * line (a table of several columns cannot fit 390 px without scrolling the page sideways).
 */
function SubformView(props: ValueProps & { field: Field & { type: 'subform' }; rows: Array<Record<string, unknown>> }) {
  const { field, rows, locale } = props;
  const phone = useIsPhone();
  const cols = dataFields(field.fields);
  const cell = (c: Field, row: Record<string, unknown>) => <Value {...props} field={c} value={row[c.id]} siblings={field.fields} />;
  if (phone) {
    const t = rendererText(locale);
    return (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0 }}>
        {rows.map((row, i) => (
          <Card key={String(row._rowId ?? i)} size="small" title={fill(t.row, { n: i + 1 })}>
            <Descriptions size="small" column={1} items={cols.map((c) => ({ key: c.id, label: textOf(c.label, locale), children: cell(c, row) }))} />
          </Card>
        ))}
      </div>
    );
  }
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(r) => String((r as { _rowId?: string })._rowId ?? Math.random())}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={cols.map((c) => ({ title: textOf(c.label, locale), key: c.id, align: isNumeric(c) ? ('right' as const) : undefined, render: (_v: unknown, row: Record<string, unknown>) => cell(c, row) }))}
    />
  );
}

export function RecordView({ schema, value, locale, timeZone = 'Asia/Shanghai', services, columns = 2, relatedForms }: RecordViewProps) {
  const fields = dataFields(schema.fields);
  const ids = useMemo(() => recordsMemberIds(schema.fields, [value], relatedForms), [schema, value, relatedForms]);
  const memberName = useMemberNames(services, ids, rendererText(locale));
  const fileUrl = services && ((ref: FileRef) => services.fileUrl(ref));
  const phone = useIsPhone();
  if (fields.length === 0) return <Empty />;
  return (
    <Descriptions
      bordered
      size="small"
      // On a phone each label sits above its value, across the whole width, never squeezed.
      layout={phone ? 'vertical' : 'horizontal'}
      column={{ xs: 1, sm: 1, md: columns, lg: columns, xl: columns, xxl: columns }}
      items={fields.map((f) => ({
        key: f.id,
        label: textOf(f.label, locale),
        span: f.type === 'subform' || f.type === 'textarea' ? ('filled' as const) : 1,
        children: <Value field={f} value={value[f.id]} locale={locale} timeZone={timeZone} fileUrl={fileUrl} memberName={memberName} siblings={schema.fields} forms={relatedForms} />,
      }))}
    />
  );
}
