// Pieces every administration tab shares: loading a list with its three empties (no data yet,
// no match, could not load), a refusal shown at its fields, a secret shown once with a copy
// button, and dates in the tenant's zone.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Button, Empty, Input, Modal, Result, Skeleton, Space, Typography, type FormInstance } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { refusal } from './api';
import { useAT } from './i18n';

/** The tenant's time zone (the server's default until the SPA learns the tenant's own). */
const TIME_ZONE = 'Asia/Shanghai';

/** `2026-11-22 14:03` in the tenant's zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  reload(): void;
}

/** Loads once and on reload(); a late answer to an earlier ask is dropped. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);
  const reload = useCallback(() => {
    const n = ++asked.current;
    setError(null);
    load().then(
      (d) => n === asked.current && setData(d),
      (e: unknown) => n === asked.current && setError(e),
    );
  }, [load]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/**
 * What a list shows instead of rows: a skeleton while loading, "could not load" with the reason
 * and a retry, "no data yet" with the next step, or "no match" with a way to clear the filter.
 * Null when there are rows to show.
 */
export function ListState({ loaded, total, shown, emptyText, onClear, action }: { loaded: Loaded<unknown>; total: number; shown: number; emptyText: string; onClear?(): void; action?: ReactNode }) {
  const { a, t, locale } = useAT();
  if (loaded.error) {
    return <Result status="warning" title={a.loadFailed} subTitle={refusal(loaded.error, a, t, locale).text} extra={<Button type="primary" onClick={loaded.reload}>{a.retry}</Button>} />;
  }
  if (loaded.data === undefined) return <Skeleton active />;
  if (total === 0) return <Empty description={emptyText}>{action}</Empty>;
  if (shown === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.noMatch}>{onClear ? <Button onClick={onClear}>{a.clearFilter}</Button> : null}</Empty>;
  return null;
}

/** Puts a refusal's words at the fields it concerns (of those the form shows), or else says it in a message. */
export function useRefusal() {
  const { a, t, locale } = useAT();
  const { message } = App.useApp();
  return useCallback(
    (e: unknown, form?: FormInstance, shown: readonly string[] = []) => {
      const r = refusal(e, a, t, locale);
      const known = form ? Object.entries(r.fields).filter(([f]) => shown.includes(f)) : [];
      if (form && known.length) form.setFields(known.map(([f, text]) => ({ name: f, errors: [text] })));
      else message.error(r.text);
    },
    [a, t, locale, message],
  );
}

/** Copies text, or says it could not (an http page or a refused permission). */
export function useCopy() {
  const { a } = useAT();
  const { message } = App.useApp();
  return useCallback(
    (text: string) =>
      navigator.clipboard?.writeText(text).then(
        () => message.success(a.copied),
        () => message.warning(a.copyFailed),
      ) ?? message.warning(a.copyFailed),
    [a, message],
  );
}

/** A secret or a one-time link, shown once, with a copy button; closing it forgets it. */
export function OnceDialog({ open, title, note, label, value, onClose }: { open: boolean; title: string; note: string; label: string; value: string; onClose(): void }) {
  const { a } = useAT();
  const copy = useCopy();
  return (
    <Modal open={open} title={title} onCancel={onClose} maskClosable={false} destroyOnHidden footer={<Button type="primary" onClick={onClose}>{a.close}</Button>}>
      <Typography.Paragraph type="warning">{note}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input readOnly aria-label={label} value={value} onFocus={(e) => e.target.select()} style={{ fontFamily: 'monospace' }} />
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => copy(value)}>{a.copy}</Button>
      </Space.Compact>
    </Modal>
  );
}
