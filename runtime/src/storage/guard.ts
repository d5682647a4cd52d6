// Defence in depth for both adapters: filters and updates that reach a store are checked here
// even though the HTTP layer compiles client filters through its own allow-list. Code
// execution operators and prototype keys never reach the query engine.
import { StoreError, type Filter, type Update } from './types';

const FORBIDDEN_OPERATORS = new Set(['$where', '$function', '$accumulator', '$expr', '$jsonSchema']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const UPDATE_OPERATORS = new Set(['$set', '$inc', '$push', '$pull', '$unset', '$setOnInsert']);

function walk(value: unknown, path: string, depth: number, onOperator: (op: string, path: string) => void): void {
  if (depth > 32) throw new StoreError('INVALID_QUERY', 'Query is nested too deeply', { path });
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1, onOperator));
    return;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new StoreError('INVALID_QUERY', `Key "${key}" is not allowed`, { path: `${path}.${key}` });
    if (key.startsWith('$')) onOperator(key, path);
    walk((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1, onOperator);
  }
}

export function checkFilter(filter: Filter): void {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new StoreError('INVALID_QUERY', 'A filter must be an object');
  }
  walk(filter, '', 0, (op, path) => {
    if (FORBIDDEN_OPERATORS.has(op)) throw new StoreError('INVALID_QUERY', `Operator ${op} is not allowed`, { path, operator: op });
  });
}

export function checkUpdate(update: Update): void {
  if (update === null || typeof update !== 'object' || Array.isArray(update)) {
    throw new StoreError('INVALID_UPDATE', 'An update must be an object of update operators');
  }
  const ops = Object.keys(update);
  if (ops.length === 0) throw new StoreError('INVALID_UPDATE', 'An update needs at least one operator');
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) throw new StoreError('INVALID_UPDATE', `Update operator ${op} is not supported`, { operator: op });
    const body = update[op];
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new StoreError('INVALID_UPDATE', `${op} takes an object`, { operator: op });
    }
    for (const field of Object.keys(body)) {
      if (field === '_id') throw new StoreError('INVALID_UPDATE', 'The _id of a document cannot change', { operator: op });
      if (field.split('.').some((p) => FORBIDDEN_KEYS.has(p) || p.startsWith('$'))) {
        throw new StoreError('INVALID_UPDATE', `Field path "${field}" is not allowed`, { operator: op, field });
      }
    }
    walk(body, op, 0, (inner, path) => {
      if (FORBIDDEN_OPERATORS.has(inner)) throw new StoreError('INVALID_UPDATE', `Operator ${inner} is not allowed`, { path });
    });
  }
}

/** Index names and collection names are plain identifiers. */
export function checkName(kind: string, name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,119}$/.test(name) || name.includes('$')) {
    throw new StoreError('INVALID_QUERY', `Invalid ${kind} name "${name}"`);
  }
}

export function indexName(spec: { name?: string; keys: Record<string, 1 | -1> }): string {
  return spec.name ?? Object.entries(spec.keys).map(([k, d]) => `${k}_${d}`).join('_');
}
