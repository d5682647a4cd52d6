// Department names for the list's department columns (a department value is an id, which a
// person never reads). Asked once per list; while they load the cell is blank, and a department
// since deleted reads "unknown department", never the id.
import { useEffect, useState } from 'react';
import type { Locale } from '@tessera/form-engine';
import type { AppServices } from '../../lib/api';

export function useDepartmentNames(services: Pick<AppServices, 'listDepartments'>, wanted: boolean): Map<string, string> | null {
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    services.listDepartments().then(
      (items) => live && setNames(new Map(items.map((d) => [d.id, d.name]))),
      () => undefined,
    );
    return () => void (live = false);
  }, [services, wanted]);
  return names;
}

/** A department value (one id, or several) as names. */
export function departmentText(value: unknown, names: Map<string, string> | null, locale: Locale, unknown: string): string {
  if (!names) return '';
  const list = (Array.isArray(value) ? value : value === null || value === undefined || value === '' ? [] : [value]).filter((x): x is string => typeof x === 'string');
  return list.map((id) => names.get(id) ?? unknown).join(locale === 'en-US' ? ', ' : '、');
}
