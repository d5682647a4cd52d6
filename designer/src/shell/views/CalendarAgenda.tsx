// A phone's calendar (390 px has no room for seven columns): the days of the month, week or day
// on screen that hold records, in order, each with its records as cards. Nothing is dragged here:
// each card opens its record, and "move to…" changes its date.
import { Empty, Typography, theme } from 'antd';
import { dayTitle } from './calendarDates';
import { useCalendarT } from './calendarStrings';
import type { DayContent } from './CalendarMonth';

export function CalendarAgenda({ days, today, content }: { days: string[]; today: string; content: DayContent }) {
  const { locale, c } = useCalendarT();
  const { token } = theme.useToken();
  const filled = days.filter((d) => content.items(d).length > 0);
  if (!filled.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div>{c.empty}</div><Typography.Text type="secondary">{c.emptyHint}</Typography.Text></>} />;
  return (
    <div role="list" aria-label={c.calendar}>
      {filled.map((d) => (
        <section key={d} role="listitem" aria-label={dayTitle(d, locale)} data-day={d} style={{ marginBottom: 12 }}>
          <Typography.Text strong style={{ display: 'block', padding: '4px 0', color: d === today ? token.colorPrimary : undefined }} aria-current={d === today ? 'date' : undefined}>
            {dayTitle(d, locale)}
            {d === today ? ` · ${c.today}` : ''}
          </Typography.Text>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>{content.items(d).map((r) => content.item(r, d, false))}</div>
        </section>
      ))}
    </div>
  );
}
