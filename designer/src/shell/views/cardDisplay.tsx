// How a calendar item or a Gantt row reads: the record's title and the card fields the view
// chose, as the table shows them (UX.md: never a raw value): options as their labels and tags,
// people and departments by name, relations by what they display, lookups as the field they copy.
import { useMemo, type ReactNode } from 'react';
import { useOutletContext } from 'react-router-dom';
import { dataFields, textOf, titleFieldOf, type Field, type FormSchema } from '@tessera/form-engine';
import { displayValue, lookupTarget, OptionTags, recordsMemberIds, rendererText, useMemberNames } from '@tessera/form-engine/react';
import { useFormServices } from '../../lib/session';
import { departmentText, useDepartmentNames } from '../list/departments';
import { useTenantTimeZone } from '../record/timeZone';
import type { ShellContext } from '../AppShell';
import { useCalendarT } from './calendarStrings';
import type { Rec } from './rangeRecords';

const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
/** Fields a card can show in a line (not files, tables, signatures or long text). */
const CARDABLE = (f: Field) => !['subform', 'attachment', 'image', 'signature', 'location', 'textarea'].includes(f.type);

export interface CardDisplay {
  titleField: Field | undefined;
  cardFields: Field[];
  /** The title as text (for names a screen reader reads, and messages). */
  title(r: Rec): string;
  /** A field's value as shown: a tag for an option, text otherwise. */
  cell(f: Field, r: Rec): ReactNode;
  /** A field's value as text (a tooltip, an accessible name). */
  text(f: Field, r: Rec): string;
}

/** The fields the view brings from the server: the title, its dates and its card fields, less those hidden from the caller. */
export function wantedFields(schema: FormSchema, dates: string[], cardFields: string[] | undefined, hidden: readonly string[]): string[] {
  const ids = new Set(dataFields(schema.fields).map((f) => f.id));
  const wanted = [schema.titleField, ...dates, ...(cardFields ?? [])].filter((x): x is string => !!x && ids.has(x) && !hidden.includes(x));
  return [...new Set(wanted)];
}

export function useCardDisplay(appId: string, formId: string, schema: FormSchema, items: readonly Rec[], cardIds: string[] | undefined): CardDisplay {
  const { locale, c } = useCalendarT();
  const timeZone = useTenantTimeZone();
  const { published } = useOutletContext<ShellContext>();
  const services = useFormServices(appId, formId);
  const fields = useMemo(() => dataFields(schema.fields).filter(CARDABLE), [schema]);
  const titleField = titleFieldOf(schema, fields);
  const cardFields = useMemo(() => (cardIds ?? []).map((id) => fields.find((f) => f.id === id)).filter((f): f is Field => !!f && f !== titleField), [cardIds, fields, titleField]);
  const shown = useMemo(() => [titleField, ...cardFields].filter((f): f is Field => !!f), [titleField, cardFields]);
  const memberIds = useMemo(() => recordsMemberIds(shown, items), [shown, items]);
  const memberName = useMemberNames(services, memberIds, rendererText(locale));
  const deptNames = useDepartmentNames(services, shown.some((f) => f.type === 'department'));

  const target = (f: Field) => lookupTarget(f, schema.fields, published?.forms) ?? f;
  const text = (field: Field, r: Rec) => {
    const v = r[field.id];
    if (blank(v)) return '';
    const f = target(field);
    if (f.type === 'department') return departmentText(v, deptNames, locale, '');
    return displayValue(f, v, locale, timeZone, memberName);
  };
  return {
    titleField,
    cardFields,
    title: (r) => (titleField && text(titleField, r)) || c.untitled,
    text,
    cell: (field, r) => {
      const f = target(field);
      if (f.type === 'select' || f.type === 'multiselect') return blank(r[field.id]) ? null : <OptionTags field={f} value={r[field.id]} locale={locale} />;
      return text(field, r);
    },
  };
}

/** The label of a field in the reader's language. */
export const fieldLabel = (f: Field, locale: 'zh-CN' | 'en-US') => textOf(f.label, locale) || f.id;
