// Importing an app package: a JSON file checked by the server before anything is written. A
// clash with an existing app asks whether to replace it or install a copy; a refused package
// lists each problem with where it is.
import { useRef, useState } from 'react';
import { App, Button, List, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { textOf, type I18nText } from '@tessera/form-engine';
import { ApiError, errorText } from '../../lib/api';
import { fmt, useT } from '../../lib/i18n';
import { builderApi, type AppDetail } from '../api';
import { useBT } from '../i18n';

export function ImportAppButton({ onImported }: { onImported(app: AppDetail): void }) {
  const { b, locale } = useBT();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const send = async (pkg: unknown, mode?: 'replace' | 'copy'): Promise<void> => {
    try {
      const app = await builderApi.importApp(pkg, mode);
      message.success(fmt(b.imported, { name: textOf(app.name, locale) || app.id }));
      onImported(app);
    } catch (e) {
      // Nothing answered (the network, a proxy): say so, the button is ready for another try.
      if (!(e instanceof ApiError) || e.code.startsWith('HTTP_')) return void message.error(fmt(b.withReason, { text: b.importFailed, reason: errorText(e, t) }));
      if (e.code === 'APP_EXISTS') {
        const d = (Array.isArray(e.details) ? e.details[0] : {}) as { appId?: string; name?: unknown };
        const name = textOf(d.name as I18nText | undefined, locale) || d.appId || '';
        await new Promise<void>((resolve) => {
          const m = modal.confirm({
            title: fmt(b.importConflict, { id: d.appId ?? '', name }),
            okText: b.importCopy,
            cancelText: b.cancel,
            footer: (_orig, { OkBtn, CancelBtn }) => (
              <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
                <CancelBtn />
                <Button danger onClick={() => { m.destroy(); void send(pkg, 'replace').finally(resolve); }}>{b.importReplace}</Button>
                <OkBtn />
              </div>
            ),
            onOk: () => send(pkg, 'copy').finally(resolve),
            onCancel: () => resolve(),
          });
        });
        return;
      }
      if (e.status === 413) return void message.error(b.importTooLarge);
      if (e.code === 'UNSUPPORTED_FORMAT') return void message.error(fmt(b.withDetail, { text: b.importNewer, detail: e.message }));
      const issues = Array.isArray(e.details) ? (e.details as Array<{ path?: string; message?: string }>) : [];
      modal.error({
        title: fmt(b.importInvalid, { n: issues.length || 1 }),
        width: 560,
        content: issues.length ? (
          <List size="small" dataSource={issues.slice(0, 50)} renderItem={(i) => <List.Item><Typography.Text code>{i.path || '/'}</Typography.Text> {i.message}</List.Item>} />
        ) : e.message,
      });
    }
  };

  const onFile = async (file: File) => {
    setBusy(true);
    try {
      let pkg: unknown;
      try {
        pkg = JSON.parse(await file.text());
      } catch {
        message.error(b.importNotJson);
        return;
      }
      await send(pkg);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input ref={input} type="file" accept=".json,application/json" hidden aria-hidden onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
      <Button icon={<ImportOutlined aria-hidden />} loading={busy} onClick={() => input.current?.click()}>{busy ? b.importing : b.importApp}</Button>
    </>
  );
}
