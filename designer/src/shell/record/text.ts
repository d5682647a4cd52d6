// The record pages' own words, in zh-CN and en-US (kept beside the record components rather than
// in the shared dictionary): editing, a conflict with someone else's save, previous / next in
// the list, the record's link, and copying a record.
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
  previous: '上一条',
  next: '下一条',
  position: '{n} / {total}',
  navHint: '快捷键：Alt+↑ / Alt+↓（或 K / J）',
  nextFailed: '下一页记录未能载入，请稍后重试',
  copyLink: '复制链接',
  linkCopied: '链接已复制',
  copyLinkFailed: '无法写入剪贴板，请从地址栏复制：{url}',
  copyRecord: '复制',
  copyTitle: '复制记录',
  copyFrom: '复制自「{title}」。保存后新增一条记录，原记录不变；流水号和公式会重新生成。',
  filesNotCopied: '附件和图片不会复制（{fields}），如需要请重新上传。',
  leaveTitle: '放弃未保存的修改？',
  leaveBody: '你正在编辑这条记录，离开后修改不会保存。',
  leave: '放弃并离开',
  stay: '继续编辑',
};
const en: typeof zh = {
  cancelEdit: 'Cancel',
  conflictTitle: 'Someone else changed this record',
  conflictBody: 'Someone saved this record while you were editing. Put your changes on top of the latest version, check them and save again, or discard your changes.',
  keepMine: 'Keep my changes',
  discardMine: 'Discard my changes',
  reapplied: 'Loaded the latest version with your changes on top; check them and save',
  reapplyFailed: 'The latest version could not be loaded; your changes are still in the form. Try again.',
  previous: 'Previous record',
  next: 'Next record',
  position: '{n} of {total}',
  navHint: 'Shortcuts: Alt+↑ / Alt+↓ (or K / J)',
  nextFailed: 'The next page of records could not be loaded. Try again.',
  copyLink: 'Copy link',
  linkCopied: 'Link copied',
  copyLinkFailed: 'Could not write to the clipboard; copy it from the address bar: {url}',
  copyRecord: 'Copy',
  copyTitle: 'Copy of a record',
  copyFrom: 'Copied from "{title}". Saving adds a new record and leaves the original as it is; serial numbers and formulas are worked out again.',
  filesNotCopied: 'Attachments and images are not copied ({fields}); upload them again if needed.',
  leaveTitle: 'Discard unsaved changes?',
  leaveBody: 'You are editing this record; your changes will not be saved if you leave.',
  leave: 'Discard and leave',
  stay: 'Keep editing',
};

export type RecordText = typeof zh;
const TEXTS: Record<Locale, RecordText> = { 'zh-CN': zh, 'en-US': en };

/** The record pages' words in the reader's language. */
export function useRecordText(): RecordText {
  return TEXTS[useT().locale] ?? zh;
}
