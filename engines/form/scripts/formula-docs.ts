// Renders docs/formulas.md: the hand-written prose in formula-docs.template.md, with the function
// tables (name, description, example, result) generated from the function definitions in place of
// its marker. Pure apart from reading the template, so a test can compare it with the file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_FUNCTIONS, type FunctionDef } from '../src';

export const FORMULA_DOCS_PATH = join(__dirname, '..', '..', '..', 'docs', 'formulas.md');
const TEMPLATE_PATH = join(__dirname, 'formula-docs.template.md');
const MARKER = '<!-- function tables -->\n';

type Lang = 'zh-CN' | 'en-US';

const CATEGORIES: Record<FunctionDef['category'], Record<Lang, string>> = {
  math: { 'zh-CN': '数学', 'en-US': 'Math' },
  aggregate: { 'zh-CN': '汇总（可用于子表单列）', 'en-US': 'Aggregates (work on subform columns)' },
  logic: { 'zh-CN': '逻辑', 'en-US': 'Logic' },
  text: { 'zh-CN': '文本', 'en-US': 'Text' },
  date: { 'zh-CN': '日期', 'en-US': 'Date' },
};
const HEADER: Record<Lang, string> = {
  'zh-CN': '| 函数 | 说明 | 示例 | 结果 |',
  'en-US': '| Function | What it does | Example | Result |',
};

const esc = (s: string) => s.replace(/\|/g, '\\|');

function tables(functions: readonly FunctionDef[], lang: Lang): string {
  return Object.entries(CATEGORIES)
    .map(([category, title]) => {
      const rows = functions
        .filter((f) => f.category === category)
        .map((f) => `| \`${f.name}\` | ${esc(f.description[lang])} | \`${esc(f.example)}\` | \`${esc(f.exampleResult)}\` |`);
      return `### ${title[lang]}\n\n${HEADER[lang]}\n|---|---|---|---|\n${rows.join('\n')}\n`;
    })
    .join('\n');
}

/** The whole of docs/formulas.md for these functions. */
export function renderFormulaDocs(functions: readonly FunctionDef[] = BUILTIN_FUNCTIONS): string {
  const template = readFileSync(TEMPLATE_PATH, 'utf8');
  const parts = template.split(MARKER);
  if (parts.length !== 2) throw new Error(`${TEMPLATE_PATH} must hold the line ${MARKER.trim()} exactly once`);
  const generated = `## 函数 / Functions (${functions.length})

${tables(functions, 'zh-CN')}

### English names and descriptions

${tables(functions, 'en-US')}
`;
  return parts[0] + generated + parts[1];
}
