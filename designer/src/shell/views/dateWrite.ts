// The one write of a calendar move and a Gantt drag: the record's validated PATCH with the `_v`
// it was shown at, as the record drawer saves (rules, required fields and permissions apply on
// the server). Optimistic: the item moves at once; a refusal puts it back and says the server's
// reason (the rule's own message, in the reader's language); a stale `_v` reloads the range.
import { useCallback, useState } from 'react';
import { App } from 'antd';
import { api, ApiError, errorText, recordsUrl } from '../../lib/api';
import { fmt, type Dict } from '../../lib/i18n';
import { useCalendarT } from './calendarStrings';
import type { Rec } from './rangeRecords';

/** The server's reason: the messages of the issues it found (they name their fields), else its message. */
export function refusalText(e: unknown, t: Dict): string {
  if (e instanceof ApiError && Array.isArray(e.details)) {
    const said = e.details.map((d) => (d && typeof d === 'object' ? (d as { message?: unknown }).message : undefined)).filter((m): m is string => typeof m === 'string' && m.trim() !== '');
    if (said.length) return [...new Set(said)].join('；');
  }
  return errorText(e, t);
}

export interface DateWrite {
  /** Shows `changes` on the record now, writes them, and keeps or reverts them by the answer; resolves true when saved. */
  write(rec: Rec, changes: Record<string, unknown>, done: string): Promise<boolean>;
  /** The last refusal, kept on screen until the next write or a close (a toast alone goes too soon). */
  notice: string | null;
  clearNotice(): void;
}

export function useDateWrite(appId: string, formId: string, put: (r: Rec) => void, reload: () => void, title: (r: Rec) => string): DateWrite {
  const { t, c } = useCalendarT();
  const { message } = App.useApp();
  const [notice, setNotice] = useState<string | null>(null);
  const write = useCallback(
    async (rec: Rec, changes: Record<string, unknown>, done: string) => {
      setNotice(null);
      put({ ...rec, ...changes });
      try {
        const saved = await api<Rec>('PATCH', `${recordsUrl(appId, formId)}/${encodeURIComponent(rec._id)}`, { ...changes, _v: rec._v });
        put(saved);
        message.success(done);
        return true;
      } catch (e) {
        put(rec);
        const text = e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION' ? fmt(c.stale, { name: title(rec) }) : fmt(c.refused, { name: title(rec), reason: refusalText(e, t) });
        if (e instanceof ApiError && e.status === 409 && e.code === 'STALE_VERSION') reload();
        setNotice(text);
        return false;
      }
    },
    [appId, formId, put, reload, title, message, t, c],
  );
  return { write, notice, clearNotice: useCallback(() => setNotice(null), []) };
}
