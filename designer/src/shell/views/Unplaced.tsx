// The records a calendar or a Gantt cannot place (no date, or no start or end): counted in the
// toolbar ("3 条没有日期") and listed on a click, each opening its record, so none is lost silently.
import { useState } from 'react';
import { Button, List, Modal, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { fmt } from '../../lib/i18n';
import { useCalendarT } from './calendarStrings';
import type { Rec } from './rangeRecords';

export function Unplaced({ unplaced, title, onOpen, gantt = false }: { unplaced: { total: number; items: Rec[] } | null; title(r: Rec): string; onOpen(id: string): void; gantt?: boolean }) {
  const { c } = useCalendarT();
  const [open, setOpen] = useState(false);
  if (!unplaced?.total) return null;
  const label = fmt(gantt ? c.noDates : c.noDate, { n: unplaced.total.toLocaleString() });
  return (
    <>
      <Button type="dashed" icon={<CalendarOutlined aria-hidden />} onClick={() => setOpen(true)}>{label}</Button>
      <Modal open={open} title={gantt ? c.noDatesTitle : c.noDateTitle} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Typography.Paragraph type="secondary">{gantt ? c.noDatesHint : c.noDateHint}</Typography.Paragraph>
        <List
          size="small"
          dataSource={unplaced.items}
          renderItem={(r) => (
            <List.Item>
              <Typography.Link onClick={() => { setOpen(false); onOpen(r._id); }}>{title(r)}</Typography.Link>
            </List.Item>
          )}
          footer={unplaced.total > unplaced.items.length ? <Typography.Text type="secondary">{fmt(c.firstShown, { n: unplaced.items.length })}</Typography.Text> : undefined}
        />
      </Modal>
    </>
  );
}
