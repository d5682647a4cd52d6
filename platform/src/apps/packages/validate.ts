// Checking a package before anything is written: its format, the app (id, meta, navigation:
// by the routes' own JSON schemas, app-check.ts), every form by the form engine among its
// siblings, every record by its form (values as the engine stores them), unique values, and
// file refs against the package's files. Problems come back as `{ path, code, message }` with
// paths into the package as sent (`app.name`, `forms[1].fields[3].formula`,
// `records.iqc[0].lines[1].qty`). Packages exported before navigation entries had types (the
// app's id as `_id`, groups as `{ id, label, formIds }`) are read as the current format first,
// the navigation by the normaliser reads use.
import { say, textOf, type FormSchema, type Locale } from '@tessera/form-engine';
import { ALLOWED_FILE_TYPES, uniqueFields } from '@tessera/runtime';
import { siblingsOf, type AppsContext } from '../context';
import { INVALID_PACKAGE, UNSUPPORTED_FORMAT } from '../errors';
import { isObject } from '../json';
import { withoutVersion } from '../model';
import { formTargets, hasFirstFormat, normalizeNavigation, type NavIssue } from '../navigation';
import { appIssues } from './app-check';
import { SAYS } from './messages';
import { recordShape } from './shape';
import { fileRefs, FORMAT, type AppPackage, type PackageFile, type PackageRecord } from './format';

export type PackageIssue = NavIssue;

const FORM_ID = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FILE_ID = /^[0-9a-f]{24}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_ISSUES = 100;

class Checker {
  readonly issues: PackageIssue[] = [];
  constructor(readonly locale: Locale) {}
  add(path: string, code: string, [zh, en]: [string, string]): void {
    this.push({ path, code, message: say(this.locale, zh, en) });
  }
  push(issue: PackageIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
  }
  keys(obj: Record<string, unknown>, allowed: readonly string[], base: string): void {
    for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.add(base ? `${base}.${k}` : k, 'unknown_property', SAYS.property(k));
  }
}

/** The app of a package from an older Tessera with its id where today's packages have it (navigation: see validatePackage). */
function currentApp(app: unknown): unknown {
  if (!isObject(app) || app._id === undefined || app.id !== undefined) return app;
  const { _id, ...rest } = app;
  return { id: _id, ...rest };
}

/** The ids the package's forms name (what its navigation and records may refer to). */
function namedFormIds(forms: unknown): Set<string> {
  return new Set(Array.isArray(forms) ? forms.flatMap((f) => (isObject(f) && typeof f.id === 'string' ? [f.id] : [])) : []);
}

/** Each form checked by the engine among the package's forms: the ids named, and the schemas that passed. */
function checkForms(k: Checker, x: AppsContext, forms: unknown): { ids: Set<string>; checked: Map<string, FormSchema> } {
  const out = new Map<string, FormSchema>();
  const seen = new Set<string>();
  if (!Array.isArray(forms)) {
    k.add('forms', 'type', SAYS.formsList());
    return { ids: seen, checked: out };
  }
  if (forms.length > 200) k.add('forms', 'maxItems', SAYS.tooManyForms());
  const raw = forms.map((f) => (isObject(f) ? (withoutVersion(f as unknown as FormSchema) as unknown as Record<string, unknown>) : f));
  raw.forEach((f, i) => {
    if (!isObject(f)) return k.add(`forms[${i}]`, 'type', SAYS.form());
    if (typeof f.id === 'string' && seen.has(f.id)) k.add(`forms[${i}].id`, 'duplicate_form', SAYS.formTwice(f.id));
    else if (typeof f.id === 'string') seen.add(f.id);
  });
  const siblings = siblingsOf(raw.filter(isObject) as unknown as FormSchema[]);
  raw.forEach((f, i) => {
    if (!isObject(f)) return;
    if (typeof f.id === 'string' && !FORM_ID.test(f.id)) k.add(`forms[${i}].id`, 'pattern', SAYS.formId());
    const r = x.engine.checkSchema(f, { forms: siblings, locale: k.locale });
    if (!r.ok) for (const issue of r.issues) k.push({ path: issue.path ? `forms[${i}].${issue.path}` : `forms[${i}]`, code: issue.code, message: issue.message });
    else if (!out.has(r.schema.id)) out.set(r.schema.id, r.schema);
  });
  return { ids: seen, checked: out };
}

function checkFiles(k: Checker, files: unknown): Map<string, PackageFile> {
  const out = new Map<string, PackageFile>();
  if (files === undefined) return out;
  if (!Array.isArray(files)) {
    k.add('files', 'type', SAYS.filesList());
    return out;
  }
  files.forEach((f, i) => {
    const at = `files[${i}]`;
    if (!isObject(f)) return k.add(at, 'type', SAYS.file());
    k.keys(f, ['id', 'name', 'contentType', 'size', 'data'], at);
    if (typeof f.id !== 'string' || !FILE_ID.test(f.id)) return k.add(`${at}.id`, 'pattern', SAYS.fileId());
    if (out.has(f.id)) return k.add(`${at}.id`, 'duplicate_file', SAYS.fileTwice(f.id));
    if (typeof f.name !== 'string' || f.name.length === 0 || f.name.length > 300) k.add(`${at}.name`, 'type', SAYS.fileName());
    if (typeof f.contentType !== 'string' || !ALLOWED_FILE_TYPES.test(f.contentType)) k.add(`${at}.contentType`, 'unsupported_type', SAYS.fileType(String(f.contentType)));
    if (typeof f.data !== 'string' || f.data.length % 4 !== 0 || !BASE64.test(f.data)) return k.add(`${at}.data`, 'base64', SAYS.base64());
    if (f.size !== Buffer.byteLength(f.data, 'base64')) k.add(`${at}.size`, 'size_mismatch', SAYS.size());
    out.set(f.id, f as unknown as PackageFile);
  });
  return out;
}

/** Each record by its form's engine; returns the values as they will be stored. */
function checkRecords(k: Checker, x: AppsContext, records: unknown, forms: ReturnType<typeof checkForms>, files: Map<string, PackageFile>): Record<string, PackageRecord[]> {
  const out: Record<string, PackageRecord[]> = {};
  if (records === undefined) return out;
  if (!isObject(records)) {
    k.add('records', 'type', SAYS.recordsMap());
    return out;
  }
  for (const [formId, list] of Object.entries(records)) {
    const base = `records.${formId}`;
    const schema = forms.checked.get(formId);
    if (!schema && forms.ids.has(formId)) continue; // the form itself is wrong: reported at forms[…]
    if (!schema) {
      k.add(base, 'unknown_form', SAYS.recordsForm(formId));
      continue;
    }
    if (!Array.isArray(list)) {
      k.add(base, 'type', SAYS.recordsList());
      continue;
    }
    const ids = new Set<string>();
    const uniques = uniqueFields(schema);
    const uniqueSeen = new Map(uniques.map((f) => [f.id, new Set<string>()]));
    out[formId] = [];
    list.forEach((rec, i) => {
      const at = `${base}[${i}]`;
      if (!isObject(rec)) return k.add(at, 'type', SAYS.record());
      const { _id, ...values } = rec;
      if (typeof _id !== 'string' || !RECORD_ID.test(_id)) return k.add(`${at}._id`, 'pattern', SAYS.recordId());
      if (ids.has(_id)) return k.add(`${at}._id`, 'duplicate_id', SAYS.recordTwice(_id));
      ids.add(_id);
      // Records come in as they were stored. They are not checked again against today's form:
      // a record valid when it was written may hold an option or leave a field empty that the
      // form has since removed or made required (publishing allows that, and says so), and
      // the same records must go out and come back in. What the store itself needs is checked.
      const shaped = recordShape(schema, values, at);
      if ('problem' in shaped) {
        const p = shaped.problem;
        if (p.code === 'invalid_key') return k.add(p.path, 'invalid_key', SAYS.recordKey(p.key ?? ''));
        if (p.code === 'too_deep') return k.add(p.path, 'too_deep', SAYS.tooDeep());
        return k.add(p.path, 'type', SAYS.valueKind(p.field ? textOf(p.field.label, k.locale) || p.field.id : p.path));
      }
      const r = { data: shaped.values };
      for (const f of uniques) {
        const v = r.data[f.id];
        if (v === null || v === undefined || v === '') continue;
        const key = JSON.stringify(v);
        if (uniqueSeen.get(f.id)!.has(key)) k.add(`${at}.${f.id}`, 'unique', SAYS.uniqueTwice(String(v)));
        uniqueSeen.get(f.id)!.add(key);
      }
      for (const { path, ref } of fileRefs(x.engine, schema, r.data)) {
        if (!files.has(ref.id)) k.add(`${at}.${path}`, 'unknown_file', SAYS.missingFile(ref.id));
      }
      out[formId].push({ _id, ...r.data });
    });
  }
  return out;
}

/**
 * The package, checked as a whole; 422 INVALID_PACKAGE with every problem found, or
 * UNSUPPORTED_FORMAT for a package from a newer Tessera. Records come back as they will be stored.
 */
export function validatePackage(x: AppsContext, body: unknown, locale: Locale): AppPackage {
  const k = new Checker(locale);
  if (!isObject(body)) throw INVALID_PACKAGE({ count: 1 }, [{ path: '', code: 'type', message: say(locale, ...SAYS.notObject()) }]);
  const m = typeof body.format === 'string' ? /^tessera-app@(\d+)$/.exec(body.format) : null;
  if (m && Number(m[1]) > 1) {
    const n = Number(m[1]);
    throw UNSUPPORTED_FORMAT({ n }, [{ path: 'format', code: 'unsupported_format', message: say(locale, ...SAYS.newerFormat(n)) }]);
  }
  if (body.format !== FORMAT) k.add('format', 'invalid_format', SAYS.notOurFormat(FORMAT));
  k.keys(body, ['format', 'app', 'forms', 'records', 'files'], '');
  const given = currentApp(body.app);
  const app = isObject(given) ? { ...given } : given;
  const formIds = namedFormIds(body.forms);
  // First-format groups are read as readers read them: groups of form entries, forms the package does not have dropped.
  if (isObject(app) && hasFirstFormat(app.navigation)) app.navigation = normalizeNavigation(app.navigation, formTargets(formIds));
  for (const i of appIssues(app, formIds, locale)) k.push(i);
  const forms = checkForms(k, x, body.forms);
  const files = checkFiles(k, body.files);
  const records = checkRecords(k, x, body.records, forms, files);
  if (k.issues.length) throw INVALID_PACKAGE({ count: k.issues.length }, k.issues.slice(0, MAX_ISSUES));
  const pkg: AppPackage = { format: FORMAT, app: app as unknown as AppPackage['app'], forms: [...forms.checked.values()] };
  if (body.records !== undefined) pkg.records = records;
  if (body.files !== undefined) pkg.files = [...files.values()];
  return pkg;
}
