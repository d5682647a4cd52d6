// Checking a package before anything is written: its format, the app (id, name, meta,
// navigation), every form by the form engine among its siblings, every record by its form
// (values as the engine stores them), unique values, and file refs against the package's
// files. Problems come back as `{ path, code, message }` with paths into the package as sent
// (`app.name`, `forms[1].fields[3].formula`, `records.iqc[0].lines[1].qty`).
import { dataFields, type FormSchema, type Locale } from '@tessera/form-engine';
import { ALLOWED_FILE_TYPES } from '@tessera/runtime';
import { siblingsOf, type AppsContext } from '../context';
import { INVALID_PACKAGE, say, UNSUPPORTED_FORMAT } from '../errors';
import { withoutVersion } from '../model';
import { checkNavigation, formTargets, isI18nText, type NavIssue } from '../navigation';
import { fileRefs, FORMAT, type AppPackage, type PackageFile, type PackageRecord } from './format';

export type PackageIssue = NavIssue;

const APP_ID = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FILE_ID = /^[0-9a-f]{24}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_ISSUES = 100;
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
/** The engine's `lines.0.qty` as a package path: `lines[0].qty`. */
const bracketed = (path: string) => path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

class Checker {
  readonly issues: PackageIssue[] = [];
  constructor(readonly locale: Locale) {}
  add(path: string, code: string, zh: string, en: string): void {
    this.push({ path, code, message: say(this.locale, zh, en) });
  }
  push(issue: PackageIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
  }
  keys(obj: Record<string, unknown>, allowed: readonly string[], base: string): void {
    for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.add(base ? `${base}.${k}` : k, 'unknown_property', `未知属性“${k}”`, `Unknown property "${k}"`);
  }
}

function checkApp(k: Checker, app: unknown): void {
  if (!isObject(app)) return k.add('app', 'type', '缺少应用信息（app）', 'The package has no app object');
  k.keys(app, ['id', 'name', 'description', 'icon', 'color', 'navigation'], 'app');
  if (app.id === undefined) k.add('app.id', 'required', '缺少应用 ID', 'The app has no id');
  else if (typeof app.id !== 'string' || !APP_ID.test(app.id)) k.add('app.id', 'pattern', '应用 ID 必须以字母开头，只含字母、数字和下划线', 'The app id must start with a letter and hold only letters, digits and _');
  if (app.name === undefined) k.add('app.name', 'required', '缺少应用名称', 'The app has no name');
  else if (!isI18nText(app.name)) k.add('app.name', 'type', '应用名称必须是文字（或按语言的文字）', 'The app name must be text (or text per language)');
  if (app.description !== undefined && !isI18nText(app.description)) k.add('app.description', 'type', '应用说明必须是文字', 'The description must be text');
  if (app.icon !== undefined && (typeof app.icon !== 'string' || app.icon.length === 0 || app.icon.length > 50)) k.add('app.icon', 'type', '图标必须是不超过 50 个字符的名称', 'The icon must be a name of up to 50 characters');
  if (app.color !== undefined && (typeof app.color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(app.color))) k.add('app.color', 'pattern', '颜色必须形如 #1677ff', 'The color must look like #1677ff');
}

/** Each form checked by the engine among the package's forms: the ids named, and the schemas that passed. */
function checkForms(k: Checker, x: AppsContext, forms: unknown): { ids: Set<string>; checked: Map<string, FormSchema> } {
  const out = new Map<string, FormSchema>();
  const seen = new Set<string>();
  if (!Array.isArray(forms)) {
    k.add('forms', 'type', '表单（forms）必须是列表', 'forms must be a list');
    return { ids: seen, checked: out };
  }
  if (forms.length > 200) k.add('forms', 'maxItems', '一个应用最多 200 个表单', 'An app holds at most 200 forms');
  const raw = forms.map((f) => (isObject(f) ? (withoutVersion(f as unknown as FormSchema) as unknown as Record<string, unknown>) : f));
  raw.forEach((f, i) => {
    if (!isObject(f)) return k.add(`forms[${i}]`, 'type', '表单必须是对象', 'A form must be an object');
    if (typeof f.id === 'string' && seen.has(f.id)) k.add(`forms[${i}].id`, 'duplicate_form', `表单 ID“${f.id}”重复`, `The form id "${f.id}" is used twice`);
    else if (typeof f.id === 'string') seen.add(f.id);
  });
  const siblings = siblingsOf(raw.filter(isObject) as unknown as FormSchema[]);
  raw.forEach((f, i) => {
    if (!isObject(f)) return;
    if (typeof f.id === 'string' && !APP_ID.test(f.id)) k.add(`forms[${i}].id`, 'pattern', '表单 ID 必须以字母开头，只含字母、数字和下划线', 'A form id must start with a letter and hold only letters, digits and _');
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
    k.add('files', 'type', 'files 必须是列表', 'files must be a list');
    return out;
  }
  files.forEach((f, i) => {
    const at = `files[${i}]`;
    if (!isObject(f)) return k.add(at, 'type', '文件必须是对象', 'A file must be an object');
    k.keys(f, ['id', 'name', 'contentType', 'size', 'data'], at);
    if (typeof f.id !== 'string' || !FILE_ID.test(f.id)) return k.add(`${at}.id`, 'pattern', '文件 ID 必须是 24 位十六进制', 'A file id is 24 hexadecimal characters');
    if (out.has(f.id)) return k.add(`${at}.id`, 'duplicate_file', `文件 ID“${f.id}”重复`, `The file id "${f.id}" is used twice`);
    if (typeof f.name !== 'string' || f.name.length === 0 || f.name.length > 300) k.add(`${at}.name`, 'type', '文件名必须是不超过 300 个字符的文字', 'A file name is text of up to 300 characters');
    if (typeof f.contentType !== 'string' || !ALLOWED_FILE_TYPES.test(f.contentType)) k.add(`${at}.contentType`, 'unsupported_type', `不接受类型为 ${String(f.contentType)} 的文件`, `Files of type ${String(f.contentType)} are not accepted`);
    if (typeof f.data !== 'string' || f.data.length % 4 !== 0 || !BASE64.test(f.data)) return k.add(`${at}.data`, 'base64', '文件内容必须是 base64', 'The file data must be base64');
    if (f.size !== Buffer.byteLength(f.data, 'base64')) k.add(`${at}.size`, 'size_mismatch', '文件大小与内容不符', 'The size does not match the data');
    out.set(f.id, f as unknown as PackageFile);
  });
  return out;
}

/** Each record by its form's engine; returns the values as they will be stored. */
function checkRecords(k: Checker, x: AppsContext, records: unknown, forms: ReturnType<typeof checkForms>, files: Map<string, PackageFile>): Record<string, PackageRecord[]> {
  const out: Record<string, PackageRecord[]> = {};
  if (records === undefined) return out;
  if (!isObject(records)) {
    k.add('records', 'type', 'records 必须是以表单 ID 为键的对象', 'records must be an object keyed by form id');
    return out;
  }
  const now = new Date();
  for (const [formId, list] of Object.entries(records)) {
    const base = `records.${formId}`;
    const schema = forms.checked.get(formId);
    if (!schema && forms.ids.has(formId)) continue; // the form itself is wrong: reported at forms[…]
    if (!schema) {
      k.add(base, 'unknown_form', `数据所属的表单“${formId}”不在应用包中`, `The records belong to a form "${formId}" the package does not have`);
      continue;
    }
    if (!Array.isArray(list)) {
      k.add(base, 'type', '一个表单的数据必须是列表', "A form's records must be a list");
      continue;
    }
    const compiled = x.engine.compile(schema);
    const ids = new Set<string>();
    const uniques = dataFields(schema.fields).filter((f) => f.validation?.unique);
    const uniqueSeen = new Map(uniques.map((f) => [f.id, new Set<string>()]));
    out[formId] = [];
    list.forEach((rec, i) => {
      const at = `${base}[${i}]`;
      if (!isObject(rec)) return k.add(at, 'type', '一条数据必须是对象', 'A record must be an object');
      const { _id, ...values } = rec;
      if (typeof _id !== 'string' || !RECORD_ID.test(_id)) return k.add(`${at}._id`, 'pattern', '数据缺少有效的 _id', 'The record has no valid _id');
      if (ids.has(_id)) return k.add(`${at}._id`, 'duplicate_id', `数据 ID“${_id}”重复`, `The record id "${_id}" is used twice`);
      ids.add(_id);
      const r = compiled.process(values, { mode: 'update', now, timeZone: x.timeZone, locale: k.locale });
      if (!r.ok) {
        for (const issue of r.issues) k.push({ path: issue.path ? `${at}.${bracketed(issue.path)}` : at, code: issue.code, message: issue.message });
        return;
      }
      for (const f of uniques) {
        const v = r.data[f.id];
        if (v === null || v === undefined || v === '') continue;
        const key = JSON.stringify(v);
        if (uniqueSeen.get(f.id)!.has(key)) k.add(`${at}.${f.id}`, 'unique', `“${String(v)}”在包中出现了不止一次，但该字段要求唯一`, `"${String(v)}" appears more than once, but the field is unique`);
        uniqueSeen.get(f.id)!.add(key);
      }
      for (const { path, ref } of fileRefs(schema, r.data)) {
        if (!files.has(ref.id)) k.add(`${at}.${path}`, 'unknown_file', `引用的文件 ${ref.id} 不在应用包中`, `The file ${ref.id} it refers to is not in the package`);
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
  if (!isObject(body)) throw INVALID_PACKAGE({ count: 1 }, [{ path: '', code: 'type', message: say(locale, '应用包必须是 JSON 对象', 'A package is a JSON object') }]);
  const m = typeof body.format === 'string' ? /^tessera-app@(\d+)$/.exec(body.format) : null;
  if (m && Number(m[1]) > 1) {
    const n = Number(m[1]);
    throw UNSUPPORTED_FORMAT({ n }, [{ path: 'format', code: 'unsupported_format', message: say(locale, `格式 ${n}，本服务器只能读取格式 1`, `format ${n}; this server reads format 1`) }]);
  }
  if (body.format !== FORMAT) k.add('format', 'invalid_format', `不是 Tessera 应用包（format 应为 ${FORMAT}）`, `Not a Tessera app package (format must be ${FORMAT})`);
  k.keys(body, ['format', 'app', 'forms', 'records', 'files'], '');
  checkApp(k, body.app);
  const forms = checkForms(k, x, body.forms);
  const app = isObject(body.app) ? body.app : {};
  if (app.navigation !== undefined) for (const i of checkNavigation(app.navigation, formTargets(forms.ids), locale, 'app.navigation')) k.push(i);
  const files = checkFiles(k, body.files);
  const records = checkRecords(k, x, body.records, forms, files);
  if (k.issues.length) throw INVALID_PACKAGE({ count: k.issues.length }, k.issues.slice(0, MAX_ISSUES));
  const pkg: AppPackage = { format: FORMAT, app: app as unknown as AppPackage['app'], forms: [...forms.checked.values()] };
  if (body.records !== undefined) pkg.records = records;
  if (body.files !== undefined) pkg.files = [...files.values()];
  return pkg;
}
