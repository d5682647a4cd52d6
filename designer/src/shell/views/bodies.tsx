// Which body shows a view of each type: a table (grouped or not), a kanban, a calendar, a Gantt.
import { CalendarView } from './Calendar';
import { GanttView } from './Gantt';
import { KanbanView } from './Kanban';
import type { ViewBodyProps, ViewType } from './model';
import { TableView } from './TableView';

export function ViewBody({ type, ...props }: ViewBodyProps & { type: ViewType; onCleared(): void }) {
  switch (type) {
    case 'kanban':
      return props.config.kanban ? <KanbanView {...props} /> : <TableView {...props} />;
    case 'calendar':
      return props.config.calendar ? <CalendarView {...props} /> : <TableView {...props} />;
    case 'gantt':
      return props.config.gantt ? <GanttView {...props} /> : <TableView {...props} />;
    default:
      return <TableView {...props} />;
  }
}
