// The comment box under a record: typing @ opens a picker of the people who can see the record
// (asked of the server as you type, shown by name, never an id); the comment carries the ids of
// the people picked whose @name is still in the text, and each of them is notified. Ctrl+Enter
// (⌘+Enter) or the button posts; a refused post keeps the text in the box.
import { useRef, useState, type KeyboardEvent } from 'react';
import { App, Button, Mentions, Space, Spin, Typography, type MentionsRef } from 'antd';
import { useIsPhone } from '@tessera/form-engine/react';
import { api, errorText } from '../../lib/api';
import { fmt, useT } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { useNoticeText } from '../notifications/text';

interface Person {
  id: string;
  displayName: string;
}

/** How long typing pauses before the picker asks the server. */
const SEARCH_DELAY_MS = 200;

/** `url`: the record's API address; `onPosted`: reload the comments. */
export function CommentBox({ url, recordId, onPosted }: { url: string; recordId: string; onPosted(): Promise<void> | void }) {
  const { t } = useT();
  const nt = useNoticeText();
  const { message } = App.useApp();
  const phone = useIsPhone();
  // An external (portal) account may not look people up: @ opens no picker for it.
  const external = useSession().me?.kind === 'external';
  const [text, setText] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  const [search, setSearch] = useState<{ state: 'idle' | 'loading' } | { state: 'failed'; reason: string }>({ state: 'idle' });
  const [posting, setPosting] = useState(false);
  // Who was picked, by id: their name is what the text shows after @.
  const picked = useRef(new Map<string, string>());
  const asked = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const box = useRef<MentionsRef>(null);
  // What is typed after an @ before the caret. The picker asks again as it changes: rc-mentions
  // searches on key-up only, and text an input method or a paste puts in comes without one.
  const typed = useRef<string | null>(null);
  // The picker's option keys end with the box's id (rc-mentions adds it): the person's id is before it.
  const boxId = `comment-${recordId}`;

  const find = (q: string) => {
    typed.current = q;
    const n = ++asked.current;
    window.clearTimeout(timer.current);
    setSearch({ state: 'loading' });
    timer.current = window.setTimeout(() => {
      api<{ items: Person[] }>('GET', `${url}/mentionable?q=${encodeURIComponent(q)}`).then(
        (r) => {
          if (n !== asked.current) return;
          setPeople(r.items);
          setSearch({ state: 'idle' });
        },
        (e: unknown) => {
          if (n !== asked.current) return;
          setPeople([]);
          setSearch({ state: 'failed', reason: errorText(e, t) });
        },
      );
    }, SEARCH_DELAY_MS);
  };

  const onChange = (next: string) => {
    setText(next);
    const textarea = box.current?.nativeElement.querySelector('textarea');
    const before = next.slice(0, textarea?.selectionStart ?? next.length);
    const query = /@([^\s@]*)$/.exec(before)?.[1] ?? null;
    if (query !== null && query !== typed.current && !external) find(query);
    typed.current = query;
  };

  const mentions = () => [...picked.current].filter(([, name]) => text.includes(`@${name}`)).map(([id]) => id);

  const post = async () => {
    if (!text.trim() || posting) return;
    setPosting(true);
    try {
      await api('POST', `${url}/comments`, { text, mentions: mentions() });
    } catch (e) {
      // The comment stays in the box, to post again (a refused mention says whom).
      message.error(errorText(e, t));
      return;
    } finally {
      setPosting(false);
    }
    setText('');
    picked.current.clear();
    await onPosted();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void post();
    }
  };

  const notFound =
    search.state === 'loading' ? <Spin size="small" aria-label={nt.mentionLoading} />
    : search.state === 'failed' ? <Typography.Text type="danger">{fmt(nt.mentionFailed, { reason: search.reason })}</Typography.Text>
    : nt.mentionNone;

  return (
    <div style={{ marginTop: 8 }}>
      <Mentions
        id={boxId}
        ref={box}
        prefix={external ? [] : '@'}
        value={text}
        onChange={onChange}
        onSearch={(q) => q !== typed.current && find(q)}
        onSelect={(option) => {
          const key = String(option.key ?? '');
          const id = key.endsWith(`-${boxId}`) ? key.slice(0, -boxId.length - 1) : key;
          if (option.value) picked.current.set(id, option.value);
        }}
        filterOption={false}
        // The people found last stay while the next search runs (no flicker as one types).
        options={search.state === 'failed' ? [] : people.map((p) => ({ key: p.id, value: p.displayName, label: p.displayName }))}
        notFoundContent={notFound}
        placeholder={t.commentPlaceholder}
        aria-label={t.comments}
        autoSize={{ minRows: 2, maxRows: 6 }}
        onKeyDown={onKeyDown}
      />
      <Space style={{ marginTop: 8, width: '100%', justifyContent: 'flex-end' }}>
        {phone ? null : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{nt.postHint}</Typography.Text>}
        <Button type="primary" loading={posting} onClick={() => void post()}>{t.post}</Button>
      </Space>
    </div>
  );
}
