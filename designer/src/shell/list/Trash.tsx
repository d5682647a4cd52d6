// A form's trash (回收站): the records deleted from the list (`deleted=only`), latest first, each
// with a restore and, for who manages the app, a purge (delete for good) asked first. Deleting
// promises a restore; this is where it is kept.
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Drawer, Empty, List, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { dataFields, textOf, titleFieldOf, type FormSchema } from '@tessera/form-engine';
import { displayValue } from '@tessera/form-engine/react';
import { api, ApiError, errorText, recordsUrl } from '../../lib/api';
import { fmt, relativeTime } from '../../lib/i18n';
import { recordAllows } from '../access';
import { ListEmpty } from './ListStates';
import { useListT } from './strings';

type Deleted = Record<string, unknown> & { _id: string; _deletedAt?: string | null; _updatedAt?: string };

interface Props {
  open: boolean;
  onClose(): void;
  appId: string;
  schema: FormSchema;
  /** Whether the caller may purge (manages the app); the server checks again. */
  canPurge: boolean;
  phone: boolean;
  /** A record came back to the list (or left the trash): the list reloads. */
  onChanged(): void;
}

export function Trash({ open, onClose, appId, schema, canPurge, phone, onChanged }: Props) {
  const { t, l, locale } = useListT();
  const { message, modal } = App.useApp();
  const [items, setItems] = useState<Deleted[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const asked = useRef(0);
  const url = recordsUrl(appId, schema.id);
  const fields = dataFields(schema.fields);
  const titleField = titleFieldOf(schema, fields);
  const nameOf = (r: Deleted) => (titleField ? displayValue(titleField, r[titleField.id], locale) : '') || l.untitled;

  const load = useCallback(
    async (more: boolean) => {
      const n = ++asked.current;
      setLoading(true);
      try {
        const params = new URLSearchParams({ deleted: 'only', limit: '50', sort: '-_deletedAt' });
        if (more && cursor) params.set('cursor', cursor);
        const r = await api<{ items: Deleted[]; nextCursor: string | null }>('GET', `${url}?${params}`);
        if (n !== asked.current) return;
        setItems((prev) => (more ? [...prev, ...r.items] : r.items));
        setCursor(r.nextCursor);
        setFailure(null);
      } catch (e) {
        if (n !== asked.current) return;
        if (more) message.error(errorText(e, t));
        else setFailure({ error: e });
      } finally {
        if (n === asked.current) setLoading(false);
      }
    },
    [url, cursor, message, t],
  );
  useEffect(() => {
    if (open) void load(false);
  }, [open, url]);

  const restore = async (r: Deleted) => {
    setBusy(r._id);
    try {
      await api('POST', `${url}/${encodeURIComponent(r._id)}/restore`);
      message.success(fmt(l.restored, { name: nameOf(r) }));
      onChanged();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(null);
      await load(false);
    }
  };

  const purge = (r: Deleted) =>
    modal.confirm({
      title: l.purgeTitle,
      content: fmt(l.purgeBody, { name: nameOf(r) }),
      okText: l.purge,
      okButtonProps: { danger: true },
      cancelText: l.cancel,
      onOk: async () => {
        try {
          await api('POST', `${url}/${encodeURIComponent(r._id)}/purge`);
          message.success(fmt(l.purged, { name: nameOf(r) }));
        } catch (e) {
          // Restored meanwhile (by someone else): it is back in the list, not gone.
          if (e instanceof ApiError && e.code === 'NOT_IN_TRASH') {
            message.info(l.notInTrash);
            onChanged();
          } else message.error(errorText(e, t));
        }
        await load(false);
      },
    });

  const title = `${l.trash} · ${textOf(schema.title, locale)}`;
  const empty = failure ? { kind: 'failed' as const, error: failure.error } : loading ? { kind: 'loading' as const } : null;
  return (
    <Drawer open={open} onClose={onClose} title={title} size={phone ? '100%' : 560} destroyOnHidden
      extra={<Button icon={<ReloadOutlined aria-hidden />} onClick={() => load(false)} loading={loading}>{l.reload}</Button>}>
      <Typography.Paragraph type="secondary">{l.trashHint}</Typography.Paragraph>
      <List
        dataSource={failure ? [] : items}
        loading={loading && items.length > 0}
        locale={{ emptyText: empty ? <ListEmpty state={empty} onRetry={() => load(false)} onClear={() => undefined} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l.trashEmpty} /> }}
        renderItem={(r) => {
          const name = nameOf(r);
          const when = r._deletedAt ?? r._updatedAt;
          return (
            <List.Item
              actions={[
                recordAllows(r, 'restore') ? <Button key="restore" size="small" loading={busy === r._id} onClick={() => restore(r)} aria-label={fmt(l.restoreNamed, { name })}>{l.restore}</Button> : null,
                canPurge ? <Button key="purge" size="small" danger onClick={() => purge(r)} aria-label={fmt(l.purgeNamed, { name })}>{l.purge}</Button> : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta title={name} description={when ? <span title={when}>{fmt(l.deletedAt, { t: relativeTime(when, t) })}</span> : null} />
            </List.Item>
          );
        }}
      />
      {cursor && !failure ? (
        <Space style={{ width: '100%', justifyContent: 'center', marginTop: 12 }}>
          <Button loading={loading} onClick={() => load(true)}>{t.loadMore}</Button>
        </Space>
      ) : null}
    </Drawer>
  );
}
