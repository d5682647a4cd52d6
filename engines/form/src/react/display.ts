// How a stored value reads to a person: money with its currency and thousands separators,
// percents, dates as 2026-11-22, datetimes in the tenant's zone, options by their label,
// members by their name (never their id).
import { textOf, type Field, type FileRef, type Locale } from '../schema';
import { formatNumber } from '../numbers';
import { formatDatetime } from '../dates';
import { fill, rendererText } from './i18n';
import { memberIds } from './members';

/**
 * `memberName` gives the text for a user id (useMemberNames); without it, or for an id it does
 * not know, a member reads "unknown member", never the id.
 */
export function displayValue(field: Field, value: unknown, locale: Locale, timeZone = 'Asia/Shanghai', memberName?: (id: string) => string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'member':
      return memberIds(field, value).map((id) => memberName?.(id) || rendererText(locale).unknownMember).join(locale === 'en-US' ? ', ' : '、');
    case 'money':
      return typeof value === 'number' ? formatNumber(value, { precision: field.precision ?? 2, currency: field.currency ?? 'CNY' }) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value, { precision: field.precision }) + (field.unit ? ` ${textOf(field.unit, locale)}` : '') : String(value);
    case 'percent':
      return typeof value === 'number' ? formatNumber(value, { percent: true, precision: field.precision }) : String(value);
    case 'formula': {
      if (typeof value !== 'number') return typeof value === 'boolean' ? (value ? '✓' : '✗') : String(value);
      if (field.resultType === 'money') return formatNumber(value, { precision: field.precision ?? 2, currency: 'CNY' });
      if (field.resultType === 'percent') return formatNumber(value, { percent: true, precision: field.precision });
      return formatNumber(value, { precision: field.precision });
    }
    case 'datetime':
      return typeof value === 'string' ? formatDatetime(value, timeZone) : String(value);
    case 'select':
      return textOf(field.options.find((o) => o.value === value)?.label, locale) || String(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map((v) => textOf(field.options.find((o) => o.value === v)?.label, locale) || String(v)).join('、') : '';
    case 'switch':
      return value ? (locale === 'en-US' ? 'Yes' : '是') : locale === 'en-US' ? 'No' : '否';
    case 'relation':
      return (Array.isArray(value) ? value : [value]).map((r) => (r as { display?: string; id?: string }).display || (r as { id?: string }).id || '').join('、');
    case 'attachment':
    case 'image':
      return Array.isArray(value) ? (value as FileRef[]).map((f) => f.name).join('、') : '';
    case 'location': {
      const l = value as { lat: number; lng: number; address?: string };
      return l.address || `${l.lat.toFixed(5)}, ${l.lng.toFixed(5)}`;
    }
    case 'subform':
      return Array.isArray(value) ? fill(rendererText(locale).rows, { n: value.length }) : '';
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Option colour for a select value (status tags: 合格 green, 不合格 red …). */
export function optionColor(field: Field, value: unknown): string | undefined {
  return field.type === 'select' || field.type === 'multiselect' ? field.options.find((o) => o.value === value)?.color : undefined;
}

export function isNumeric(field: Field): boolean {
  return field.type === 'number' || field.type === 'money' || field.type === 'percent' || (field.type === 'formula' && ['number', 'money', 'percent'].includes(field.resultType ?? ''));
}
