// A record's bar of moves: previous / next in the list it was opened from (its search, filter and
// sort, the next page asked for with the list's cursor at the end of what is loaded), by buttons
// or the keyboard (Alt+↑ / Alt+↓ anywhere, K / J outside a text box); its place in the list; copy
// its link; copy the record into a new one (for who may create). Leaving unsaved edits asks first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { CopyOutlined, DownOutlined, LinkOutlined, UpOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { fmt } from '../../lib/i18n';
import { loadNext, useSequence } from './sequence';
import { useRecordText } from './text';

export interface RecordNavProps {
  appId: string;
  formId: string;
  recordId: string;
  /** Opens another record of the list (in the drawer, or as the page). */
  onGo?(id: string): void;
  /** Whether the caller may create records (copy is offered then). */
  canCreate: boolean;
  /** Resolves true when leaving the record is fine (no unsaved edits, or the person agreed). */
  mayLeave(): Promise<boolean>;
}

/** The record's shareable address: the list with the record open over it. */
export const recordLink = (appId: string, formId: string, recordId: string) => `${window.location.origin}/apps/${appId}/forms/${formId}?record=${encodeURIComponent(recordId)}`;

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || t.getAttribute('role') === 'combobox');

export function RecordNav({ appId, formId, recordId, onGo, canCreate, mayLeave }: RecordNavProps) {
  const rt = useRecordText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const seq = useSequence(appId, formId);
  const [busy, setBusy] = useState(false);
  const index = seq ? seq.ids.indexOf(recordId) : -1;
  // A record beyond the pages loaded (a link to it, or the list reloaded after a save): the
  // list's next pages are asked for until it is found (a few at most).
  const looked = useRef(0);
  useEffect(() => {
    looked.current = 0;
  }, [recordId]);
  useEffect(() => {
    if (!seq || index >= 0 || !seq.cursor || looked.current >= 5) return;
    looked.current++;
    loadNext(seq).catch(() => undefined);
  }, [seq, index]);

  const inList = !!onGo && !!seq && index >= 0;
  const hasPrev = inList && index > 0;
  const hasNext = inList && (index < seq.ids.length - 1 || !!seq.cursor);

  const go = useCallback(
    async (step: -1 | 1) => {
      if (!onGo || !seq || index < 0 || busy) return;
      if (step < 0 ? index === 0 : index === seq.ids.length - 1 && !seq.cursor) return;
      setBusy(true);
      try {
        if (!(await mayLeave())) return;
        let s = seq;
        if (step > 0 && index === s.ids.length - 1) {
          try {
            s = await loadNext(s);
          } catch {
            message.error(rt.nextFailed);
            return;
          }
        }
        const target = s.ids[s.ids.indexOf(recordId) + step];
        if (target) onGo(target);
      } finally {
        setBusy(false);
      }
    },
    [onGo, seq, index, busy, mayLeave, recordId, message, rt],
  );

  useEffect(() => {
    if (!inList) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      const alt = e.altKey && !e.shiftKey;
      const plain = !e.altKey && !e.shiftKey && !typing(e.target);
      const step = (alt && e.key === 'ArrowUp') || (plain && e.key === 'k') ? -1 : (alt && e.key === 'ArrowDown') || (plain && e.key === 'j') ? 1 : 0;
      if (!step) return;
      e.preventDefault();
      void go(step);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [inList, go]);

  const copyLink = async () => {
    const url = recordLink(appId, formId, recordId);
    try {
      await navigator.clipboard.writeText(url);
      message.success(rt.linkCopied);
    } catch {
      message.warning(fmt(rt.copyLinkFailed, { url }));
    }
  };
  const copyRecord = async () => {
    if (await mayLeave()) navigate(`/apps/${appId}/forms/${formId}/new?copy=${encodeURIComponent(recordId)}`);
  };

  return (
    <Space className="tessera-record-nav" wrap size={8} style={{ marginBottom: 12 }}>
      {inList || (onGo && seq && seq.cursor) ? (
        <Space.Compact>
          <Tooltip title={rt.navHint}>
            <Button icon={<UpOutlined aria-hidden />} aria-label={rt.previous} aria-keyshortcuts="Alt+ArrowUp k" disabled={!hasPrev} onClick={() => go(-1)} />
          </Tooltip>
          <Tooltip title={rt.navHint}>
            <Button icon={<DownOutlined aria-hidden />} aria-label={rt.next} aria-keyshortcuts="Alt+ArrowDown j" disabled={!hasNext} loading={busy} onClick={() => go(1)} />
          </Tooltip>
        </Space.Compact>
      ) : null}
      {inList && seq.total !== null ? <Typography.Text type="secondary" aria-live="polite">{fmt(rt.position, { n: index + 1, total: seq.total })}</Typography.Text> : null}
      <Button icon={<LinkOutlined aria-hidden />} onClick={copyLink}>{rt.copyLink}</Button>
      {canCreate ? <Button icon={<CopyOutlined aria-hidden />} onClick={copyRecord}>{rt.copyRecord}</Button> : null}
    </Space>
  );
}
