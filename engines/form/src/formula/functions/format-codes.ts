// Excel's number and date format codes, for TEXT: "#,##0.00", "000", "0.0%", "¥#,##0", "0元",
// "yyyy年m月d日", "yyyy-mm-dd hh:mm", "dddd", "aaaa" (星期四), AM/PM, and up to three sections
// (positive;negative;zero). Dates are day numbers with a fraction for the time of day.
import { clean15, toFixedExact } from '../../numbers';
import { dayNumber, fromDayNumber, isDateOnly } from '../../dates';
import { FormulaError, toNumber, toText, type Value } from '../values';
import { weekday } from './date';

type Piece = { lit: string } | { code: string };

/** A format section as codes and literal text ("元", \x, and anything that is not a code). */
function pieces(format: string, codes: RegExp): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '"') {
      const j = format.indexOf('"', i + 1);
      // Stryker disable next-line EqualityOperator: indexOf from i + 1 is never 0
      const end = j < 0 ? format.length : j;
      out.push({ lit: format.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '\\' && i + 1 < format.length) {
      out.push({ lit: format[i + 1] });
      i += 2;
    } else {
      codes.lastIndex = i;
      const m = codes.exec(format);
      // Stryker disable next-line ConditionalExpression: a sticky (y) pattern only matches at lastIndex, so m.index is i
      if (m && m.index === i) {
        out.push({ code: m[0] });
        i += m[0].length;
      } else {
        out.push({ lit: c });
        i++;
      }
    }
  }
  return out;
}

/** Splits on ; outside quotes: positive;negative;zero. */
function sections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of format) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const DATE_CODES = /yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|aaaa|aaa|AM\/PM|A\/P/giy;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAYS_ZH = '日一二三四五六';

function isDateFormat(format: string): boolean {
  return pieces(format, DATE_CODES).some((p) => 'code' in p);
}

/** AM/PM or A/P in the case its code is written in. */
const asWritten = (code: string, text: string) => (code[0] === 'a' ? text.toLowerCase() : text);

/** yyyy-mm-dd, yyyy年m月d日, hh:mm:ss, mmm, dddd, aaaa (星期六), AM/PM; m after h or before s is minutes. */
function formatDate(serial: number, format: string): string {
  let day = Math.floor(serial);
  let secs = Math.round((serial - day) * 86400);
  if (secs === 86400) {
    day++;
    secs = 0;
  }
  const [y, mo, d] = fromDayNumber(day).split('-').map(Number);
  const wd = weekday(day);
  const ps = pieces(format, DATE_CODES);
  const codes = ps.filter((p): p is { code: string } => 'code' in p).map((p) => p.code.toLowerCase());
  const twelve = codes.some((c) => c === 'am/pm' || c === 'a/p');
  const h24 = Math.floor(secs / 3600);
  const h = twelve ? ((h24 + 11) % 12) + 1 : h24;
  const mi = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  let k = -1;
  return ps
    .map((p) => {
      if ('lit' in p) return p.lit;
      k++;
      const c = p.code.toLowerCase();
      // Stryker disable next-line MethodExpression, StringLiteral: only h, hh (s, ss) start or end with h (s); the '' just must not
      const minutes = (c === 'm' || c === 'mm') && ((codes[k - 1] ?? '').startsWith('h') || (codes[k + 1] ?? '').startsWith('s'));
      if (minutes) return c === 'mm' ? pad(mi) : String(mi);
      switch (c) {
        case 'yyyy': return String(y);
        case 'yy': return pad(y % 100);
        case 'mmmmm': return MONTHS[mo - 1][0];
        case 'mmmm': return MONTHS[mo - 1];
        case 'mmm': return MONTHS[mo - 1].slice(0, 3);
        case 'mm': return pad(mo);
        case 'm': return String(mo);
        case 'dddd': return WEEKDAYS[wd];
        case 'ddd': return WEEKDAYS[wd].slice(0, 3);
        case 'dd': return pad(d);
        case 'd': return String(d);
        case 'hh': return pad(h);
        case 'h': return String(h);
        case 'ss': return pad(ss);
        case 's': return String(ss);
        case 'aaaa': return `星期${WEEKDAYS_ZH[wd]}`;
        case 'aaa': return WEEKDAYS_ZH[wd];
        // In the case written: A/P gives A or P, a/p gives a or p, am/pm gives am or pm.
        case 'a/p': return asWritten(p.code, h24 < 12 ? 'A' : 'P');
        default: return asWritten(p.code, h24 < 12 ? 'AM' : 'PM');
      }
    })
    .join('');
}

/** 0 (a digit), # (a digit if needed), thousands ",", ".", "%", literals around them ("¥", "元"). */
function formatNumberCode(n: number, format: string, signed: boolean): string {
  const ps = pieces(format, /[0#?][0#?,.]*|\.[0#?][0#?,.]*/gy);
  const runs = ps.filter((p): p is { code: string } => 'code' in p);
  const literal = (p: Piece) => ('lit' in p ? p.lit : '');
  if (runs.length === 0) return ps.map(literal).join('') || String(clean15(n));
  // Groups of whole-number placeholders split by text ("###-####", "(###) ###-####") share the digits.
  if (runs.length > 1 && !runs.some((r) => r.code.includes('.'))) return spreadDigits(n, ps, runs, signed);
  const run = runs[0];
  const percent = ps.some((p) => 'lit' in p && p.lit.includes('%'));
  const body = run.code.replace(/,+$/, '');
  const scale = run.code.length - body.length; // each trailing comma divides by 1,000
  const dot = body.indexOf('.');
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1).replace(/,/g, '');
  const minInt = (intPart.match(/0/g) ?? []).length;
  const minFrac = (frac.match(/0/g) ?? []).length;
  const v = (Math.abs(n) * (percent ? 100 : 1)) / 1000 ** scale;
  let [int, dec = ''] = toFixedExact(v, frac.length).split('.');
  while (dec.length > minFrac && dec.endsWith('0')) dec = dec.slice(0, -1);
  // ? holds a digit's place with a space, so that columns of numbers line up.
  dec = dec.padEnd((frac.match(/[0?]/g) ?? []).length, ' ');
  // Stryker disable next-line ConditionalExpression: when minInt > 0 the padStart below puts the 0 back
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0').padStart((intPart.match(/[0?]/g) ?? []).length, ' ');
  if (intPart.includes(',')) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = dot < 0 ? int : `${int}.${dec}`;
  const text = ps.map((p) => (p === run ? number : literal(p))).join('');
  // Excel keeps the sign of a negative that rounds to zero: TEXT(-0.4, "0") is "-0".
  return signed && n < 0 ? `-${text}` : text;
}

/**
 * A whole number spread over groups of placeholders with text between them, as Excel fills them:
 * from the right, one digit a placeholder, the digits left over in the first group; where the
 * digits run out, 0 shows "0", ? a space and # nothing. TEXT(5551234567, "(###) ###-####") is
 * "(555) 123-4567"; TEXT(12, "000-0000") is "000-0012".
 */
function spreadDigits(n: number, ps: Piece[], runs: Array<{ code: string }>, signed: boolean): string {
  const percent = ps.some((p) => 'lit' in p && p.lit.includes('%'));
  const digits = toFixedExact(Math.abs(n) * (percent ? 100 : 1), 0);
  let left = digits === '0' ? '' : digits;
  const filled = new Map<Piece, string>();
  for (const run of [...runs].reverse()) {
    let out = '';
    for (const c of [...run.code.replace(/,/g, '')].reverse()) {
      if (left !== '') {
        out = left.slice(-1) + out;
        left = left.slice(0, -1);
      } else out = (c === '0' ? '0' : c === '?' ? ' ' : '') + out;
    }
    filled.set(run, run === runs[0] ? left + out : out);
  }
  const text = ps.map((p) => ('lit' in p ? p.lit : filled.get(p))).join('');
  return signed && n < 0 ? `-${text}` : text;
}

/** "General", its Chinese Excel name "G/通用格式", and "@" (text as it is) all show a number as General does. */
const GENERAL = /^(general|g\/通用格式|@)$/i;

/** Excel's TEXT: number and date format codes, with up to three sections (positive;negative;zero). */
export function formatText(value: Value, format: string): string | FormulaError {
  if (value instanceof FormulaError) return value;
  const n = typeof value === 'string' && isDateOnly(value.trim()) ? dayNumber(value.trim()) : toNumber(value);
  if (n instanceof FormulaError) return typeof value === 'string' ? value : n;
  const parts = sections(format);
  // By index, not by text: in "0;0" both sections read alike, yet the second drops the sign.
  const index = n < 0 && parts.length > 1 ? 1 : n === 0 && parts.length > 2 ? 2 : 0;
  const section = parts[index];
  // An empty section shows nothing: "0;-0;" hides zeros.
  if (section === '') return '';
  if (GENERAL.test(section.trim())) return toText(index === 0 ? n : Math.abs(n)) as string;
  if (isDateFormat(section)) return formatDate(n, section);
  return formatNumberCode(n, section, index === 0);
}
