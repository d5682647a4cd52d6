// Writes docs/formulas.md (see formula-docs.ts): edit the prose in formula-docs.template.md and the
// functions' descriptions and examples, then run: npx tsx engines/form/scripts/gen-formula-docs.ts
// engines/form/tests/formula/docs.test.ts fails while the file is out of date.
import { writeFileSync } from 'node:fs';
import { BUILTIN_FUNCTIONS } from '../src';
import { FORMULA_DOCS_PATH, renderFormulaDocs } from './formula-docs';

writeFileSync(FORMULA_DOCS_PATH, renderFormulaDocs(BUILTIN_FUNCTIONS));
console.log(`docs/formulas.md: ${BUILTIN_FUNCTIONS.length} functions`);
