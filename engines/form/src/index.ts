// Public surface of the form engine (pure: no I/O). The React renderer is the `./react` entry.
export * from './schema';
export * from './formula';
export * from './numbers';
export * from './dates';
export * from './engine';
export { BUILTIN_FIELD_TYPES, storesList, filterKindOf, checkPattern, compilePattern, PATTERN_INPUT_LIMIT, type FieldTypeDef, type JsonSchema, type ConditionTarget, type FilterKind, type PatternCheck, type PatternMatcher, type PatternProblem } from './fields';
export * from './conditions';
