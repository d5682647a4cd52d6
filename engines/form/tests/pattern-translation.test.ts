// How checkPattern writes an analyst's JavaScript pattern for RE2 (the `source` it returns): each
// repeat as the short operator JavaScript wrote, lazy repeats kept lazy, and a class of one
// character written as that character. The matches themselves are compared with RegExp in limits.test.ts.
import { checkPattern } from '../src';

const WORD = '[\\x{30}-\\x{39}\\x{41}-\\x{5a}\\x{5f}\\x{61}-\\x{7a}]';

test.each([
  ['zero or more', '^a*$', '\\A\\x{61}*\\z'],
  ['one or more', '^a+$', '\\A\\x{61}+\\z'],
  ['optional', '^a?$', '\\A\\x{61}?\\z'],
  ['one or more, as few as possible', '^a+?$', '\\A\\x{61}+?\\z'],
  ['\\w, its underscore written as one character, not a range', '^\\w$', `\\A${WORD}\\z`],
])('%s', (_what, pattern, source) => {
  expect(checkPattern(pattern)).toEqual({ ok: true, source });
});
