// The package serializer: the same data always gives the same bytes, whatever order its keys
// were built or stored in. Known keys come in a fixed reading order (an app's id and name
// first; fields, rows and file data last), every other key alphabetically; arrays keep their
// order; 2-space indent and a trailing newline. Written by hand rather than through
// JSON.stringify with reordered objects, because JavaScript puts integer-like keys ("10") of an
// object first whatever order they were added in.

const FIRST = ['format', 'app', 'forms', 'records', 'files', '_id', 'id', 'type', 'name', 'label', 'title', 'description', 'icon', 'color'];
const LAST = ['navigation', 'fields', 'tabs', 'columns', 'options', 'rules', 'crossChecks', 'children', 'data'];
const rank = new Map<string, number>([...FIRST.map((k, i) => [k, i - FIRST.length] as const), ...LAST.map((k, i) => [k, i + 1] as const)]);

function compareKeys(a: string, b: string): number {
  const ra = rank.get(a) ?? 0;
  const rb = rank.get(b) ?? 0;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function write(value: unknown, indent: string, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    out.push(value === undefined ? 'null' : JSON.stringify(value));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return void out.push('[]');
    out.push('[\n');
    value.forEach((v, i) => {
      out.push(inner);
      write(v, inner, out);
      out.push(i < value.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}]`);
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareKeys);
  if (keys.length === 0) return void out.push('{}');
  out.push('{\n');
  keys.forEach((k, i) => {
    out.push(`${inner}${JSON.stringify(k)}: `);
    write(obj[k], inner, out);
    out.push(i < keys.length - 1 ? ',\n' : '\n');
  });
  out.push(`${indent}}`);
}

/** Canonical JSON text of a package (or any JSON value). */
export function canonicalPackageJson(value: unknown): string {
  const out: string[] = [];
  write(value, '', out);
  out.push('\n');
  return out.join('');
}
