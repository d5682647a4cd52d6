// Which body shows a view of each type. A type whose body is not in this build shows the table.
import type { ViewBodyProps, ViewType } from './model';
import { TableView } from './TableView';

export function ViewBody({ type, ...props }: ViewBodyProps & { type: ViewType; onCleared(): void }) {
  switch (type) {
    default:
      return <TableView {...props} />;
  }
}
