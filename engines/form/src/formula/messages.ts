// Formula error messages in zh-CN and en-US, keyed by code.
import type { Locale } from '../schema';

export interface FormulaSyntaxError {
  code: 'SYNTAX' | 'UNKNOWN_FIELD' | 'UNKNOWN_FUNCTION' | 'ARITY';
  message: string;
  /** 0-based index of the offending character in the text. */
  position: number;
  length: number;
  params?: Record<string, unknown>;
}

type P = Record<string, unknown>;
const MESSAGES: Record<Locale, Record<string, (p: P, at: number) => string>> = {
  'zh-CN': {
    SYNTAX: (p, at) =>
      p.reason === 'empty' ? '公式为空'
      : p.reason === 'unclosed-string' ? `第 ${at + 1} 个字符处的文本缺少结束引号`
      : p.reason === 'unclosed-bracket' ? `第 ${at + 1} 个字符处的 [ 缺少 ]`
      : p.reason === 'expected' ? `第 ${at + 1} 个字符处应为 “${p.expected}”`
      : p.reason === 'unexpected-end' ? '公式不完整'
      : p.reason === 'too-deep' ? `公式嵌套太深（第 ${at + 1} 个字符处），最多 ${p.max} 层`
      : `第 ${at + 1} 个字符处有多余的 “${p.char}”`,
    UNKNOWN_FIELD: (p, at) => `第 ${at + 1} 个字符处的字段“${p.name}”不存在`,
    UNKNOWN_FUNCTION: (p, at) => `第 ${at + 1} 个字符处的函数“${p.name}”不存在`,
    ARITY: (p) =>
      p.pairedAfter !== undefined ? `函数 ${p.name} ${p.pairedAfter ? `第 ${p.pairedAfter} 个之后的` : '的'}参数须两两成对，实际为 ${p.got} 个`
      : `函数 ${p.name} 需要 ${p.min === p.max ? p.min : `${p.min}~${p.max === Infinity ? 'N' : p.max}`} 个参数，实际为 ${p.got} 个`,
  },
  'en-US': {
    SYNTAX: (p, at) =>
      p.reason === 'empty' ? 'The formula is empty'
      : p.reason === 'unclosed-string' ? `The text at character ${at + 1} has no closing quote`
      : p.reason === 'unclosed-bracket' ? `The [ at character ${at + 1} has no closing ]`
      : p.reason === 'expected' ? `Expected "${p.expected}" at character ${at + 1}`
      : p.reason === 'unexpected-end' ? 'The formula is incomplete'
      : p.reason === 'too-deep' ? `The formula nests too deeply at character ${at + 1} (at most ${p.max} levels)`
      : `Unexpected "${p.char}" at character ${at + 1}`,
    UNKNOWN_FIELD: (p, at) => `No field named "${p.name}" (character ${at + 1})`,
    UNKNOWN_FUNCTION: (p, at) => `No function named ${p.name} (character ${at + 1})`,
    ARITY: (p) =>
      p.pairedAfter !== undefined ? `${p.name} takes its arguments${p.pairedAfter ? ` after the first ${p.pairedAfter === 1 ? '' : `${p.pairedAfter} `}` : ' '}in pairs, not ${p.got}`
      : `${p.name} takes ${p.min === p.max ? p.min : `${p.min} to ${p.max === Infinity ? 'any number of' : p.max}`} arguments, not ${p.got}`,
  },
};

export function errorMessage(code: FormulaSyntaxError['code'], params: P, position: number, locale: Locale): string {
  return MESSAGES[locale][code](params, position);
}
