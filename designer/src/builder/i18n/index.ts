// The builder's words in zh-CN and en-US (one file per locale beside this one).
import type { Locale } from '@tessera/form-engine';
import { useT } from '../../lib/i18n';
import { en } from './en-US';
import { zh, type BuilderDict } from './zh-CN';

export type { BuilderDict };
export const BUILDER_DICTS: Record<Locale, BuilderDict> = { 'zh-CN': zh, 'en-US': en };

/** The builder's words for the current locale, with the locale itself. */
export function useBT(): { b: BuilderDict; locale: Locale } {
  const { locale } = useT();
  return { b: BUILDER_DICTS[locale], locale };
}

