// Testing documents against a filter, for the embedded store's reads and conditional writes.
import { Query } from 'mingo';
import type { Doc, Filter } from '../types';

/**
 * A document test for a filter. Plain top-level equalities ({ _id: x, _v: 3 }) — most reads and
 * conditional writes — are tested directly; everything else goes through mingo's Query, whose
 * construction costs ~0.1 ms.
 */
export function matcher(filter: Filter): { test(doc: Doc): boolean } {
  const entries = Object.entries(filter);
  // Stryker disable next-line StringLiteral, ArrowFunction: each only narrows which filters take the direct test; the others go through mingo's Query, which answers the same
  const simple = entries.every(([k, v]) => !k.startsWith('$') && !k.includes('.') && (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))));
  if (!simple) return new Query(filter);
  return {
    test: (doc) =>
      entries.every(([k, v]) => {
        const d = doc[k];
        return d === v || (Array.isArray(d) && d.includes(v));
      }),
  };
}
