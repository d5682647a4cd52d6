// /api/departments: the organisation tree. Each department stores its `path` (ids from the root
// to itself) so "everyone under X" is one indexed query; moving a department rewrites the paths
// of its subtree in one transaction and refuses a move under its own descendant. Every change is
// audited in its transaction. Not records: the tree is directory data, read by staff (external
// accounts get 403) and changed by administrators only; record access is decided elsewhere.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { AppError, nowIso, requireAdmin, requireUser } from '@tessera/runtime';
import { NO_DIRECTORY } from './errors';
import { audit } from './audit';
import type { IdentityContext } from './context';
import { type DepartmentDoc } from './model';
import { departmentSchema, errors, idParams, idSchema, nameSchema } from './schemas';

const parentSchema = { anyOf: [idSchema, { type: 'null' }] } as const;
const deptResponse = { type: 'object', required: ['department'], properties: { department: departmentSchema } } as const;

export const departmentsRoutes: FastifyPluginAsync<IdentityContext> = async (app, ctx) => {
  const { store, c, clock } = ctx;
  async function parentPath(tenantId: string, parentId: string | null): Promise<string[]> {
    if (parentId === null) return [];
    const parent = await c.departments.findOne({ _id: parentId, tenantId });
    if (!parent) {
      throw new AppError('VALIDATION_FAILED', { 'zh-CN': '上级部门不存在', 'en-US': 'The parent department does not exist' }, [
        { path: '/parentId', code: 'unknown_department', message: `No department ${parentId}` },
      ]);
    }
    return parent.path;
  }

  app.get(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        summary: 'Every department (flat, ordered by tree path); any signed-in staff user (not external accounts)',
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: departmentSchema } } }, ...errors(401, 403) },
      },
    },
    async (request) => {
      const p = requireUser(request);
      if (p.external) throw NO_DIRECTORY();
      const items = await c.departments.find({ tenantId: p.tenantId });
      // Depth-first order: siblings by `order` then name, each followed by its subtree.
      const byParent = new Map<string | null, DepartmentDoc[]>();
      for (const d of items) byParent.set(d.parentId, [...(byParent.get(d.parentId) ?? []), d]);
      const out: DepartmentDoc[] = [];
      const walk = (parentId: string | null) => {
        const kids = (byParent.get(parentId) ?? []).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
        for (const k of kids) {
          out.push(k);
          walk(k._id);
        }
      };
      walk(null);
      return { items: out };
    },
  );

  app.post<{ Body: { name: string; parentId?: string | null; order?: number } }>(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        summary: 'Create a department (administrators)',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: nameSchema, parentId: parentSchema, order: { type: 'integer' } },
        },
        response: { 201: deptResponse, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const p = requireAdmin(request);
      const parentId = request.body.parentId ?? null;
      const base = await parentPath(p.tenantId, parentId);
      const now = nowIso(clock);
      // The path includes the department's own id, so the id is chosen before inserting.
      const _id = randomBytes(12).toString('hex');
      const department = await store.withTransaction(async (session) => {
        const created = await c.departments.insertOne(
          { _id, tenantId: p.tenantId, name: request.body.name.trim(), parentId, path: [...base, _id], order: request.body.order ?? 0, createdAt: now, updatedAt: now },
          { session },
        );
        await audit(ctx, session, p, { action: 'department.create', collection: 'departments', recordId: _id, before: null, after: created });
        return created;
      });
      return reply.status(201).send({ department });
    },
  );

  app.patch<{ Params: { id: string }; Body: { name?: string; parentId?: string | null; order?: number } }>(
    '/departments/:id',
    {
      schema: {
        tags: ['departments'],
        summary: 'Rename, reorder or move a department (administrators); moving under its own subtree is refused',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name: nameSchema, parentId: parentSchema, order: { type: 'integer' } },
        },
        response: { 200: deptResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = requireAdmin(request);
      const { id } = request.params;
      const department = await store.withTransaction(async (session) => {
        const dept = await c.departments.findOne({ _id: id, tenantId: p.tenantId }, { session });
        if (!dept) throw new AppError('NOT_FOUND', { 'zh-CN': '部门不存在', 'en-US': 'Department not found' });
        const set: Partial<DepartmentDoc> = { updatedAt: nowIso(clock) };
        if (request.body.name !== undefined) set.name = request.body.name.trim();
        if (request.body.order !== undefined) set.order = request.body.order;
        const newParent = request.body.parentId;
        if (newParent !== undefined && newParent !== dept.parentId) {
          const base = await parentPath(p.tenantId, newParent);
          // A path names its department last, so this also refuses a move under itself.
          if (base.includes(id)) {
            throw new AppError('CONFLICT', { 'zh-CN': '部门不能移动到自身或其下级之下', 'en-US': 'A department cannot move under itself' }, [
              { path: '/parentId', code: 'cycle', message: 'the new parent is this department or one of its descendants' },
            ]);
          }
          set.parentId = newParent;
          const depth = dept.path.length - 1;
          const subtree = await c.departments.find({ tenantId: p.tenantId, path: id }, { session });
          for (const d of subtree) {
            await c.departments.updateOne({ _id: d._id }, { $set: { path: [...base, ...d.path.slice(depth)] } }, { session });
          }
        }
        const after = await c.departments.findOneAndUpdate({ _id: id }, { $set: set }, { session });
        await audit(ctx, session, p, { action: 'department.update', collection: 'departments', recordId: id, before: dept, after });
        return after;
      });
      return { department };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/departments/:id',
    {
      schema: {
        tags: ['departments'],
        summary: 'Delete an empty department (administrators); members lose it',
        params: idParams,
        response: { 204: { type: 'null' }, ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = requireAdmin(request);
      const { id } = request.params;
      await store.withTransaction(async (session) => {
        const dept = await c.departments.findOne({ _id: id, tenantId: p.tenantId }, { session });
        if (!dept) throw new AppError('NOT_FOUND', { 'zh-CN': '部门不存在', 'en-US': 'Department not found' });
        if ((await c.departments.count({ tenantId: p.tenantId, parentId: id }, { session })) > 0) {
          throw new AppError('CONFLICT', { 'zh-CN': '请先移走或删除下级部门', 'en-US': 'Move or delete the sub-departments first' });
        }
        await c.departments.deleteOne({ _id: id }, { session });
        // Stryker disable next-line ObjectLiteral: department ids are unique across tenants, so a wider match finds the same members
        const members = { tenantId: p.tenantId, departmentIds: id };
        await c.users.updateMany(members, { $pull: { departmentIds: id } }, { session });
        await audit(ctx, session, p, { action: 'department.delete', collection: 'departments', recordId: id, before: dept, after: null });
      });
      return reply.status(204).send();
    },
  );
};
