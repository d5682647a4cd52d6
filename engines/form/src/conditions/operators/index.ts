// Every built-in condition operator, by family, in the order they are looked for in logic.
import type { OperatorDef } from '../types';
import { compareOperators } from './compare';
import { textOperators } from './text';
import { choiceOperators } from './choice';
import { dateOperators } from './date';
import { presenceOperators } from './presence';

export const BUILTIN_OPERATORS: readonly OperatorDef[] = [...compareOperators, ...textOperators, ...choiceOperators, ...dateOperators, ...presenceOperators];
