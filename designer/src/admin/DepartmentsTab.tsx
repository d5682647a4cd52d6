// 部门 / Departments: the organisation as a tree. Drag a department to reorder it or move it
// under another (PATCH parentId / order); or select one (click, or the arrow keys and Enter) and
// use the toolbar: add a sub-department, rename, move up / down, delete. Refusals (a move under
// itself, deleting a department that has sub-departments) are said in words.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Space, Tree, Typography, type TreeProps } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { fmt } from '../lib/i18n';
import { adminApi, type Department } from './api';
import { ListState, useRefusal, type Loaded } from './common';
import { useAT } from './i18n';

interface Node {
  key: string;
  title: string;
  children: Node[];
}

function treeOf(items: readonly Department[]): Node[] {
  const nodes = new Map(items.map((d) => [d._id, { key: d._id, title: d.name, children: [] as Node[] }]));
  const roots: Node[] = [];
  // The server lists depth-first, siblings in order: appending keeps that order.
  for (const d of items) (d.parentId && nodes.get(d.parentId) ? nodes.get(d.parentId)!.children : roots).push(nodes.get(d._id)!);
  return roots;
}

/**
 * The PATCHes that put `moving` under `parentId` at `index` among its new siblings: it and every
 * sibling whose position changed get their index as `order`.
 */
export function movePlan(items: readonly Department[], moving: string, parentId: string | null, index: number): Array<{ id: string; patch: { parentId?: string | null; order: number } }> {
  const siblings = items.filter((d) => d.parentId === parentId && d._id !== moving).map((d) => d._id);
  siblings.splice(Math.max(0, Math.min(index, siblings.length)), 0, moving);
  const byId = new Map(items.map((d) => [d._id, d]));
  const out: Array<{ id: string; patch: { parentId?: string | null; order: number } }> = [];
  siblings.forEach((id, order) => {
    const d = byId.get(id)!;
    if (id === moving && d.parentId !== parentId) out.push({ id, patch: { parentId, order } });
    else if (d.order !== order) out.push({ id, patch: { order } });
  });
  return out;
}

type Editing = { mode: 'add'; parentId: string | null } | { mode: 'rename'; dept: Department };

export function DepartmentsTab({ departments, onChanged }: { departments: Loaded<Department[]>; onChanged(): void }) {
  const { a } = useAT();
  const { modal, message } = App.useApp();
  const refuse = useRefusal();
  const items = useMemo(() => departments.data ?? [], [departments.data]);
  const tree = useMemo(() => treeOf(items), [items]);
  const byId = useMemo(() => new Map(items.map((d) => [d._id, d])), [items]);
  const [expanded, setExpanded] = useState<React.Key[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  // New departments open their parents: every department with children stays expanded unless closed.
  useEffect(() => setExpanded((prev) => [...new Set([...prev, ...items.filter((d) => d.parentId).map((d) => d.parentId!)])]), [items]);
  const current = selected ? byId.get(selected) : undefined;

  const apply = async (plan: ReturnType<typeof movePlan>, done: string) => {
    try {
      for (const step of plan) await adminApi.updateDepartment(step.id, step.patch);
      if (plan.length) message.success(done);
    } catch (e) {
      refuse(e);
    } finally {
      onChanged();
    }
  };

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragged = String(info.dragNode.key);
    const target = byId.get(String(info.node.key));
    if (!target) return;
    if (!info.dropToGap) {
      // Onto a department: becomes its first sub-department.
      void apply(movePlan(items, dragged, target._id, 0), a.departmentMoved);
      return;
    }
    const pos = info.node.pos.split('-');
    const relative = info.dropPosition - Number(pos[pos.length - 1]);
    const siblings = items.filter((d) => d.parentId === target.parentId && d._id !== dragged);
    const at = siblings.findIndex((d) => d._id === target._id) + (relative === -1 ? 0 : 1);
    void apply(movePlan(items, dragged, target.parentId, at), a.departmentMoved);
  };

  const shift = (dept: Department, by: -1 | 1) => {
    const siblings = items.filter((d) => d.parentId === dept.parentId);
    const index = siblings.findIndex((d) => d._id === dept._id) + by;
    if (index < 0 || index >= siblings.length) return;
    void apply(movePlan(items, dept._id, dept.parentId, index), a.departmentMoved);
  };

  const remove = (dept: Department) =>
    modal.confirm({
      title: a.delete,
      content: fmt(a.deleteDepartmentConfirm, { name: dept.name }),
      okText: a.delete,
      okButtonProps: { danger: true },
      cancelText: a.cancel,
      onOk: async () => {
        try {
          await adminApi.deleteDepartment(dept._id);
          message.success(a.departmentDeleted);
          setSelected(null);
          onChanged();
        } catch (e) {
          refuse(e);
        }
      },
    });

  const siblingsOf = (d: Department) => items.filter((x) => x.parentId === d.parentId);
  const addTop = <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'add', parentId: null })}>{a.newTopDepartment}</Button>;
  const empty = <ListState loaded={departments} total={items.length} shown={items.length} emptyText={a.noDepartments} action={addTop} />;
  return (
    <div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        {addTop}
        <Space.Compact>
          <Button icon={<PlusOutlined aria-hidden />} disabled={!current} onClick={() => current && setEditing({ mode: 'add', parentId: current._id })}>{a.addChild}</Button>
          <Button icon={<EditOutlined aria-hidden />} disabled={!current} onClick={() => current && setEditing({ mode: 'rename', dept: current })}>{a.rename}</Button>
          <Button icon={<ArrowUpOutlined aria-hidden />} aria-label={a.moveUp} disabled={!current || siblingsOf(current)[0]?._id === current._id} onClick={() => current && shift(current, -1)} />
          <Button icon={<ArrowDownOutlined aria-hidden />} aria-label={a.moveDown} disabled={!current || siblingsOf(current).at(-1)?._id === current._id} onClick={() => current && shift(current, 1)} />
          <Button danger icon={<DeleteOutlined aria-hidden />} disabled={!current} onClick={() => current && remove(current)}>{a.delete}</Button>
        </Space.Compact>
      </div>
      {items.length === 0 ? (
        empty
      ) : (
        <>
          <Typography.Paragraph type="secondary">{a.dragHint}</Typography.Paragraph>
          <div style={{ maxWidth: 640, padding: 8, border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }}>
          <Tree
            aria-label={a.departmentsTitle}
            blockNode
            draggable={{ icon: false }}
            treeData={tree}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys)}
            selectedKeys={selected ? [selected] : []}
            onSelect={(_keys, info) => setSelected(String(info.node.key))}
            onDrop={onDrop}
          />
          </div>
        </>
      )}
      <NameDialog
        editing={editing}
        parentName={editing?.mode === 'add' && editing.parentId ? byId.get(editing.parentId)?.name : undefined}
        onClose={() => setEditing(null)}
        onSaved={(d) => {
          setEditing(null);
          if (d.parentId) setExpanded((prev) => [...new Set([...prev, d.parentId!])]);
          setSelected(d._id);
          onChanged();
        }}
        nextOrder={(parentId) => items.filter((d) => d.parentId === parentId).length}
      />
    </div>
  );
}

function NameDialog({ editing, parentName, onClose, onSaved, nextOrder }: { editing: Editing | null; parentName?: string; onClose(): void; onSaved(d: Department): void; nextOrder(parentId: string | null): number }) {
  const { a } = useAT();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ name }: { name: string }) => {
    if (!editing) return;
    setBusy(true);
    try {
      const r =
        editing.mode === 'add'
          ? await adminApi.createDepartment({ name: name.trim(), parentId: editing.parentId, order: nextOrder(editing.parentId) })
          : await adminApi.updateDepartment(editing.dept._id, { name: name.trim() });
      message.success(a.departmentSaved);
      onSaved(r.department);
    } catch (e) {
      refuse(e, form, ['name']);
    } finally {
      setBusy(false);
    }
  };
  const title = !editing ? '' : editing.mode === 'rename' ? fmt(a.renameDepartment, { name: editing.dept.name }) : parentName ? fmt(a.newDepartmentUnder, { name: parentName }) : a.newDepartment;
  return (
    <Modal open={editing !== null} title={title} okText={a.save} cancelText={a.cancel} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ name: editing?.mode === 'rename' ? editing.dept.name : '' }}>
        <Form.Item name="name" label={a.departmentName} rules={[{ required: true, whitespace: true, message: fmt(a.required, { what: a.departmentName }) }]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
