// The list's three empties, never one text for all (UX.md): no data yet (with the next step),
// nothing matches (with a way to clear the search and filters), and could not load (the reason,
// never "Failed to fetch", and a retry). While the first page loads, a skeleton.
import { Button, Empty, Skeleton, Typography } from 'antd';
import { errorText } from '../../lib/api';
import { useListT } from './strings';

export type ListState = { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'noMatch' } | { kind: 'noData'; canCreate: boolean };

export function ListEmpty({ state, onRetry, onClear }: { state: ListState; onRetry(): void; onClear(): void }) {
  const { t, l } = useListT();
  switch (state.kind) {
    case 'loading':
      return <Skeleton active paragraph={{ rows: 4 }} />;
    case 'failed':
      return (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<div role="alert"><Typography.Text strong>{l.listFailed}</Typography.Text><br /><Typography.Text type="secondary">{errorText(state.error, t)}</Typography.Text></div>}>
          <Button type="primary" onClick={onRetry}>{l.retry}</Button>
        </Empty>
      );
    case 'noMatch':
      return (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noMatch}>
          <Button onClick={onClear}>{l.clearAll}</Button>
        </Empty>
      );
    default:
      return <Empty description={state.canCreate ? t.emptyList : t.emptyListNoCreate} />;
  }
}
