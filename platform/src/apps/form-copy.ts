// Copying a form's records into a new form's collection: the live records of the source, values
// unchanged, ids kept (they are unique in the new collection too, and self-relations stay
// right), new system times and the copy's form version. Batches are transactions; a failure
// drops the new collection, so nothing is left behind.
import type { FormSchema } from '@tessera/form-engine';
import { recordsCollection, type Principal, type RecordDoc } from '@tessera/runtime';
import type { AppsContext } from './context';
import { TOO_MANY_RECORDS } from './errors';
import { nowIso } from './model';

const BATCH = 500;

export async function copyRecords(x: AppsContext, p: Principal, sourceId: string, target: FormSchema): Promise<number> {
  const source = x.store.collection<RecordDoc>(recordsCollection(sourceId));
  const live = { _deleted: false };
  const count = await source.count(live);
  if (count > x.copyRecordLimit) throw TOO_MANY_RECORDS({ count, limit: x.copyRecordLimit }, [{ path: 'withRecords', code: 'too_many_records', count, limit: x.copyRecordLimit }]);
  const targetName = recordsCollection(target.id);
  const into = x.store.collection<RecordDoc>(targetName);
  const at = nowIso();
  let copied = 0;
  let after: string | null = null;
  try {
    for (;;) {
      const filter: Record<string, unknown> = after === null ? live : { ...live, _id: { $gt: after } };
      const page: RecordDoc[] = await source.find(filter, { sort: { _id: 1 }, limit: BATCH });
      if (page.length === 0) break;
      const docs = page.map((r) => {
        const values = Object.fromEntries(Object.entries(r).filter(([k]) => k.charCodeAt(0) !== 95));
        return {
          _id: r._id, _v: 1, _createdAt: at, _createdBy: p.userId, _updatedAt: at, _updatedBy: p.userId,
          _deleted: false, _deletedAt: null, _formVersion: target.version ?? 1,
          ...values,
        };
      });
      await x.store.withTransaction((session) => into.insertMany(docs, { session }));
      copied += docs.length;
      after = page[page.length - 1]._id;
      if (page.length < BATCH) break;
    }
  } catch (e) {
    await x.store.dropCollection(targetName);
    throw e;
  }
  return copied;
}
