// "Someone else changed this record" (409 STALE_VERSION) where the person is looking: at the top
// of the form, scrolled into view, with the way to keep their edits on the fresh record first.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useRecordText } from './text';

export function ConflictNotice({ onKeep, onDiscard }: { onKeep(): Promise<void>; onDiscard(): void }) {
  const rt = useRecordText();
  const box = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // The save button is at the bottom of a long form: bring the notice to the person (and the
    // keyboard to its first choice), in a drawer or on a page alike.
    box.current?.scrollIntoView({ block: 'start' });
    keep.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={box} style={{ scrollMarginTop: 72 }}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={rt.conflictTitle}
        description={rt.conflictBody}
        action={
          <Space orientation="vertical" size={8}>
            <Button ref={keep} type="primary" loading={busy} onClick={() => { setBusy(true); void onKeep().finally(() => setBusy(false)); }}>{rt.keepMine}</Button>
            <Button onClick={onDiscard} disabled={busy}>{rt.discardMine}</Button>
          </Space>
        }
      />
    </div>
  );
}
