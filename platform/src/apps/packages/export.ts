// Export: an app's draft definition as a package, optionally with the live records of its
// forms and the files they refer to. No times, tenants or database ids but the app's, forms',
// fields' and records' own; records sorted by `_id`; canonical text, so the same app always
// gives the same bytes.
import { dataFields, type FormSchema } from '@tessera/form-engine';
import { recordsCollection, type Principal, type RecordDoc } from '@tessera/runtime';
import { draftForms, findApp, type AppsContext } from '../context';
import { metaOf, withoutVersion } from '../model';
import { formTargets, normalizeNavigation } from '../navigation';
import { canonicalPackageJson } from './canonical';
import { fileRefs, FORMAT, type AppPackage, type PackageFile, type PackageRecord } from './format';

export interface ExportOptions {
  records?: boolean;
  /** The files records refer to (only with records). */
  files?: boolean;
}

/** A stored record as the package holds it: `_id` and the values of the form's fields. */
function packageRecord(schema: FormSchema, r: RecordDoc): PackageRecord {
  const out: PackageRecord = { _id: r._id };
  for (const f of dataFields(schema.fields)) if (r[f.id] !== undefined) out[f.id] = r[f.id];
  return out;
}

export async function exportPackage(x: AppsContext, p: Principal, appId: string, opts: ExportOptions): Promise<string> {
  const app = await findApp(x, p, appId);
  const forms = (await draftForms(x, appId)).map((f) => f.schema);
  const pkg: AppPackage = {
    format: FORMAT,
    app: { id: appId, ...metaOf(app) },
    forms: forms.map(withoutVersion),
  };
  if (app.navigation !== undefined) pkg.app.navigation = normalizeNavigation(app.navigation, formTargets(forms.map((f) => f.id)));
  if (!opts.records) return canonicalPackageJson(pkg);

  const records: Record<string, PackageRecord[]> = {};
  const fileIds = new Set<string>();
  for (const schema of forms) {
    const docs = await x.store.collection<RecordDoc>(recordsCollection(schema.id)).find({ _deleted: false }, { sort: { _id: 1 } });
    if (docs.length === 0) continue;
    records[schema.id] = docs.map((d) => packageRecord(schema, d));
    if (opts.files) for (const r of records[schema.id]) for (const { ref } of fileRefs(x.engine, schema, r)) fileIds.add(ref.id);
  }
  pkg.records = records;
  if (opts.files) {
    const files: PackageFile[] = [];
    for (const id of [...fileIds].sort()) {
      const file = await x.store.files.get(id);
      if (!file) continue; // a ref to a file that is gone: the import reports it with its path
      files.push({ id, name: file.info.filename, contentType: file.info.contentType, size: file.data.length, data: file.data.toString('base64') });
    }
    pkg.files = files;
  }
  return canonicalPackageJson(pkg);
}
