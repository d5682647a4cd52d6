// Editing one language of a translated text (I18nText). A text in one language is a plain
// string (shown in both); adding the other language makes it { 'zh-CN', 'en-US' }; clearing
// that one makes it a string again.
import type { I18nText, Locale } from '@tessera/form-engine';

export const OTHER_LOCALE: Record<Locale, Locale> = { 'zh-CN': 'en-US', 'en-US': 'zh-CN' };

/** The text in `locale`; `strict` gives '' instead of falling back to the other language. */
export function i18nPart(v: I18nText | undefined, locale: Locale, strict = false): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return strict ? '' : v;
  return v[locale] ?? (strict ? '' : v[OTHER_LOCALE[locale]] ?? '');
}

/** Sets the text of the main language (`locale`) or, with `secondary`, of the other one. */
export function setI18n(v: I18nText | undefined, locale: Locale, text: string, secondary = false): I18nText {
  const other = OTHER_LOCALE[locale];
  // A plain string is the main language's text.
  const parts = (typeof v === 'object' && v ? { 'zh-CN': v['zh-CN'] ?? '', 'en-US': v['en-US'] ?? '' } : { [locale]: v ?? '', [other]: '' }) as Record<Locale, string>;
  parts[secondary ? other : locale] = text;
  if (!parts[other]) return parts[locale];
  if (!parts[locale]) return { [other]: parts[other] } as I18nText;
  return { 'zh-CN': parts['zh-CN'], 'en-US': parts['en-US'] };
}
