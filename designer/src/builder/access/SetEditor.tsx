// One permission set being edited: its members and its forms × actions matrix, saved as a whole
// with the revision it was read at. A stale save (409) offers to save over the other person's
// change or to reload; the problems of a refused save (422) show beside what they name.
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, SaveOutlined } from '@ant-design/icons';
import { dataFields, textOf } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { useBT } from '../i18n';
import { FormMatrix, type MatrixRow, type ProblemsAt } from './FormMatrix';
import { MembersEditor, type GoneMembers } from './MembersEditor';
import { issueTarget, type FormDraft, type Issue, type SetDraft } from './model';

const CONDITION_CODES = new Set(['invalid_condition', 'incomplete_condition']);
/** The field id a condition row's path names (`supplier.id` → supplier). */
const fieldOfPath = (path: string) => path.split('.')[0];

export interface SetEditorProps {
  draft: SetDraft;
  onChange(update: (d: SetDraft) => SetDraft): void;
  rows: MatrixRow[];
  issues: Issue[];
  dirty: boolean;
  stale: boolean;
  saving: boolean;
  expanded: string[];
  onExpanded(keys: string[]): void;
  onSave(): void;
  onDiscard(): void;
  onOverwrite(): void;
  onReload(): void;
  onRename(): void;
  onDelete(): void;
}

export function SetEditor(p: SetEditorProps) {
  const { b, locale } = useBT();
  const a = b.access;
  const { draft, issues } = p;
  const words = (i: Issue, field?: string) => fmt(a.issues[i.code] ?? a.issues.other, { field: field ?? a.thisCondition });
  const fieldLabel = (formId: string, fieldId: string | undefined) => {
    const schema = p.rows.find((r) => r.id === formId)?.schema;
    const f = schema && fieldId ? dataFields(schema.fields).find((x) => x.id === fieldId) : undefined;
    return f ? textOf(f.label, locale) || b.untitledField : fieldId ? a.fieldGone : undefined;
  };
  const conditionFields = (formId: string) => new Set((draft.forms[formId]?.conditions?.rows ?? []).map((r, i) => (r.field ? fieldOfPath(r.field) : `#${i}`)));
  const problems: ProblemsAt = (formId, where) =>
    issues.flatMap((i) => {
      const t = issueTarget(i.path);
      if (t.at === 'members' || t.at === 'admins' || t.at === 'set' || t.formId !== formId) return [];
      if (where === 'form') return t.at === 'form' ? [words(i)] : [];
      if (typeof where === 'object' && 'field' in where) return t.at === 'field' && t.fieldId === where.field ? [words(i)] : [];
      if (t.at !== 'scope') return [];
      const onRow = CONDITION_CODES.has(i.code) && t.fieldId !== undefined && conditionFields(formId).has(t.fieldId);
      if (typeof where === 'object') return onRow && t.fieldId === fieldOfPath(where.condition) ? [words(i, fieldLabel(formId, t.fieldId))] : [];
      return onRow ? [] : [words(i, fieldLabel(formId, t.fieldId))];
    });
  // Members the server no longer has: one sentence per group, with a button to take them out.
  const gone = (group: 'users' | 'departments' | 'roles'): GoneMembers | null => {
    const found = issues.flatMap((i) => {
      const t = issueTarget(i.path);
      return t.at === 'members' && t.group === group ? [{ id: t.id, code: i.code }] : [];
    });
    const ids = [...new Set(found.map((x) => x.id))].filter((id) => (group === 'departments' ? draft.members.departments.some((d) => d.id === id) : draft.members[group].includes(id)));
    return ids.length ? { ids, text: fmt(a.issues[found[0].code] ?? a.issues.other, { n: ids.length }) } : null;
  };
  const setLevel = issues.filter((i) => issueTarget(i.path).at === 'set');
  const changeForm = (formId: string, d: FormDraft) => p.onChange((cur) => ({ ...cur, forms: { ...cur.forms, [formId]: d } }));

  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
      <Card
        title={
          <Space wrap>
            <span>{draft.name}</span>
            {p.dirty ? <Tag color="orange">{b.unsaved}</Tag> : null}
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<EditOutlined aria-hidden />} onClick={p.onRename}>{b.rename}</Button>
            <Button danger icon={<DeleteOutlined aria-hidden />} onClick={p.onDelete}>{b.remove}</Button>
            {p.dirty ? <Button onClick={p.onDiscard}>{a.discard}</Button> : null}
            <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={p.saving} disabled={!p.dirty} onClick={p.onSave}>{b.save}</Button>
          </Space>
        }
      >
        {draft.description ? <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{draft.description}</Typography.Paragraph> : null}
        {p.stale ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={a.staleTitle}
            description={a.staleBody}
            action={
              <Space orientation="vertical">
                <Button size="small" type="primary" onClick={p.onOverwrite}>{a.overwrite}</Button>
                <Button size="small" onClick={p.onReload}>{a.reloadSet}</Button>
              </Space>
            }
          />
        ) : null}
        {issues.length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={fmt(a.invalidTitle, { n: issues.length })}
            description={setLevel.length ? setLevel.map((i, k) => <div key={k}>{words(i)}</div>) : undefined}
          />
        ) : null}
        <Typography.Title level={5} style={{ marginTop: 0 }}>{a.members}</Typography.Title>
        <MembersEditor value={draft.members} onChange={(members) => p.onChange((cur) => ({ ...cur, members }))} gone={gone} />
      </Card>
      <Card title={a.formPermissions}>
        <Typography.Paragraph type="secondary">{a.matrixHelp}</Typography.Paragraph>
        <FormMatrix rows={p.rows} value={draft.forms} onChange={changeForm} problems={problems} expanded={p.expanded} onExpanded={p.onExpanded} />
      </Card>
    </div>
  );
}
