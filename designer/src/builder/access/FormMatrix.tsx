// What a permission set grants per form: a matrix of the app's forms × actions (checkboxes), and,
// in each form's expanded row, its row scope and the mode of each field (visible / read-only /
// hidden). Problems (the server's 422 details or the checks before saving) show beside what they name.
import { useMemo } from 'react';
import { Checkbox, Radio, Select, Table, Typography } from 'antd';
import { dataFields, textOf, type FormSchema } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { useBT } from '../i18n';
import { ConditionBuilder } from './ConditionBuilder';
import { ACTIONS, SCOPE_CHOICES, condFieldsOf, emptyFormDraft, setFieldMode, toggleAction, type Action, type FieldMode, type FormDraft, type ScopeChoice } from './model';

export interface MatrixRow {
  id: string;
  title: string;
  /** null: a form the app no longer has (still named by the set). */
  schema: FormSchema | null;
}

/** The words of a problem found at some place of a form (`field` names the field it is about). */
export type ProblemsAt = (formId: string, where: 'form' | 'scope' | { field: string } | { condition: string }) => string[];

const Problems = ({ list }: { list: string[] }) => (list.length ? <div role="alert">{list.map((p, i) => <Typography.Text key={i} type="danger" style={{ display: 'block', fontSize: 12 }}>{p}</Typography.Text>)}</div> : null);

function FormSettings({ row, draft, onChange, problems }: { row: MatrixRow & { schema: FormSchema }; draft: FormDraft; onChange(d: FormDraft): void; problems: ProblemsAt }) {
  const { b, locale } = useBT();
  const a = b.access;
  const fields = useMemo(() => dataFields(row.schema.fields), [row.schema]);
  const condFields = useMemo(() => condFieldsOf(row.schema.fields), [row.schema]);
  const people = fields.filter((f) => f.type === 'member' || f.type === 'department');
  const gone = Object.keys(draft.fields).filter((id) => !fields.some((f) => f.id === id));
  const modeRow = (id: string, label: string) => (
    <div key={id} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, padding: '4px 0', borderBottom: '1px solid #f5f5f5' }}>
      <div style={{ minWidth: 0 }}>
        <Typography.Text ellipsis>{label}</Typography.Text>
        <Problems list={problems(row.id, { field: id })} />
      </div>
      <Radio.Group
        size="small"
        optionType="button"
        buttonStyle="solid"
        aria-label={fmt(a.fieldModeOf, { field: label })}
        value={draft.fields[id] ?? 'visible'}
        options={(['visible', 'readonly', 'hidden'] as const).map((m) => ({ value: m, label: a.modes[m] }))}
        onChange={(e) => onChange(setFieldMode(draft, id, e.target.value as FieldMode | 'visible'))}
      />
    </div>
  );
  return (
    <div role="group" aria-label={fmt(a.settingsOf, { form: row.title })} style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 24, padding: '4px 8px' }}>
      <div>
        <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>{a.scope}</Typography.Text>
        <Select
          aria-label={fmt(a.scopeOf, { form: row.title })}
          style={{ width: 240, marginBottom: 8 }}
          value={draft.scope}
          options={SCOPE_CHOICES.map((s) => ({ value: s, label: a.scopes[s] }))}
          onChange={(s: ScopeChoice) => onChange({ ...draft, scope: s })}
        />
        {draft.scope === 'namedIn' ? (
          people.length ? (
            <Select
              aria-label={a.namedInFields}
              mode="multiple"
              style={{ width: '100%', marginBottom: 8 }}
              placeholder={a.namedInFields}
              value={draft.namedIn.filter((id) => people.some((f) => f.id === id))}
              options={people.map((f) => ({ value: f.id, label: textOf(f.label, locale) || b.untitledField }))}
              onChange={(ids: string[]) => onChange({ ...draft, namedIn: ids })}
            />
          ) : (
            <Typography.Text type="warning" style={{ display: 'block' }}>{a.namedInNone}</Typography.Text>
          )
        ) : null}
        {draft.scope === 'condition' ? (
          <ConditionBuilder
            label={fmt(a.conditionsOf, { form: row.title })}
            fields={condFields}
            value={draft.conditions}
            onChange={(g) => onChange({ ...draft, conditions: g, rawFilter: g ? draft.rawFilter : {} })}
            problemOf={(r, i) => problems(row.id, { condition: r.field || `#${i}` })[0]}
          />
        ) : null}
        <Problems list={problems(row.id, 'scope')} />
      </div>
      <div>
        <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>{a.fieldModes}</Typography.Text>
        {fields.length === 0 && gone.length === 0 ? <Typography.Text type="secondary">{a.noFields}</Typography.Text> : null}
        {fields.map((f) => modeRow(f.id, textOf(f.label, locale) || b.untitledField))}
        {gone.map((id) => modeRow(id, a.fieldGone))}
      </div>
    </div>
  );
}

export function FormMatrix({ rows, value, onChange, problems, expanded, onExpanded }: {
  rows: MatrixRow[];
  value: Record<string, FormDraft>;
  onChange(formId: string, d: FormDraft): void;
  problems: ProblemsAt;
  expanded: string[];
  onExpanded(keys: string[]): void;
}) {
  const { b } = useBT();
  const a = b.access;
  const has = (id: string, action: Action) => value[id]?.actions.includes(action) ?? false;
  const toggleAll = (action: Action, on: boolean) => {
    for (const r of rows) if (r.schema && has(r.id, action) !== on) onChange(r.id, toggleAction(value[r.id], action, on));
  };
  const live = rows.filter((r) => r.schema);
  const columns = [
    {
      key: 'form',
      title: a.form,
      fixed: 'left' as const,
      width: 160,
      render: (_: unknown, r: MatrixRow) => (
        <div>
          <Typography.Text type={r.schema ? undefined : 'secondary'}>{r.title}</Typography.Text>
          <Problems list={problems(r.id, 'form')} />
        </div>
      ),
    },
    ...ACTIONS.map((action) => {
      const word = a.actions[action];
      const count = live.filter((r) => has(r.id, action)).length;
      return {
        key: action,
        align: 'center' as const,
        width: 56,
        title: (
          <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 4 }}>
            <span>{word}</span>
            <Checkbox aria-label={fmt(a.actionAllForms, { action: word })} disabled={!live.length} checked={!!live.length && count === live.length} indeterminate={count > 0 && count < live.length} onChange={(e) => toggleAll(action, e.target.checked)} />
          </div>
        ),
        render: (_: unknown, r: MatrixRow) => (
          <Checkbox aria-label={fmt(a.actionOfForm, { form: r.title, action: word })} checked={has(r.id, action)} disabled={!r.schema && !has(r.id, action)} onChange={(e) => onChange(r.id, toggleAction(value[r.id], action, e.target.checked))} />
        ),
      };
    }),
    {
      key: 'scope',
      title: a.scope,
      width: 140,
      render: (_: unknown, r: MatrixRow) => {
        const d = value[r.id];
        return d?.actions.length ? a.scopes[d.scope] : <Typography.Text type="secondary">{a.notGranted}</Typography.Text>;
      },
    },
  ];
  return (
    <Table<MatrixRow>
      rowKey="id"
      size="small"
      pagination={false}
      bordered
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={columns}
      locale={{ emptyText: a.noForms }}
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => onExpanded(keys as string[]),
        rowExpandable: (r) => !!r.schema,
        expandedRowRender: (r) => (r.schema ? <FormSettings row={r as MatrixRow & { schema: FormSchema }} draft={value[r.id] ?? emptyFormDraft()} onChange={(d) => onChange(r.id, d)} problems={problems} /> : null),
      }}
    />
  );
}
