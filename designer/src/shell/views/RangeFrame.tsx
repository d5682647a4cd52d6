// What the calendar and the Gantt show around their body: a warning when the range holds more
// records than one view loads, the drag hint (not on a phone, where items move by their dialog),
// the reason a move was refused, and a spinner over the body while the range loads.
import type { ReactNode } from 'react';
import { Alert, Spin, Typography } from 'antd';
import { fmt } from '../../lib/i18n';
import { useCalendarT } from './calendarStrings';

export function RangeFrame({ truncated, shown, phone, notice, onClearNotice, loading, children }: {
  /** The range held more records than were loaded (`shown` of them). */
  truncated: boolean;
  shown: number;
  phone: boolean;
  notice: string | null;
  onClearNotice(): void;
  loading: boolean;
  children: ReactNode;
}) {
  const { c } = useCalendarT();
  return (
    <>
      {truncated ? <Typography.Paragraph type="warning">{fmt(c.truncated, { n: shown.toLocaleString() })}</Typography.Paragraph> : null}
      {!phone ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{c.dragHint}</Typography.Paragraph> : null}
      {notice ? <Alert type="error" showIcon closable={{ onClose: onClearNotice }} role="alert" title={notice} style={{ marginBottom: 12 }} /> : null}
      <Spin spinning={loading}>{children}</Spin>
    </>
  );
}
