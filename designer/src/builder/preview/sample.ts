// Test data for the preview: a plausible value for every field the user fills, so rules and
// formulas can be seen working without typing a whole record.
import { dataFields, type Field, type FormSchema, type Locale } from '@tessera/form-engine';

/** Sample words in the reader's language (codes read the same in both). */
const SAMPLES: Record<Locale, { words: string[]; note: string; address: string }> = {
  'zh-CN': { words: ['A-2026-001', '华东仓', '批次 0420', '华东精密', '合格'], note: '示例说明\n第二行', address: '上海市' },
  'en-US': { words: ['A-2026-001', 'East warehouse', 'Lot 0420', 'Acme Ltd', 'Passed'], note: 'Sample note\nSecond line', address: 'Shanghai' },
};

function valueFor(f: Field, i: number, locale: Locale): unknown {
  const { words, note, address } = SAMPLES[locale];
  switch (f.type) {
    case 'text':
    case 'barcode':
      return words[i % words.length];
    case 'textarea':
      return note;
    case 'number':
      return (i % 7) + 3;
    case 'money':
      return 12.5 * ((i % 4) + 1);
    case 'percent':
      return 0.95;
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'datetime':
      return new Date().toISOString();
    case 'select':
      return f.options[i % Math.max(1, f.options.length)]?.value ?? null;
    case 'multiselect':
      return f.options.slice(0, 2).map((o) => o.value);
    case 'switch':
      return i % 2 === 0;
    case 'location':
      return { lat: 31.2304, lng: 121.4737, address };
    case 'subform':
      return [0, 1].map((r) => Object.fromEntries(dataFields(f.fields).flatMap((c, k) => {
        const v = valueFor(c, r + k, locale);
        return v === undefined ? [] : [[c.id, v]];
      })));
    default:
      // Files, signatures, people, relations, serials and computed fields are left to the widget.
      return undefined;
  }
}

export function sampleRecord(schema: FormSchema, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  dataFields(schema.fields).forEach((f, i) => {
    const v = valueFor(f, i, locale);
    if (v !== undefined) out[f.id] = v;
  });
  return out;
}
