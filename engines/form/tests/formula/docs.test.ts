// docs/formulas.md is generated: hand edits there are lost on the next run, and a changed
// description or example must reach the docs. Fix a failure by editing the definition or
// engines/form/scripts/formula-docs.template.md, then: npx tsx engines/form/scripts/gen-formula-docs.ts
import { readFileSync } from 'node:fs';
import { FORMULA_DOCS_PATH, renderFormulaDocs } from '../../scripts/formula-docs';

test('docs/formulas.md is what gen-formula-docs.ts writes', () => {
  expect(readFileSync(FORMULA_DOCS_PATH, 'utf8')).toBe(renderFormulaDocs());
});
