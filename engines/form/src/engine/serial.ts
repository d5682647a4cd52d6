// Serial numbers such as IQC-{yyyyMMdd}-{seq:4}. The engine validates and formats patterns;
// the server draws the next number atomically from a counter keyed by the period.
import { zonedParts } from '../dates';

const TOKEN = /\{([^{}]*)\}/g;
const DATE_TOKENS = ['yyyyMMdd', 'yyyyMM', 'yyyy', 'yy', 'MM', 'dd'] as const;

export interface SerialPattern {
  /** The date tokens used, which decide when the counter restarts. */
  dateTokens: string[];
  seqWidth: number;
}

/** What is wrong with a pattern, in both languages (the designer shows it as it is typed). */
export interface SerialProblem {
  'zh-CN': string;
  'en-US': string;
}

export function parseSerialPattern(pattern: string): { ok: true; pattern: SerialPattern } | { ok: false; message: SerialProblem } {
  const dateTokens: string[] = [];
  let seqWidth = -1;
  for (const m of pattern.matchAll(TOKEN)) {
    const tok = m[1];
    const seq = /^seq(?::(\d{1,2}))?$/.exec(tok);
    if (seq) {
      if (seqWidth >= 0) return { ok: false, message: { 'zh-CN': '只能有一个 {seq} 序号', 'en-US': 'only one {seq} token is allowed' } };
      seqWidth = seq[1] ? Number(seq[1]) : 1;
    } else if ((DATE_TOKENS as readonly string[]).includes(tok)) dateTokens.push(tok);
    else return { ok: false, message: { 'zh-CN': `无法识别 {${tok}}`, 'en-US': `unknown token {${tok}}` } };
  }
  if (seqWidth < 0) return { ok: false, message: { 'zh-CN': '规则中须有序号 {seq:N}', 'en-US': 'the pattern needs a {seq:N} token' } };
  // (What the tokens are replaced by only matters if it holds a brace.)
  if (/[{}]/.test(pattern.replace(TOKEN, ''))) return { ok: false, message: { 'zh-CN': '花括号不成对', 'en-US': 'unbalanced braces' } };
  return { ok: true, pattern: { dateTokens, seqWidth } };
}

function dateParts(now: Date, timeZone: string): Record<string, string> {
  const p = zonedParts(now, timeZone);
  const yyyy = String(p.year);
  const MM = String(p.month).padStart(2, '0');
  const dd = String(p.day).padStart(2, '0');
  return { yyyy, yy: yyyy.slice(2), MM, dd, yyyyMM: yyyy + MM, yyyyMMdd: yyyy + MM + dd };
}

/** The counter's period: '20261124' for a daily pattern, '202611' monthly, '' when none. */
export function serialPeriodKey(pattern: string, now: Date, timeZone: string): string {
  const parsed = parseSerialPattern(pattern);
  if (!parsed.ok) throw new Error(`Invalid serial pattern ${pattern}: ${parsed.message['en-US']}`);
  const parts = dateParts(now, timeZone);
  const t = parsed.pattern.dateTokens;
  const has = (...names: string[]) => t.some((x) => names.includes(x));
  if (has('yyyyMMdd', 'dd')) return parts.yyyyMMdd;
  if (has('yyyyMM', 'MM')) return parts.yyyyMM;
  if (has('yyyy', 'yy')) return parts.yyyy;
  return '';
}

export function formatSerial(pattern: string, now: Date, timeZone: string, seq: number): string {
  const parts = dateParts(now, timeZone);
  return pattern.replace(TOKEN, (m, tok: string) => {
    const s = /^seq(?::(\d{1,2}))?$/.exec(tok);
    if (s) return String(seq).padStart(Number(s[1] ?? 1), '0');
    return parts[tok] ?? m; // a token it does not know stays as written, for a person to see (a form's pattern is checked when saved)
  });
}
