// The record pages' own words, in zh-CN and en-US (kept beside the record components rather than
// in the shared dictionary): editing, and a conflict with someone else's save.
import type { Locale } from '@tessera/form-engine';
import { useT } from '../../lib/i18n';

const zh = {
  cancelEdit: '取消',
  conflictTitle: '记录已被他人修改',
  conflictBody: '你编辑期间，别人保存了这条记录。可以把你的修改放到最新的记录上，检查后再保存；也可以放弃你的修改。',
  keepMine: '保留我的修改',
  discardMine: '放弃我的修改',
  reapplied: '已载入最新的记录，并保留了你的修改，请检查后保存',
  reapplyFailed: '最新的记录未能载入，你的修改仍在表单中，请稍后重试',
};
const en: typeof zh = {
  cancelEdit: 'Cancel',
  conflictTitle: 'Someone else changed this record',
  conflictBody: 'Someone saved this record while you were editing. Put your changes on top of the latest version, check them and save again, or discard your changes.',
  keepMine: 'Keep my changes',
  discardMine: 'Discard my changes',
  reapplied: 'Loaded the latest version with your changes on top; check them and save',
  reapplyFailed: 'The latest version could not be loaded; your changes are still in the form. Try again.',
};

export type RecordText = typeof zh;
const TEXTS: Record<Locale, RecordText> = { 'zh-CN': zh, 'en-US': en };

/** The record pages' words in the reader's language. */
export function useRecordText(): RecordText {
  return TEXTS[useT().locale] ?? zh;
}
