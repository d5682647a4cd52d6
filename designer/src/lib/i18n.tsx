// The app shell's words in zh-CN (default) and en-US, from the glossary. Every string the
// shell shows goes through useT(); the choice is kept in localStorage.
import { createContext, useContext } from 'react';
import type { Locale } from '@tessera/form-engine';

const zh = {
  appName: 'Tessera',
  signIn: '登录',
  signingIn: '登录中…',
  username: '用户名',
  password: '密码',
  signInTitle: '登录 Tessera',
  signInSubtitle: '质量与供应链的零代码平台',
  badLogin: '用户名或密码错误',
  signOut: '退出登录',
  language: 'English',
  apps: '应用',
  noApps: '还没有应用',
  noAppsMember: '管理员发布应用后，会出现在这里。',
  forms: '表单',
  noForms: '这个应用还没有表单',
  search: '搜索',
  searchPlaceholder: '搜索本表单',
  add: '新增',
  filter: '筛选',
  columns: '列设置',
  export: '导出',
  exporting: '正在导出…',
  exported: '已导出 {n} 条记录',
  deleteSelected: '删除所选',
  confirmDelete: '确定删除所选的 {n} 条记录吗？删除后可以恢复。',
  deleted: '已删除 {n} 条记录',
  emptyList: '还没有数据，点击新增或从 Excel 导入',
  total: '共 {n} 条',
  loadMore: '加载更多',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  createdBy: '创建人',
  newRecord: '新增记录',
  edit: '编辑',
  save: '保存',
  saved: '已保存',
  submitted: '提交成功',
  detail: '记录详情',
  history: '历史',
  comments: '评论',
  noHistory: '暂无历史',
  noComments: '还没有评论',
  commentPlaceholder: '写下评论，输入 @ 提及同事',
  post: '发表',
  created: '创建了记录',
  updatedRecord: '修改了记录',
  deletedRecord: '删除了记录',
  restoredRecord: '恢复了记录',
  staleTitle: '记录已被他人修改',
  staleBody: '请刷新后再编辑，以免覆盖他人的修改。',
  reload: '刷新',
  back: '返回',
  addCondition: '添加条件',
  clearFilter: '清空',
  apply: '应用',
  field: '字段',
  operator: '条件',
  value: '值',
  ops: { $eq: '等于', $ne: '不等于', $regex: '包含', $gt: '大于', $gte: '大于等于', $lt: '小于', $lte: '小于等于', $exists: '不为空' } as Record<string, string>,
  networkError: '无法连接服务器，请检查网络后重试',
  serverError: '服务器出错（{n}），请稍后重试',
  loadFailed: '加载失败',
  recordNotFound: '这条记录不存在',
  notFound: '页面不存在',
  inbox: '待办',
  minutesAgo: '{n} 分钟前',
  hoursAgo: '{n} 小时前',
  daysAgo: '{n} 天前',
  justNow: '刚刚',
  menu: '菜单',
  home: '首页',
};
const en: typeof zh = {
  appName: 'Tessera',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  username: 'Username',
  password: 'Password',
  signInTitle: 'Sign in to Tessera',
  signInSubtitle: 'The no-code platform for quality and supply chains',
  badLogin: 'Wrong username or password',
  signOut: 'Sign out',
  language: '中文',
  apps: 'Apps',
  noApps: 'No apps yet',
  noAppsMember: 'Apps appear here once an administrator publishes them.',
  forms: 'Forms',
  noForms: 'This app has no forms yet',
  search: 'Search',
  searchPlaceholder: 'Search this form',
  add: 'Add',
  filter: 'Filter',
  columns: 'Columns',
  export: 'Export',
  exporting: 'Exporting…',
  exported: 'Exported {n} {n|record|records}',
  deleteSelected: 'Delete selected',
  confirmDelete: 'Delete the {n} selected {n|record|records}? They can be restored later.',
  deleted: 'Deleted {n} {n|record|records}',
  emptyList: 'No data yet: click Add, or import from Excel',
  total: '{n} in total',
  loadMore: 'Load more',
  createdAt: 'Created',
  updatedAt: 'Updated',
  createdBy: 'Created by',
  newRecord: 'New record',
  edit: 'Edit',
  save: 'Save',
  saved: 'Saved',
  submitted: 'Submitted',
  detail: 'Record',
  history: 'History',
  comments: 'Comments',
  noHistory: 'No history yet',
  noComments: 'No comments yet',
  commentPlaceholder: 'Write a comment; type @ to mention a colleague',
  post: 'Post',
  created: 'created the record',
  updatedRecord: 'changed the record',
  deletedRecord: 'deleted the record',
  restoredRecord: 'restored the record',
  staleTitle: 'Someone else changed this record',
  staleBody: 'Reload before editing so you do not overwrite their changes.',
  reload: 'Reload',
  back: 'Back',
  addCondition: 'Add condition',
  clearFilter: 'Clear',
  apply: 'Apply',
  field: 'Field',
  operator: 'Condition',
  value: 'Value',
  ops: { $eq: 'equals', $ne: 'is not', $regex: 'contains', $gt: 'greater than', $gte: 'at least', $lt: 'less than', $lte: 'at most', $exists: 'is not empty' },
  networkError: 'Could not reach the server. Check your connection and try again.',
  serverError: 'The server ran into a problem ({n}). Try again later.',
  loadFailed: 'Could not load',
  recordNotFound: 'This record does not exist',
  notFound: 'Page not found',
  inbox: 'To do',
  minutesAgo: '{n} min ago',
  hoursAgo: '{n} h ago',
  daysAgo: '{n} {n|day|days} ago',
  justNow: 'just now',
  menu: 'Menu',
  home: 'Home',
};

export type Dict = typeof zh;
export const DICTS: Record<Locale, Dict> = { 'zh-CN': zh, 'en-US': en };

export interface LocaleState {
  locale: Locale;
  t: Dict;
  setLocale(l: Locale): void;
}
export const LocaleContext = createContext<LocaleState>({ locale: 'zh-CN', t: zh, setLocale: () => undefined });
export const useT = () => useContext(LocaleContext);

/**
 * Fills `{name}` with its value. `{n|one|other}` picks a word by the number `n` (English: "one"
 * for exactly 1, "other" otherwise), so "{n} {n|form|forms}" reads "1 form" and "3 forms";
 * zh-CN has no plural and never needs it.
 */
export function fmt(text: string, vars: Record<string, string | number>): string {
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (_m, k: string, one: string, other: string) => (Number(vars[k]) === 1 ? one : other))
    .replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
}

export function relativeTime(iso: string, t: Dict, now = Date.now()): string {
  const mins = Math.floor((now - Date.parse(iso)) / 60000);
  if (mins < 1) return t.justNow;
  if (mins < 60) return fmt(t.minutesAgo, { n: mins });
  if (mins < 60 * 24) return fmt(t.hoursAgo, { n: Math.floor(mins / 60) });
  if (mins < 60 * 24 * 30) return fmt(t.daysAgo, { n: Math.floor(mins / 1440) });
  return iso.slice(0, 10);
}
