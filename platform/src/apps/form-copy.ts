// Copying a form's records into a new form's collection: the live records of the source, values
// unchanged, ids kept (they are unique in the new collection too, and self-relations stay
// right), written by the records service as stored records (new system times, the copy's form
// version). A batch a transaction; a failure drops the new collection, so nothing is left behind.
import type { FormSchema } from '@tessera/form-engine';
import { nowIso, recordsCollection, STORED_BATCH, type Principal, type RecordDoc } from '@tessera/runtime';
import type { AppsContext } from './context';
import { TOO_MANY_RECORDS } from './errors';

export async function copyRecords(x: AppsContext, p: Principal, appId: string, sourceId: string, target: FormSchema): Promise<number> {
  const source = x.store.collection<RecordDoc>(recordsCollection(sourceId));
  const live = { _deleted: false };
  const count = await source.count(live);
  if (count > x.copyRecordLimit) throw TOO_MANY_RECORDS({ count, limit: x.copyRecordLimit }, [{ path: 'withRecords', code: 'too_many_records', count, limit: x.copyRecordLimit }]);
  const at = nowIso(x.clock);
  let copied = 0;
  let after: string | null = null;
  try {
    for (;;) {
      const filter: Record<string, unknown> = after === null ? live : { ...live, _id: { $gt: after } };
      const page: RecordDoc[] = await source.find(filter, { sort: { _id: 1 }, limit: STORED_BATCH });
      if (page.length === 0) break;
      await x.store.withTransaction((session) => x.records.writeStored(p, target, page, { session, appId, at }));
      copied += page.length;
      after = page[page.length - 1]._id;
      if (page.length < STORED_BATCH) break;
    }
  } catch (e) {
    await x.store.dropCollection(recordsCollection(target.id));
    throw e;
  }
  return copied;
}
