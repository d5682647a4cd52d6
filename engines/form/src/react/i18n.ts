// What the renderer itself says, in zh-CN and en-US (field labels come from the schema).
import type { Locale } from '../schema';

const zh = {
  submit: '提交',
  submitting: '提交中…',
  addRow: '添加一行',
  removeRow: '删除',
  moveUp: '上移',
  moveDown: '下移',
  total: '合计',
  row: '第 {n} 行',
  serialPending: '提交后自动生成',
  computed: '自动计算',
  scan: '扫码',
  scanHint: '对准条码或二维码',
  scanUnsupported: '此浏览器不支持摄像头扫码，请用扫码枪或手动输入',
  upload: '上传',
  takePhoto: '拍照',
  locate: '获取位置',
  clear: '清除',
  sign: '签名',
  signHere: '在此处签名',
  done: '完成',
  cancel: '取消',
  search: '搜索',
  searchFailed: '加载失败，请稍后重试',
  noRows: '暂无明细，点击“添加一行”',
  draftFound: '发现未提交的草稿',
  restoreDraft: '恢复草稿',
  discardDraft: '丢弃',
  fixErrors: '有 {n} 处需要修改',
  rows: '{n} 行',
  yes: '是',
  no: '否',
  loadingName: '加载中…',
  unknownMember: '未知成员',
  nameUnavailable: '名称未能加载',
};
const en: typeof zh = {
  submit: 'Submit',
  submitting: 'Submitting…',
  addRow: 'Add row',
  removeRow: 'Remove',
  moveUp: 'Move up',
  moveDown: 'Move down',
  total: 'Total',
  row: 'Row {n}',
  serialPending: 'Generated on submit',
  computed: 'Calculated',
  scan: 'Scan',
  scanHint: 'Point the camera at a barcode or QR code',
  scanUnsupported: 'This browser cannot scan with the camera; use a hand scanner or type the code',
  upload: 'Upload',
  takePhoto: 'Take photo',
  locate: 'Get location',
  clear: 'Clear',
  sign: 'Sign',
  signHere: 'Sign here',
  done: 'Done',
  cancel: 'Cancel',
  search: 'Search',
  searchFailed: 'Could not load; try again later',
  noRows: 'No rows yet: click "Add row"',
  draftFound: 'An unsaved draft was found',
  restoreDraft: 'Restore draft',
  discardDraft: 'Discard',
  fixErrors: '{n} {n|field needs|fields need} attention',
  rows: '{n} {n|row|rows}',
  yes: 'Yes',
  no: 'No',
  loadingName: 'Loading…',
  unknownMember: 'Unknown member',
  nameUnavailable: 'Name could not be loaded',
};

export type RendererText = typeof zh;
export function rendererText(locale: Locale): RendererText {
  return locale === 'en-US' ? en : zh;
}
/** Fills `{name}`; `{n|one|other}` picks the English singular when `n` is 1 (zh-CN needs none). */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (_m, k: string, one: string, other: string) => (Number(vars[k]) === 1 ? one : other))
    .replace(/\{(\w+)\}/g, (_m, k: string) => String(vars[k] ?? ''));
}
