// SEARCH and criteria wildcards (* ? ~) against a RegExp reference on short random texts, where
// a RegExp is still fast: the linear-time matcher must find the same answers.
import { run } from './excel/cases';

/** The wildcards as the RegExp Tessera used to build: the reference. */
function reference(pattern: string): string {
  const chars = [...pattern];
  let src = '';
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i];
    if (c === '*') src += '[\\s\\S]*';
    else if (c === '?') src += '[\\s\\S]';
    else {
      if (c === '~' && '*?~'.includes(chars[i + 1] ?? '-')) c = chars[++i];
      src += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return src;
}

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20261124);
const pick = (alphabet: string, max: number) => Array.from({ length: Math.floor(next() * (max + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
const RANDOM = Array.from({ length: 300 }, () => [pick('aAb*?~', 5), pick('aAb*?~', 8)] as const);
/** Letters whose case folding is more than ASCII's: the Kelvin sign K, the long s ſ, the final sigma ς. */
const FOLDS = [['k?', '\u212A1'], ['?\u212A', 'ak'], ['a*ſ', 'AS'], ['*s', 'xſ'], ['σ?', 'ςa'], ['?ς', 'aΣ']] as const;
const CASES = [...RANDOM, ...FOLDS];

test.each(FOLDS)('%j matches %j when case is folded', (pattern, text) => {
  expect(new RegExp(`^${reference(pattern)}$`, 'iu').test(text)).toBe(true);
});

test.each(CASES)('SEARCH(%j, %j) finds what the RegExp finds', (pattern, text) => {
  const m = new RegExp(reference(pattern), 'iu').exec(text);
  const got = run('SEARCH(备注, 明细.物料)', { txt: pattern, lines: [{ name: text }] });
  expect(got).toEqual(m ? m.index + 1 : { error: '#VALUE!' });
});

test.each(CASES.filter(([p]) => /[*?]/.test(p)))('COUNTIF with %j matches %j as the RegExp does', (pattern, text) => {
  const whole = new RegExp(`^${reference(pattern)}$`, 'iu').test(text) && text !== '';
  expect(run('COUNTIF(明细.物料, 备注)', { txt: pattern, lines: [{ name: text }] })).toBe(whole ? 1 : 0);
});
