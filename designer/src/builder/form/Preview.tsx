// The live preview: the draft in an iframe (its own viewport, so a 390 px phone preview lays out
// as a phone does), re-sent on every edit once the frame says it is ready.
import { useEffect, useRef, useState } from 'react';
import type { FormSchema } from '@tessera/form-engine';
import { useBT } from '../i18n';
import { isFromPreview, type ToPreview } from '../preview/messages';

export function Preview({ schema, appId, device }: { schema: FormSchema; appId: string; device: 'desktop' | 'phone' }) {
  const { b, locale } = useBT();
  const frame = useRef<HTMLIFrameElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const on = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== frame.current?.contentWindow || !isFromPreview(e.data)) return;
      if (e.data.type === 'tessera.preview.ready') setReady(true);
    };
    window.addEventListener('message', on);
    return () => window.removeEventListener('message', on);
  }, []);
  useEffect(() => {
    if (!ready) return;
    frame.current?.contentWindow?.postMessage({ type: 'tessera.preview.schema', schema, locale, appId } satisfies ToPreview, window.location.origin);
  }, [schema, ready, locale, appId]);
  const phone = device === 'phone';
  return (
    <div style={{ height: '100%', overflow: 'auto', background: '#f0f2f5', padding: phone ? 24 : 16, boxSizing: 'border-box', display: 'flex', justifyContent: 'center' }}>
      <iframe
        ref={frame}
        title={`${b.previewTitle} · ${phone ? b.phone : b.desktop}`}
        src="/preview-frame"
        style={phone ? { width: 390, height: 'min(844px, calc(100vh - 140px))', boxSizing: 'content-box', border: '10px solid #1f1f1f', borderRadius: 36, background: '#fff', flex: 'none' } : { width: '100%', height: '100%', border: '1px solid #e5e5e5', borderRadius: 8, background: '#fff' }}
      />
    </div>
  );
}
