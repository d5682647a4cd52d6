// Which fields a calendar (its date) or a Gantt (its start and end) reads, and which fields its
// cards show: a small pop-up in the view's toolbar. A change goes through `onConfig`, so the page
// offers to save it with the view, as any other change of the view's layout.
import { Button, Form, Popover, Select } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { dataFields, type Field, type FormSchema } from '@tessera/form-engine';
import { fieldLabel } from './cardDisplay';
import { useCalendarT } from './calendarStrings';

const isDate = (f: Field) => f.type === 'date' || f.type === 'datetime';
const CARDABLE = (f: Field) => !['subform', 'attachment', 'image', 'signature', 'location', 'textarea'].includes(f.type);

export interface DatePick {
  /** The date fields named (one for a calendar, start and end for a Gantt) and their labels. */
  dates: Array<{ key: string; label: string; value: string | undefined }>;
  cardFields: string[] | undefined;
}

/** The form of the picker, shown in a pop-up (`inline`: as it is, when nothing is chosen yet). */
export function DateFieldsForm({ schema, pick, onChange }: { schema: FormSchema; pick: DatePick; onChange(dates: Record<string, string>, cardFields: string[]): void }) {
  const { c, locale } = useCalendarT();
  const fields = dataFields(schema.fields);
  const dateOptions = fields.filter(isDate).map((f) => ({ value: f.id, label: fieldLabel(f, locale) }));
  const cardOptions = fields.filter((f) => CARDABLE(f) && f.id !== schema.titleField).map((f) => ({ value: f.id, label: fieldLabel(f, locale) }));
  const current = Object.fromEntries(pick.dates.filter((d) => d.value).map((d) => [d.key, d.value!]));
  return (
    <Form layout="vertical" style={{ width: 280 }}>
      {pick.dates.map((d) => (
        <Form.Item key={d.key} label={d.label} style={{ marginBottom: 12 }}>
          <Select aria-label={d.label} placeholder={c.pickDateField} value={d.value} options={dateOptions} onChange={(v: string) => onChange({ ...current, [d.key]: v }, pick.cardFields ?? [])} notFoundContent={c.noDateFieldHint} />
        </Form.Item>
      ))}
      <Form.Item label={c.cardFields} style={{ marginBottom: 0 }}>
        <Select aria-label={c.cardFields} mode="multiple" maxCount={4} value={pick.cardFields ?? []} options={cardOptions} onChange={(v: string[]) => onChange(current, v)} />
      </Form.Item>
    </Form>
  );
}

export function DateFieldsPicker(props: { schema: FormSchema; pick: DatePick; onChange(dates: Record<string, string>, cardFields: string[]): void }) {
  const { c } = useCalendarT();
  return (
    <Popover trigger="click" placement="bottomRight" content={<DateFieldsForm {...props} />}>
      <Button icon={<SettingOutlined aria-hidden />}>{c.settings}</Button>
    </Popover>
  );
}
