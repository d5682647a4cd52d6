// Comments, @mentions and the notification centre, wired to the platform's accounts: runtime
// asks the one permission check whether each person can see a record, and needs the people of
// a tenant as principals (enabled accounts, searched by display name as the member pickers do)
// and their names. The notifications service is the one flows will write tasks and CC to.
import type { FastifyPluginAsync } from 'fastify';
import {
  commentsPlugin,
  CommentsService,
  escapeRegex,
  Notifications,
  notificationsPlugin,
  type Clock,
  type Filter,
  type FormAccess,
  type PeopleQuery,
  type Principal,
  type RecordsService,
  type Store,
} from '@tessera/runtime';
import type { FormSchema } from '@tessera/form-engine';
import { principalOf, type UserDoc } from '../identity/model';

export interface CommentsFeatureOptions {
  store: Store;
  clock: Clock;
  records: RecordsService;
  resolveForm(appId: string, formId: string): Promise<FormSchema | null>;
  access(principal: Principal, appId: string, formId: string): Promise<FormAccess>;
}

export const commentsFeature: FastifyPluginAsync<CommentsFeatureOptions> = async (app, { store, clock, records, resolveForm, access }) => {
  const users = store.collection<UserDoc>('users');
  const notifications = new Notifications(store, clock);
  await notifications.ensureIndexes();

  const people = async (tenantId: string, query: PeopleQuery): Promise<Principal[]> => {
    const filter: Filter = { tenantId, disabled: false };
    if ('ids' in query) {
      filter._id = { $in: [...query.ids] };
      return (await users.find(filter)).map((u) => principalOf(u, 'session'));
    }
    // By display name only, as /api/users/lookup: matching login names would let anyone find them out.
    if (query.q) filter.displayName = { $regex: escapeRegex(query.q), $options: 'i' };
    const found = await users.find(filter, { sort: { displayName: 1, _id: 1 }, skip: query.skip, limit: query.limit });
    return found.map((u) => principalOf(u, 'session'));
  };
  const userNames = async (ids: string[]) => {
    const found = await users.find({ _id: { $in: ids } }, { projection: { displayName: 1, username: 1 } });
    return new Map(found.map((u) => [u._id, u.displayName || u.username]));
  };

  const comments = new CommentsService({ store, clock, records, notifications, access, people });
  await app.register(commentsPlugin, { comments, userNames, resolveForm, access });
  await app.register(notificationsPlugin, { notifications, userNames });
};
