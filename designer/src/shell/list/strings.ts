// The list view's own words (filters, states, sort, trash) in zh-CN and en-US, kept beside the
// list so the shared dictionary (lib/i18n.tsx) is not edited by two people at once.
import type { Locale } from '@tessera/form-engine';
import { useT } from '../../lib/i18n';

const zh = {
  /** A relation compared by the record picked. */
  relIs: '是',
  relIsNot: '不是',
  contains: '包含',
  notContains: '不包含',
  isEmpty: '为空',
  yes: '是',
  no: '否',
  pickRecord: '搜索并选择',
  sort: '排序',
  sortDefault: '默认（最新在前）',
  ascending: '{f} 升序',
  descending: '{f} 降序',
  reload: '刷新',
  listFailed: '列表加载失败',
  retry: '重试',
  clearAll: '清除搜索和筛选',
  untitled: '（无标题）',
  openRecord: '打开记录',
  activeFilters: '当前筛选',
  trash: '回收站',
  trashEmpty: '回收站是空的',
  trashHint: '删除的记录在这里，可以恢复',
  deletedAt: '删除于 {t}',
  restore: '恢复',
  restoreNamed: '恢复 {name}',
  restored: '已恢复「{name}」',
  purge: '永久删除',
  purgeNamed: '永久删除 {name}',
  purgeTitle: '永久删除这条记录？',
  purgeBody: '「{name}」永久删除后无法恢复。',
  purged: '已永久删除「{name}」',
  notInTrash: '这条记录已不在回收站',
  cancel: '取消',
};

const en: typeof zh = {
  relIs: 'is',
  relIsNot: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  isEmpty: 'is empty',
  yes: 'Yes',
  no: 'No',
  pickRecord: 'Search and pick',
  sort: 'Sort',
  sortDefault: 'Default (newest first)',
  ascending: '{f}, ascending',
  descending: '{f}, descending',
  reload: 'Reload',
  listFailed: 'The list could not be loaded',
  retry: 'Try again',
  clearAll: 'Clear search and filters',
  untitled: '(untitled)',
  openRecord: 'Open record',
  activeFilters: 'Filters',
  trash: 'Trash',
  trashEmpty: 'The trash is empty',
  trashHint: 'Deleted records are kept here and can be restored',
  deletedAt: 'Deleted {t}',
  restore: 'Restore',
  restoreNamed: 'Restore {name}',
  restored: 'Restored "{name}"',
  purge: 'Delete for good',
  purgeNamed: 'Delete {name} for good',
  purgeTitle: 'Delete this record for good?',
  purgeBody: '"{name}" will be deleted for good; it cannot be restored.',
  purged: 'Deleted "{name}" for good',
  notInTrash: 'This record is no longer in the trash',
  cancel: 'Cancel',
};

export type ListDict = typeof zh;
export const LIST_DICTS: Record<Locale, ListDict> = { 'zh-CN': zh, 'en-US': en };

/** The list's words in the reader's language, with the shell's (`t`) beside them. */
export function useListT() {
  const ctx = useT();
  return { ...ctx, l: LIST_DICTS[ctx.locale] };
}
