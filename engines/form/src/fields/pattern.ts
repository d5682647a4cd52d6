// Field patterns (validation.pattern) run on RE2, a regular-expression engine whose time is
// linear in the text (re2js, pure JavaScript), never on the backtracking RegExp of JavaScript:
// a pattern an analyst types, such as ^([a-z0-9]+)+$, takes seconds on a 27-character value
// there, and blocks the server's one thread while it runs. Static ReDoS checkers were tried on
// the patterns analysts write (safe-regex2, scslre, redos-detector, recheck): each either misses
// a catastrophic pattern ((a|aa)+, the classic e-mail one), refuses common safe ones
// (^(\d{3,4}-)?\d{7,8}$), runs for seconds itself, or is megabytes of code; RE2 needs no guess.
//
// A pattern is written in JavaScript's syntax (what the designer's tester and every tutorial
// use). It is parsed as JavaScript parses it (the `u` flag, as ajv compiles patterns) and
// rewritten for RE2 with JavaScript's meanings: `.` stops at \r, \u2028 and \u2029 too, `\s` is
// JavaScript's white space (the full-width space included), `^` and `$` are the ends of the
// value. What only a backtracking engine can do (look-ahead, look-behind, back-references) is
// refused when the form is saved.
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import type { FuncKeywordDefinition, SchemaValidateFunction } from 'ajv';
import { RE2JS } from 're2js';

/** Why a pattern cannot be used: not JavaScript, needs a backtracking engine, or beyond RE2. */
export type PatternProblem = { reason: 'invalid' | 'unsafe' | 'unsupported'; detail: string };

export type PatternCheck = { ok: true; source: string } | ({ ok: false } & PatternProblem);

/** What ajv needs of a compiled pattern. */
export interface PatternMatcher {
  test(text: string): boolean;
}

/**
 * The longest text (UTF-16 units) a pattern is run on: twice the 32,767 characters a text field
 * may hold. A longer value fails its length check anyway (ajv reports every error, so without
 * this the pattern would run over a whole 1 MiB body too).
 */
export const PATTERN_INPUT_LIMIT = 2 * 32767;

class Unusable extends Error {
  constructor(readonly problem: PatternProblem) {
    super(problem.detail);
  }
}

type Range = readonly [number, number];
const MAX_CP = 0x10ffff;
const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
// JavaScript's \s: WhiteSpace and LineTerminator (ECMA-262), the ideographic space U+3000 among them.
const SPACE: Range[] = [[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
// What `.` does not match without the s flag.
const LINE_END: Range[] = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    // Stryker disable next-line ConditionalExpression, EqualityOperator: every table starts above 0 and leaves a gap before each range
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  // Stryker disable next-line ConditionalExpression, EqualityOperator: no table reaches MAX_CP
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

const hex = (cp: number) => `\\x{${cp.toString(16)}}`;
const rangesText = (ranges: readonly Range[]) => ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');

// General categories by their long names (RE2 knows the short ones), and the script codes
// JavaScript accepts for the scripts Tessera's users write in.
const CATEGORIES: Record<string, string> = {
  Letter: 'L', Cased_Letter: 'LC', Uppercase_Letter: 'Lu', Lowercase_Letter: 'Ll', Titlecase_Letter: 'Lt', Modifier_Letter: 'Lm', Other_Letter: 'Lo',
  Mark: 'M', Nonspacing_Mark: 'Mn', Spacing_Mark: 'Mc', Enclosing_Mark: 'Me',
  Number: 'N', Decimal_Number: 'Nd', Letter_Number: 'Nl', Other_Number: 'No',
  Punctuation: 'P', Connector_Punctuation: 'Pc', Dash_Punctuation: 'Pd', Open_Punctuation: 'Ps', Close_Punctuation: 'Pe', Initial_Punctuation: 'Pi', Final_Punctuation: 'Pf', Other_Punctuation: 'Po',
  Symbol: 'S', Math_Symbol: 'Sm', Currency_Symbol: 'Sc', Modifier_Symbol: 'Sk', Other_Symbol: 'So',
  Separator: 'Z', Space_Separator: 'Zs', Line_Separator: 'Zl', Paragraph_Separator: 'Zp',
  Other: 'C', Control: 'Cc', Format: 'Cf', Surrogate: 'Cs', Private_Use: 'Co', Unassigned: 'Cn',
};
const SCRIPTS: Record<string, string> = { Hani: 'Han', Latn: 'Latin', Grek: 'Greek', Cyrl: 'Cyrillic', Arab: 'Arabic', Hira: 'Hiragana', Kana: 'Katakana', Hang: 'Hangul', Thai: 'Thai' };

function property(node: AST.UnicodePropertyCharacterSet): string {
  const { key, value } = node as { key: string; value: string | null };
  let name: string | undefined;
  if ((key === 'General_Category' || key === 'gc') && value) name = CATEGORIES[value] ?? value;
  else if ((key === 'Script' || key === 'sc') && value) name = SCRIPTS[value] ?? value;
  else if (key === 'Any') name = 'Any';
  if (!name) throw new Unusable({ reason: 'unsupported', detail: `\\p{${value ? `${key}=${value}` : key}}` });
  return `\\${node.negate ? 'P' : 'p'}{${name}}`;
}

/** A character set (\d \s \w and their negations) as ranges. */
function escapeRanges(node: AST.EscapeCharacterSet): Range[] {
  const base = node.kind === 'digit' ? DIGIT : node.kind === 'word' ? WORD : SPACE;
  return node.negate ? complement(base) : base;
}

function classElement(e: AST.CharacterClassElement): string {
  switch (e.type) {
    case 'Character':
      return hex(e.value);
    case 'CharacterClassRange':
      return `${hex(e.min.value)}-${hex(e.max.value)}`;
    case 'CharacterSet':
      return e.kind === 'property' ? property(e) : rangesText(escapeRanges(e));
  }
  throw new Unusable({ reason: 'unsupported', detail: e.raw });
}

function quantifier(q: AST.Quantifier): string {
  const { min, max } = q;
  const count = max === Infinity ? (min === 0 ? '*' : min === 1 ? '+' : `{${min},}`) : min === 0 && max === 1 ? '?' : min === max ? `{${min}}` : `{${min},${max}}`;
  return `${element(q.element)}${count}${q.greedy ? '' : '?'}`;
}

function alternatives(list: AST.Alternative[]): string {
  return list.map((a) => a.elements.map(element).join('')).join('|');
}

function element(e: AST.Node): string {
  switch (e.type) {
    case 'Character':
      return hex(e.value);
    case 'CharacterSet':
      if (e.kind === 'any') return `[${rangesText(complement(LINE_END))}]`;
      if (e.kind === 'property') return property(e);
      return `[${rangesText(escapeRanges(e))}]`;
    case 'CharacterClass': {
      // Stryker disable next-line ConditionalExpression: parsed with the u flag, never v, so no class has unicodeSets
      if (e.unicodeSets) break;
      const inner = e.elements.map(classElement).join('');
      // [] matches nothing and [^] anything in JavaScript; RE2 has no empty class.
      if (inner === '') return e.negate ? `[${hex(0)}-${hex(MAX_CP)}]` : `[^${hex(0)}-${hex(MAX_CP)}]`;
      return `[${e.negate ? '^' : ''}${inner}]`;
    }
    case 'Quantifier':
      return quantifier(e);
    // Stryker disable next-line ConditionalExpression: without modifiers (below) the next case writes the same (?:…)
    case 'Group':
      // Stryker disable next-line ConditionalExpression: parsed as ES2024, which refuses (?i:…), so no group has modifiers
      if (e.modifiers) break;
      return `(?:${alternatives(e.alternatives)})`;
    case 'CapturingGroup':
      return `(?:${alternatives(e.alternatives)})`;
    case 'Assertion':
      if (e.kind === 'start') return '\\A';
      if (e.kind === 'end') return '\\z';
      if (e.kind === 'word') return e.negate ? '\\B' : '\\b';
      throw new Unusable({ reason: 'unsafe', detail: e.raw });
    case 'Backreference':
      throw new Unusable({ reason: 'unsafe', detail: e.raw });
  }
  throw new Unusable({ reason: 'unsupported', detail: (e as { raw: string }).raw });
}

const parser = new RegExpParser({ ecmaVersion: 2024 });

type Prepared = { ok: true; source: string; re: RE2JS } | ({ ok: false } & PatternProblem);

function prepare(pattern: string): Prepared {
  let ast: AST.Pattern;
  try {
    ast = parser.parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch (err) {
    return { ok: false, reason: 'invalid', detail: (err as Error).message };
  }
  try {
    const source = alternatives(ast.alternatives);
    // RE2's own limits apply here: no repeat past 1000, no program too large to run.
    return { ok: true, source, re: RE2JS.compile(source) };
  } catch (err) {
    if (err instanceof Unusable) return { ok: false, ...err.problem };
    // Stryker disable next-line Regex: RE2JS writes this prefix only at the start of a message
    return { ok: false, reason: 'unsupported', detail: (err as Error).message.replace(/^error parsing regexp: /, '') };
  }
}

/** Whether a pattern can be used, and its RE2 form when it can. */
export function checkPattern(pattern: string): PatternCheck {
  const p = prepare(pattern);
  return p.ok ? { ok: true, source: p.source } : p;
}

/**
 * A pattern as a matcher: RegExp's `test` (a match anywhere in the text), in linear time. A
 * pattern that cannot be used (one saved before patterns were checked) matches nothing, so the
 * field's values are refused until the analyst fixes the pattern, rather than run unbounded.
 */
export function compilePattern(pattern: string): PatternMatcher {
  const p = prepare(pattern);
  if (!p.ok) return { test: () => false };
  const re = p.re;
  return { test: (text) => text.length <= PATTERN_INPUT_LIMIT && re.matcher(text).find() };
}

/** The keyword a text field's pattern has in a record's JSON Schema (see fieldPatternKeyword). */
export const FIELD_PATTERN = 'fieldPattern';

/**
 * The ajv keyword for an analyst's pattern: ajv's own `pattern` would run it on RegExp. It
 * reports as `pattern` does (keyword, params, message), so nothing downstream tells them apart.
 * The engine's own patterns (system keys, datetimes) stay plain `pattern`: they are known to be
 * linear, and RegExp runs them some twenty times faster.
 */
export const fieldPatternKeyword: FuncKeywordDefinition = {
  keyword: FIELD_PATTERN,
  type: 'string',
  schemaType: 'string',
  errors: true,
  compile(pattern: string) {
    const matcher = compilePattern(pattern);
    const validate: SchemaValidateFunction = (text: string) => {
      if (matcher.test(text)) return true;
      // Stryker disable next-line StringLiteral: the engine words a pattern issue from its code (validationMessage), never from ajv's message
      validate.errors = [{ keyword: 'pattern', params: { pattern }, message: `must match pattern "${pattern}"` }];
      return false;
    };
    return validate;
  },
};
