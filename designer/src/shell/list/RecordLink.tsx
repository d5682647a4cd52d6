// A record's link in a list row or card: the way a keyboard (Tab, Enter) and a screen reader
// reach a record, named by its title. A click opens it as the row does (drawer or page); the
// href makes "open in a new tab" work too.
import type { MouseEvent, ReactNode } from 'react';
import { useListT } from './strings';

export function RecordLink({ href, title, onOpen }: { href: string; title: ReactNode; onOpen(): void }) {
  const { l } = useListT();
  const empty = title === null || title === undefined || title === '';
  const click = (e: MouseEvent) => {
    // A plain click opens here; with a modifier the browser opens the href (a new tab).
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return e.stopPropagation();
    e.preventDefault();
    e.stopPropagation();
    onOpen();
  };
  return <a href={href} onClick={click}>{empty ? l.untitled : title}</a>;
}
