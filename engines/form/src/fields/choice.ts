// Selects, people and departments, relations.
import type { FieldTypeDef } from './types';
import { defineFieldType, nullable } from './types';
import { LIST_OFFER, ONE_OF_OFFER } from './conditions';

const id = { type: 'string', minLength: 1, maxLength: 64 };
const relationRef = { type: 'object', required: ['id'], properties: { id, display: { type: 'string', maxLength: 500 } }, additionalProperties: false };

export const choiceTypes: FieldTypeDef[] = [
  defineFieldType({
    type: 'select',
    valueSchema: (f) => nullable({ type: 'string', enum: f.options.map((o) => o.value) }),
    operators: ['eq', 'ne', 'anyOf', 'noneOf', 'empty', 'notEmpty'],
    target: { kind: 'text' },
  }),
  defineFieldType({
    type: 'multiselect',
    valueSchema: (f) => {
      const s: Record<string, unknown> = { type: 'array', uniqueItems: true, items: { type: 'string', enum: f.options.map((o) => o.value) } };
      if (f.validation?.minItems !== undefined) s.minItems = f.validation.minItems;
      if (f.validation?.maxItems !== undefined) s.maxItems = f.validation.maxItems;
      return nullable(s);
    },
    isEmpty: (v) => v === null || v === undefined || (Array.isArray(v) && v.length === 0),
    list: true,
    ...LIST_OFFER,
  }),
  defineFieldType({
    type: 'member',
    valueSchema: (f) => nullable(f.multiple ? { type: 'array', items: id, uniqueItems: true } : id),
    operators: (f) => (f.multiple ? LIST_OFFER : ONE_OF_OFFER).operators,
    target: (f) => (f.multiple ? LIST_OFFER : ONE_OF_OFFER).target,
    list: (f) => !!f.multiple,
  }),
  defineFieldType({
    type: 'department',
    valueSchema: (f) => nullable(f.multiple ? { type: 'array', items: id, uniqueItems: true } : id),
    operators: (f) => (f.multiple ? LIST_OFFER : ONE_OF_OFFER).operators,
    target: (f) => (f.multiple ? LIST_OFFER : ONE_OF_OFFER).target,
    list: (f) => !!f.multiple,
  }),
  defineFieldType({
    type: 'relation',
    valueSchema: (f) => nullable(f.multiple ? { type: 'array', items: relationRef, maxItems: 500 } : relationRef),
    isEmpty: (v) => v === null || v === undefined || (Array.isArray(v) && v.length === 0),
    // Tested on the related record's display text; with several, "any of the linked records".
    operators: ['eq', 'ne', 'contains', 'empty', 'notEmpty'],
    target: (f) => ({ kind: 'text', property: 'display', many: !!f.multiple }),
    list: (f) => !!f.multiple,
  }),
];
