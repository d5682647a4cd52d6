// The designer's keys: undo / redo / save everywhere; field actions (delete, copy, cut, paste,
// duplicate, Alt+↑/↓, Esc) only on the canvas and never while typing in an input.
import { useEffect } from 'react';
import { textOf } from '@tessera/form-engine';
import { fmt } from '../../lib/i18n';
import { useBT } from '../i18n';
import { useDesigner } from './context';
import { locate } from './model/tree';
import { copySelection, cutSelection, duplicateSelection, moveSelection, paste, readClipboard, removeSelection } from './actions';

/** Keys typed into an input are its own (copy, paste, delete work on text there). */
const editable = (el: EventTarget | null) => {
  const e = el as HTMLElement | null;
  if (!e || !e.tagName) return false;
  return e.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName);
};

/** The canvas (or nothing in particular) has the focus. */
const onCanvas = (el: EventTarget | null) => el === document.body || el === null || !!(el as HTMLElement).closest?.('[data-canvas]');

export function useShortcuts(save: () => Promise<boolean>): void {
  const d = useDesigner();
  const { stack, selection } = d;
  const { b, locale } = useBT();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey ? stack.redo() : stack.undo()) d.announce(e.shiftKey ? b.announceRedo : b.announceUndo);
        return;
      }
      if (mod && key === 'y') {
        e.preventDefault();
        if (stack.redo()) d.announce(b.announceRedo);
        return;
      }
      if (mod && key === 's') {
        e.preventDefault();
        void save();
        return;
      }
      // Field actions act on the canvas: from a palette button, a switch or a formula chip,
      // Backspace or Ctrl+C mean something else (or nothing).
      if (editable(e.target) || !onCanvas(e.target) || document.querySelector('.ant-modal-wrap')) return;
      const sel = selection.get();
      if ((e.key === 'Delete' || e.key === 'Backspace') && sel.length) {
        e.preventDefault();
        removeSelection(d);
      } else if (mod && key === 'c' && sel.length) {
        copySelection(d);
      } else if (mod && key === 'x' && sel.length) {
        cutSelection(d);
      } else if (mod && key === 'd' && sel.length) {
        e.preventDefault();
        duplicateSelection(d);
      } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && sel.length) {
        e.preventDefault();
        if (moveSelection(d, e.key === 'ArrowUp' ? -1 : 1)) {
          const at = locate(stack.schema, sel[0]);
          d.announce(fmt(b.announceMoved, { label: textOf(at?.field.label, locale), n: (at?.index ?? 0) + 1 }));
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field-id="${sel[0]}"]`)?.focus());
        }
      } else if (e.key === 'Escape' && sel.length) {
        selection.set([]);
      }
    };
    // Paste as an event, so fields copied in another window (system clipboard) paste too.
    const onPaste = (e: ClipboardEvent) => {
      if (editable(e.target) || !onCanvas(e.target)) return;
      const data = readClipboard(e.clipboardData?.getData('text/plain'));
      if (data && paste(d, data)) {
        e.preventDefault();
        d.announce(fmt(b.announcePasted, { n: data.fields.length }));
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [d, stack, selection, save, b, locale]);

}
