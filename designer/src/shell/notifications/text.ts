// The notification centre's words and the @ picker's, in zh-CN and en-US (kept beside the
// components rather than in the shared dictionary). A notification reads "who · what · when";
// "what" is worded per kind (a mention today, a flow's task and CC later).
import type { Locale } from '@tessera/form-engine';
import { useT } from '../../lib/i18n';

const zh = {
  title: '通知',
  bellLabel: '通知，{n} 条未读',
  bellLabelNone: '通知，没有未读',
  markAllRead: '全部标为已读',
  markAllFailed: '未能全部标为已读：{reason}',
  empty: '还没有通知。有人在评论中 @ 你时，会在这里提醒你。',
  loadFailed: '通知加载失败',
  retry: '重试',
  loadMore: '加载更多',
  unread: '未读',
  mention: '在「{title}」中提到了你',
  task: '请你处理「{title}」',
  cc: '抄送给你「{title}」',
  someone: '有人',
  close: '关闭',
  mentionNone: '没有找到能查看这条记录的人',
  mentionFailed: '无法加载可提及的人：{reason}',
  mentionLoading: '正在查找…',
  postHint: 'Ctrl+Enter 发表',
};
const en: typeof zh = {
  title: 'Notifications',
  bellLabel: 'Notifications, {n} unread',
  bellLabelNone: 'Notifications, none unread',
  markAllRead: 'Mark all read',
  markAllFailed: 'Could not mark all read: {reason}',
  empty: 'No notifications yet. When someone @mentions you in a comment, it shows here.',
  loadFailed: 'Could not load notifications',
  retry: 'Retry',
  loadMore: 'Load more',
  unread: 'Unread',
  mention: 'mentioned you in {title}',
  task: 'asked you to handle {title}',
  cc: 'sent you a copy of {title}',
  someone: 'Someone',
  close: 'Close',
  mentionNone: 'Nobody who can see this record matches',
  mentionFailed: 'Could not load people to mention: {reason}',
  mentionLoading: 'Searching…',
  postHint: 'Ctrl+Enter to post',
};

const DICTS: Record<Locale, typeof zh> = { 'zh-CN': zh, 'en-US': en };

export type NoticeText = typeof zh;

export function useNoticeText(): NoticeText {
  return DICTS[useT().locale];
}
