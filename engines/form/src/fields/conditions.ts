// The condition operators each kind of field offers, in the order the rule builder lists them,
// with what they compare. Field definitions pick from these; the operators themselves live in
// ../conditions/operators.
import type { ConditionTarget } from './types';

interface Offer {
  operators: readonly string[];
  target: ConditionTarget;
}

export const TEXT_OFFER: Offer = { operators: ['eq', 'ne', 'contains', 'notContains', 'startsWith', 'empty', 'notEmpty'], target: { kind: 'text' } };
export const NUMBER_OFFER: Offer = { operators: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'notEmpty'], target: { kind: 'number' } };
export const DATE_OFFER: Offer = { operators: ['eq', 'before', 'after', 'between', 'withinLastDays', 'withinNextDays', 'empty', 'notEmpty'], target: { kind: 'date' } };
export const BOOLEAN_OFFER: Offer = { operators: ['isTrue', 'isFalse'], target: { kind: 'boolean' } };
/** One value out of a known set (an option, a member id). */
export const ONE_OF_OFFER: Offer = { operators: ['anyOf', 'noneOf', 'empty', 'notEmpty'], target: { kind: 'text' } };
/** Several values out of a known set. */
export const LIST_OFFER: Offer = { operators: ['includesAny', 'includesAll', 'empty', 'notEmpty'], target: { kind: 'text', many: true } };
/** Files, signatures, places, subforms: nothing a rule compares. */
export const NO_OFFER: Offer = { operators: [], target: { kind: 'text' } };
