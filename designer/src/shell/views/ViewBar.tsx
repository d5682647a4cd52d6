// The views of a form as tabs above its records: "all records" and each saved view (shared ones
// marked, the default starred), a menu per view (rename, duplicate, share, default, delete) for
// who may change it, "new view", and, when the view on screen differs from what is saved, save /
// save as a new view / revert.
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Checkbox, Dropdown, Form, Input, Modal, Segmented, Select, Space, Tabs, Tooltip } from 'antd';
import { CalendarOutlined, MoreOutlined, PlusOutlined, ProjectOutlined, StarFilled, TableOutlined, TeamOutlined, BarsOutlined } from '@ant-design/icons';
import { dataFields, textOf, type Field, type FormSchema } from '@tessera/form-engine';
import { errorText } from '../../lib/api';
import { fmt } from '../../lib/i18n';
import type { SavedView, ViewConfig, ViewType } from './model';
import { useViewT } from './strings';
import type { ViewsState } from './useViews';

const ICONS: Record<ViewType, ReactNode> = { table: <TableOutlined aria-hidden />, kanban: <ProjectOutlined aria-hidden />, calendar: <CalendarOutlined aria-hidden />, gantt: <BarsOutlined aria-hidden /> };

const kanbanFields = (s: FormSchema) => dataFields(s.fields).filter((f) => (f.type === 'select' || f.type === 'member') && !(f as { multiple?: boolean }).multiple);
const dateFields = (s: FormSchema) => dataFields(s.fields).filter((f) => f.type === 'date' || f.type === 'datetime');

type Editing = { mode: 'new' } | { mode: 'saveAs' } | { mode: 'rename'; view: SavedView } | { mode: 'duplicate'; view: SavedView };

export function ViewBar({ schema, views: s, canShare, phone }: { schema: FormSchema; views: ViewsState; canShare: boolean; phone: boolean }) {
  const { t, v, locale } = useViewT();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const label = (f: Field) => ({ value: f.id, label: textOf(f.label, locale) });
  const typeNames: Record<ViewType, string> = { table: v.table, kanban: v.kanban, calendar: v.calendar, gantt: v.gantt };

  const run = async (what: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await what();
      if (done) message.success(done);
      return true;
    } catch (e) {
      message.error(errorText(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const startEditing = (e: Editing) => {
    form.resetFields();
    const name = e.mode === 'rename' ? e.view.name : e.mode === 'duplicate' ? `${e.view.name} 2` : '';
    const firstKanban = kanbanFields(schema)[0]?.id;
    const dates = dateFields(schema);
    form.setFieldsValue({ name, type: 'table', shared: false, by: firstKanban, date: dates[0]?.id, start: dates[0]?.id, end: dates[1]?.id });
    setEditing(e);
  };

  const submit = async () => {
    const values = (await form.validateFields()) as { name: string; type: ViewType; shared?: boolean; by?: string; date?: string; start?: string; end?: string };
    const e = editing!;
    const name = values.name.trim();
    const ok = await run(async () => {
      if (e.mode === 'rename') return s.patch(e.view, { name });
      if (e.mode === 'duplicate') return s.saveAs({ name, type: e.view.type, shared: values.shared, config: e.view.config });
      if (e.mode === 'saveAs') return s.saveAs({ name, shared: values.shared });
      const config: ViewConfig = values.type === 'kanban' ? { kanban: { by: values.by! } } : values.type === 'calendar' ? { calendar: { date: values.date!, mode: 'month' } } : values.type === 'gantt' ? { gantt: { start: values.start!, end: values.end! } } : {};
      return s.saveAs({ name, type: values.type, shared: values.shared, config });
    }, e.mode === 'rename' ? v.saved : fmt(v.created, { name }));
    if (ok) setEditing(null);
  };

  const menu = (view: SavedView) => ({
    items: [
      { key: 'rename', label: v.rename, disabled: !view.editable },
      { key: 'duplicate', label: v.duplicate },
      ...(canShare ? [
        { key: 'share', label: <Checkbox checked={view.shared} tabIndex={-1}>{v.shared}</Checkbox>, disabled: !view.editable && !view.shared },
        { key: 'default', label: <Checkbox checked={view.isDefault} tabIndex={-1}>{v.setDefault}</Checkbox> },
      ] : []),
      { type: 'divider' as const },
      { key: 'delete', label: v.deleteView, danger: true, disabled: !view.editable },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'rename') startEditing({ mode: 'rename', view });
      else if (key === 'duplicate') startEditing({ mode: 'duplicate', view });
      else if (key === 'share') void run(() => s.patch(view, { shared: !view.shared }), v.saved);
      else if (key === 'default') void run(() => s.patch(view, view.isDefault ? { isDefault: false } : { shared: true, isDefault: true }), v.saved);
      else if (key === 'delete') modal.confirm({ title: v.deleteView, content: fmt(v.confirmDeleteView, { name: view.name }), okButtonProps: { danger: true }, onOk: () => run(() => s.remove(view), v.deletedView) });
    },
  });

  const tabLabel = (view: SavedView) => (
    <Space size={4}>
      {ICONS[view.type]}
      <span>{view.name}</span>
      {view.isDefault ? <Tooltip title={v.isDefault}><StarFilled aria-label={v.isDefault} style={{ color: '#faad14' }} /></Tooltip> : view.shared ? <Tooltip title={v.shared}><TeamOutlined aria-label={v.shared} /></Tooltip> : null}
    </Space>
  );
  const items = [
    { key: 'all', label: <Space size={4}><TableOutlined aria-hidden /><span>{v.allRecords}</span></Space> },
    ...(s.views ?? []).map((view) => ({ key: view.id, label: tabLabel(view) })),
  ];
  const current = s.current;
  const editingType = Form.useWatch('type', form) as ViewType | undefined;

  return (
    <div style={{ marginBottom: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
        <Tabs
          size="small"
          style={{ flex: 1, minWidth: 0 }}
          tabBarStyle={{ marginBottom: 0 }}
          activeKey={current ? current.id : 'all'}
          onChange={(k) => s.open(k === 'all' ? null : k)}
          items={items}
          aria-label={v.views}
        />
        {current ? (
          <Dropdown menu={menu(current)} trigger={['click']}>
            <Button size="small" type="text" icon={<MoreOutlined />} aria-label={fmt(v.viewMenu, { name: current.name })} />
          </Dropdown>
        ) : null}
        <Button size="small" type="text" icon={<PlusOutlined aria-hidden />} onClick={() => startEditing({ mode: 'new' })} aria-label={v.newView}>{phone ? null : v.newView}</Button>
      </div>
      {s.missing ? <Alert type="warning" showIcon closable title={v.viewMissing} style={{ marginBottom: 8 }} /> : null}
      {s.error ? <Alert type="error" showIcon title={v.viewsFailed} description={errorText(s.error, t)} style={{ marginBottom: 8 }} /> : null}
      {s.dirty ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={v.unsaved}
          role="status"
          action={
            <Space wrap>
              {current?.editable ? <Button size="small" type="primary" loading={busy} onClick={() => run(s.save, v.saved)}>{v.save}</Button> : null}
              <Button size="small" onClick={() => startEditing({ mode: 'saveAs' })}>{v.saveAs}</Button>
              <Button size="small" onClick={s.revert}>{v.revert}</Button>
            </Space>
          }
        />
      ) : null}
      <Modal
        open={!!editing}
        title={editing?.mode === 'rename' ? v.rename : editing?.mode === 'new' ? v.newView : editing?.mode === 'duplicate' ? v.duplicate : v.saveAs}
        onCancel={() => setEditing(null)}
        onOk={submit}
        confirmLoading={busy}
        okText={v.save}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="name" label={v.viewName} rules={[{ required: true, whitespace: true, message: v.viewNameRequired }, { max: 60 }]}>
            <Input autoFocus maxLength={60} />
          </Form.Item>
          {editing?.mode === 'new' ? (
            <>
              <Form.Item name="type" label={v.viewType}>
                <Segmented options={(['table', 'kanban', 'calendar', 'gantt'] as ViewType[]).map((k) => ({
                  value: k,
                  label: typeNames[k],
                  disabled: (k === 'kanban' && !kanbanFields(schema).length) || (k === 'calendar' && !dateFields(schema).length) || (k === 'gantt' && dateFields(schema).length < 2),
                }))} />
              </Form.Item>
              {editingType === 'kanban' ? <Form.Item name="by" label={v.groupField} rules={[{ required: true }]}><Select options={kanbanFields(schema).map(label)} /></Form.Item> : null}
              {editingType === 'calendar' ? <Form.Item name="date" label={v.dateField} rules={[{ required: true }]}><Select options={dateFields(schema).map(label)} /></Form.Item> : null}
              {editingType === 'gantt' ? (
                <>
                  <Form.Item name="start" label={v.startField} rules={[{ required: true }]}><Select options={dateFields(schema).map(label)} /></Form.Item>
                  <Form.Item name="end" label={v.endField} rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_r, val) => (val && val === getFieldValue('start') ? Promise.reject(new Error(v.noTwoDates)) : Promise.resolve()) })]}><Select options={dateFields(schema).map(label)} /></Form.Item>
                </>
              ) : null}
            </>
          ) : null}
          {canShare && editing?.mode !== 'rename' ? <Form.Item name="shared" valuePropName="checked"><Checkbox>{v.shareWithAll}</Checkbox></Form.Item> : null}
        </Form>
      </Modal>
    </div>
  );
}
