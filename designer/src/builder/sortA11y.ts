// What a screen reader hears while a list is reordered with dnd-kit (options, the app menu):
// the items' labels in the reader's language, never dnd-kit's English or an internal id.
import type { Announcements } from '@dnd-kit/core';
import { fmt } from '../lib/i18n';
import type { BuilderDict } from './i18n';

export function sortAccessibility(b: BuilderDict, labelOf: (id: string) => string): { announcements: Announcements; screenReaderInstructions: { draggable: string } } {
  const label = (id: unknown) => labelOf(String(id));
  return {
    screenReaderInstructions: { draggable: b.sortInstructions },
    announcements: {
      onDragStart: ({ active }) => fmt(b.announcePickup, { label: label(active.id) }),
      onDragOver: ({ active, over }) => (over ? fmt(b.announceOver, { label: label(active.id), target: label(over.id) }) : undefined),
      onDragEnd: ({ active }) => fmt(b.announceDrop, { label: label(active.id) }),
      onDragCancel: ({ active }) => fmt(b.announceCancel, { label: label(active.id) }),
    },
  };
}
