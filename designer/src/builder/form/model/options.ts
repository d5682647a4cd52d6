// Bulk editing of choice options: lines of text (pasted from Excel) become options; a line that
// matches an existing label keeps that option (its stored value and colour), so records that
// use it keep pointing at it.
import { textOf, type Locale, type SelectOption } from '@tessera/form-engine';

export function optionsFromLines(lines: string[], existing: readonly SelectOption[], locale: Locale, newValue: () => string): SelectOption[] {
  const byLabel = new Map(existing.map((o) => [textOf(o.label, locale), o]));
  const seen = new Set<string>();
  const out: SelectOption[] = [];
  for (const raw of lines) {
    const label = raw.trim();
    if (!label || seen.has(label)) continue;
    seen.add(label);
    out.push(byLabel.get(label) ?? { value: newValue(), label });
  }
  return out;
}
