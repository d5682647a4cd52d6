// How a record's value reads in any view (a table cell, a group's heading, a card): a select as
// its option's label and colour, a person and a department by name, a lookup as the field it
// looks up would show, dates in the tenant's zone. One place, so every view shows the same text
// and none shows a stored value or an id.
import { useMemo, type ReactNode } from 'react';
import { useOutletContext } from 'react-router-dom';
import { dataFields, type Field, type FormSchema } from '@tessera/form-engine';
import { displayValue, lookupTarget, OptionTags, recordsMemberIds, rendererText, useMemberNames } from '@tessera/form-engine/react';
import { useFormServices } from '../../lib/session';
import type { ShellContext } from '../AppShell';
import { departmentText, useDepartmentNames } from '../list/departments';
import { useListT } from '../list/strings';
import { useTenantTimeZone } from '../record/timeZone';

/** Fields a list shows in columns: one value a record (not rows, files, signatures or long text). */
export const LISTABLE = (f: Field) => !['subform', 'attachment', 'image', 'signature', 'location', 'textarea'].includes(f.type);

export const blank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The form's listable fields and a renderer for their values over the given records (people asked by id for those records). */
export function useCells(appId: string, formId: string, schema: FormSchema | null, records: ReadonlyArray<Record<string, unknown>>, extraMemberIds: readonly string[] = []) {
  const { l, locale } = useListT();
  const { published } = useOutletContext<ShellContext>();
  const timeZone = useTenantTimeZone();
  const fields = useMemo(() => (schema ? dataFields(schema.fields).filter(LISTABLE) : []), [schema]);
  const services = useFormServices(appId, formId);
  const memberIds = useMemo(() => [...new Set([...recordsMemberIds(fields, records, published?.forms), ...extraMemberIds])], [fields, records, extraMemberIds, published]);
  const memberName = useMemberNames(services, memberIds, rendererText(locale));
  const deptNames = useDepartmentNames(services, fields.some((f) => f.type === 'department'));
  const cell = (field: Field, v: unknown): ReactNode => {
    const f = lookupTarget(field, schema?.fields ?? [], published?.forms) ?? field;
    if (f.type === 'department') return departmentText(v, deptNames, locale, l.unknownDept);
    return f.type === 'select' || f.type === 'multiselect' ? <OptionTags field={f} value={v} locale={locale} /> : displayValue(f, v, locale, timeZone, memberName);
  };
  return { fields, cell, memberName, services };
}
