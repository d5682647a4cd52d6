// "Install a copy": the package under new ids, so it can sit beside the app it came from. A new
// app id and form ids (relations, cross-form checks and navigation follow), and, when records
// come along, new record ids (relation values follow) and new file ids (file refs follow).
import type { FormEngine, Locale } from '@tessera/form-engine';
import { newFileId, newId } from '@tessera/runtime';
import { newAppId, newFormId } from '../context';
import { copyTitle, renameForm } from '../forms-service';
import type { NavNode } from '../model';
import { remapFileRefs, remapRelations, type AppPackage, type PackageRecord } from './format';

export function remapPackage(engine: FormEngine, pkg: AppPackage, locale: Locale): AppPackage {
  const formIds = new Map(pkg.forms.map((f) => [f.id, newFormId()]));
  const formId = (old: string) => formIds.get(old) ?? old;
  const fileIds = new Map((pkg.files ?? []).map((f) => [f.id, newFileId()]));
  const recordIds = new Map<string, Map<string, string>>();
  for (const [fid, list] of Object.entries(pkg.records ?? {})) recordIds.set(fid, new Map(list.map((r) => [r._id, newId()])));

  const out: AppPackage = {
    format: pkg.format,
    app: { ...pkg.app, id: newAppId(), name: copyTitle(pkg.app.name, locale) },
    forms: pkg.forms.map((f) => renameForm(f, formId(f.id), formId)),
  };
  if (pkg.app.navigation) {
    out.app.navigation = pkg.app.navigation.map((n): NavNode =>
      n.type === 'group' ? { ...n, children: n.children.map((c) => ({ ...c, id: formId(c.id) })) } : { ...n, id: formId(n.id) },
    );
  }
  if (pkg.records) {
    out.records = {};
    const schemas = new Map(pkg.forms.map((f) => [f.id, f]));
    for (const [fid, list] of Object.entries(pkg.records)) {
      const schema = schemas.get(fid)!;
      const ids = recordIds.get(fid)!;
      out.records[formId(fid)] = list.map((r) => {
        const copy = structuredClone(r) as PackageRecord;
        copy._id = ids.get(r._id)!;
        remapRelations(schema, copy, (target, id) => recordIds.get(target)?.get(id) ?? id);
        remapFileRefs(engine, schema, copy, (id) => fileIds.get(id) ?? id);
        return copy;
      });
    }
  }
  if (pkg.files) out.files = pkg.files.map((f) => ({ ...f, id: fileIds.get(f.id)! }));
  return out;
}
