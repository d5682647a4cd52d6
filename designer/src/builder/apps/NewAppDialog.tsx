// Creating an app: its name (in one or both languages), an icon and a colour.
import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { I18nText } from '@tessera/form-engine';
import { errorText } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { builderApi, type AppDetail } from '../api';
import { useBT } from '../i18n';
import { APP_COLORS, APP_ICONS, AppIcon } from '../icons';
import { i18nPart, OTHER_LOCALE, setI18n } from '../form/model/i18nText';

export function IconPicker({ value, color, onChange, label }: { value: string; color: string; onChange(v: string): void; label: string }) {
  const { b } = useBT();
  return (
    <div role="radiogroup" aria-label={label} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      {Object.keys(APP_ICONS).map((k) => (
        <button key={k} type="button" role="radio" aria-checked={value === k} aria-label={b.iconNames[k] ?? label} title={b.iconNames[k]} onClick={() => onChange(k)} style={{ border: value === k ? `2px solid ${color}` : '2px solid transparent', borderRadius: 10, padding: 2, background: 'none', cursor: 'pointer' }}>
          <AppIcon icon={k} color={value === k ? color : '#bfbfbf'} size={32} />
        </button>
      ))}
    </div>
  );
}

export function ColorPicker({ value, onChange, label }: { value: string; onChange(v: string): void; label: string }) {
  const { b } = useBT();
  return (
    <div role="radiogroup" aria-label={label} style={{ display: 'flex', gap: 8 }}>
      {APP_COLORS.map((c) => (
        <button key={c} type="button" role="radio" aria-checked={value === c} aria-label={b.colorNames[c] ?? label} title={b.colorNames[c]} onClick={() => onChange(c)} style={{ width: 28, height: 28, borderRadius: 14, border: 0, background: c, color: '#fff', cursor: 'pointer', display: 'grid', placeItems: 'center' }}>
          {value === c ? <CheckOutlined aria-hidden /> : null}
        </button>
      ))}
    </div>
  );
}

export function NewAppDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(app: AppDetail): void }) {
  const { b, locale } = useBT();
  const { t } = useT();
  const [name, setName] = useState<I18nText>('');
  const [description, setDescription] = useState('');
  const [icon, setIcon] = useState('quality');
  const [color, setColor] = useState(APP_COLORS[0]);
  const [busy, setBusy] = useState(false);
  // A missing name is said at the name; a refused or failed create below the form.
  const [nameMissing, setNameMissing] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const main = i18nPart(name, locale);
  const create = async () => {
    if (!main.trim()) return setNameMissing(true);
    setBusy(true);
    setFailure(null);
    try {
      const app = await builderApi.createApp({ name, icon, color, ...(description.trim() ? { description: description.trim() } : {}) });
      setName('');
      setDescription('');
      onCreated(app);
    } catch (e) {
      setFailure({ error: e });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={b.newApp} open={open} onCancel={onClose} onOk={create} okText={b.createAndDesign} cancelText={b.cancel} confirmLoading={busy} destroyOnHidden>
      <Form layout="vertical" component="div">
        <Form.Item label={b.appName} htmlFor="new-app-name" required validateStatus={nameMissing ? 'error' : undefined} help={nameMissing ? <span id="new-app-name-error">{b.appNameRequired}</span> : undefined}>
          <Input
            id="new-app-name"
            autoFocus
            aria-required
            aria-invalid={nameMissing || undefined}
            aria-describedby={nameMissing ? 'new-app-name-error' : undefined}
            value={main}
            onChange={(e) => {
              setNameMissing(false);
              setName(setI18n(name, locale, e.target.value));
            }}
            onPressEnter={create}
            maxLength={100}
          />
        </Form.Item>
        <Form.Item label={b.appNameEn} htmlFor="new-app-name-2">
          <Input id="new-app-name-2" value={i18nPart(name, OTHER_LOCALE[locale], true)} onChange={(e) => setName(setI18n(name, locale, e.target.value, true))} maxLength={100} />
        </Form.Item>
        <Form.Item label={b.appDescription} htmlFor="new-app-desc">
          <Input.TextArea id="new-app-desc" value={description} onChange={(e) => setDescription(e.target.value)} autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} />
        </Form.Item>
        <Form.Item label={b.appIcon}>
          <IconPicker value={icon} color={color} onChange={setIcon} label={b.appIcon} />
        </Form.Item>
        <Form.Item label={b.appColor}>
          <ColorPicker value={color} onChange={setColor} label={b.appColor} />
        </Form.Item>
        {failure ? <div role="alert" style={{ color: '#ff4d4f' }}>{errorText(failure.error, t)}</div> : null}
      </Form>
    </Modal>
  );
}
