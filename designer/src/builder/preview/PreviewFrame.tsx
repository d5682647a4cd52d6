// The page inside the designer's preview iframe: the real form renderer on the draft the
// designer sends, at the iframe's width (so antd's breakpoints and the phone layout follow the
// preview, not the window). Nothing is saved; a submit only says whether the data is valid.
import { Component, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Space } from 'antd';
import { dataFields, type FormSchema, type Locale } from '@tessera/form-engine';
import { displayValue, FormRenderer, recordsMemberIds, type FormServices } from '@tessera/form-engine/react';
import { api, formServices, recordsUrl } from '../../lib/api';
import { builderApi, schemaOf } from '../api';
import { BUILDER_DICTS } from '../i18n';
import { isToPreview, type FromPreview } from './messages';
import { sampleRecord } from './sample';
import { reuse } from './reuse';

class Guard extends Component<{ children: ReactNode; message: string; resetKey: unknown }, { failed: boolean; key: unknown }> {
  override state = { failed: false, key: this.props.resetKey };
  static getDerivedStateFromProps(p: { resetKey: unknown }, s: { key: unknown }) {
    return p.resetKey !== s.key ? { failed: false, key: p.resetKey } : null;
  }
  override componentDidCatch() {
    this.setState({ failed: true });
  }
  override render() {
    return this.state.failed ? <Alert type="warning" showIcon message={this.props.message} /> : this.props.children;
  }
}

const post = (m: FromPreview) => window.parent?.postMessage(m, window.location.origin);

type Current = { schema: FormSchema; locale: Locale; appId: string };

/**
 * Relations in a draft search the related form's records directly (the draft is not
 * published), shown as the list shows them: the display field formatted by its type, from the
 * related form's draft (asked once per form). A failure reaches the widget, which says so.
 * One object for the frame's life (it reads the current draft through `current`): every field
 * cell receives it, and a new one on each edit would re-render them all.
 */
function previewServices(current: { current: Current | null }): FormServices {
  const base = formServices('', '');
  const related = new Map<string, Promise<FormSchema>>();
  const schemaOfForm = (appId: string, formId: string) => {
    const key = `${appId}/${formId}`;
    let p = related.get(key);
    if (!p) {
      p = builderApi.draft(appId, formId).then(schemaOf);
      p.catch(() => related.delete(key));
      related.set(key, p);
    }
    return p;
  };
  return {
    ...base,
    async searchRelation(_formId, fieldId, q) {
      const s = current.current;
      if (!s) return [];
      const { schema, appId, locale } = s;
      const f = dataFields(schema.fields).find((x) => x.id === fieldId);
      if (!f || f.type !== 'relation' || !f.formId) return [];
      const params = new URLSearchParams({ limit: '20' });
      if (q) params.set('q', q);
      const [target, r] = await Promise.all([schemaOfForm(appId, f.formId), api<{ items: Array<Record<string, unknown> & { _id: string }> }>('GET', `${recordsUrl(appId, f.formId)}?${params}`)]);
      const shown = dataFields(target.fields).find((x) => x.id === f.displayField);
      const b = BUILDER_DICTS[locale];
      // A member display field reads as the person's name.
      const people = shown?.type === 'member' ? new Map((await base.membersByIds(recordsMemberIds([shown], r.items))).map((u) => [u.id, u.displayName])) : null;
      const name = (id: string) => people?.get(id) ?? '';
      return r.items.map((rec) => ({ id: rec._id, display: (shown ? displayValue(shown, rec[shown.id], locale, undefined, name) : '') || b.untitledRecord, record: rec }));
    },
  };
}

export function PreviewFrame() {
  const { message } = App.useApp();
  const [state, setState] = useState<Current | null>(null);
  const [value, setValue] = useState<{ v?: Record<string, unknown>; n: number }>({ n: 0 });
  const current = useRef<Current | null>(null);
  current.current = state;
  useEffect(() => {
    const on = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || !isToPreview(e.data)) return;
      const m = e.data;
      setState((s) => ({ schema: reuse(s?.schema, m.schema), locale: m.locale, appId: m.appId }));
    };
    window.addEventListener('message', on);
    post({ type: 'tessera.preview.ready' });
    return () => window.removeEventListener('message', on);
  }, []);
  const services = useMemo(() => previewServices(current), []);
  if (!state) return null;
  const b = BUILDER_DICTS[state.locale];
  return (
    <div style={{ padding: 16, background: '#fff', minHeight: '100vh', boxSizing: 'border-box' }}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button size="small" onClick={() => setValue((v) => ({ v: sampleRecord(state.schema, state.locale), n: v.n + 1 }))}>{b.fillSample}</Button>
        <Button size="small" onClick={() => setValue((v) => ({ n: v.n + 1 }))}>{b.resetPreview}</Button>
        <span style={{ color: '#8c8c8c', fontSize: 12 }}>{b.previewNote}</span>
      </Space>
      <Guard message={b.previewBroken} resetKey={state.schema}>
        <FormRenderer
          key={value.n}
          schema={state.schema}
          locale={state.locale}
          value={value.v}
          services={services}
          onSubmit={async () => {
            message.success(b.previewValid);
          }}
        />
      </Guard>
    </div>
  );
}
