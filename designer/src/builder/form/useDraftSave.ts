// Saving the draft: the draft goes with the version it was based on; a 409 (someone else saved
// since) offers to reapply one's edits on their draft, or, asked twice, to drop them.
import { useCallback, useRef, useState, type RefObject } from 'react';
import { App } from 'antd';
import { ApiError, errorText } from '../../lib/api';
import { fmt, relativeTime, useT } from '../../lib/i18n';
import { builderApi, schemaOf, type DraftForm } from '../api';
import { useBT, type BuilderDict } from '../i18n';
import { useDesigner } from './context';
import { planMerge } from './model/merge';
import { saveHistory } from './persist';

/** The conflict dialog's sentence: who saved (when the draft names them), when, and how many edits are mine. */
export function conflictText(b: BuilderDict, who: string | null | undefined, when: string, n: number): string {
  const name = who?.trim();
  return name ? fmt(b.conflictBody, { who: name, when, n }) : fmt(b.conflictBodyNoName, { when, n });
}

/**
 * `save()` resolves true once the draft on the server holds every edit made before the call;
 * `serverVersion` is the draft version the history was based on, kept current here.
 */
export function useDraftSave(formId: string, serverVersion: RefObject<number>): { save(): Promise<boolean>; saving: boolean } {
  const d = useDesigner();
  const { stack } = d;
  const { b } = useBT();
  const { t } = useT();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const savingRef = useRef<Promise<boolean> | null>(null);
  // Someone else saved this draft: reapply my edits on theirs ('merged'), or (asked twice) drop
  // mine ('dropped'). The dialogs cannot be dismissed by Esc or a click outside.
  const askConflict = useCallback(
    (fresh: DraftForm): Promise<'merged' | 'dropped'> => {
      const theirs = schemaOf(fresh);
      const plan = planMerge(stack.saved, stack.schema, theirs);
      const mine = plan.commands.length;
      const merge = () => {
        const r = stack.reapplyOn(theirs, plan);
        serverVersion.current = fresh.version ?? serverVersion.current;
        if (r.skipped) message.warning(fmt(b.conflictSkipped, { n: r.skipped }));
      };
      const modalOpts = { keyboard: false, closable: false, maskClosable: false };
      return new Promise((resolve) => {
        modal.confirm({
          ...modalOpts,
          title: b.conflictTitle,
          content: conflictText(b, fresh.updatedBy?.name, relativeTime(fresh.updatedAt, t), mine),
          okText: b.conflictMerge,
          cancelText: b.conflictReload,
          onOk: () => {
            merge();
            resolve('merged');
          },
          onCancel: () =>
            modal.confirm({
              ...modalOpts,
              title: b.conflictDrop,
              content: fmt(b.conflictDropBody, { n: mine }),
              okText: b.conflictReload,
              okButtonProps: { danger: true },
              cancelText: b.conflictMerge,
              onOk: () => {
                stack.rebase(schemaOf(fresh), []);
                serverVersion.current = fresh.version ?? serverVersion.current;
                saveHistory(d.appId, formId, serverVersion.current, stack);
                resolve('dropped');
              },
              onCancel: () => {
                merge();
                resolve('merged');
              },
            }),
        });
      });
    },
    [stack, message, modal, b, t, d.appId, formId],
  );

  const save = useCallback((): Promise<boolean> => {
    if (!stack.getState().dirty) return Promise.resolve(true);
    // One save at a time: a second one waits for the first, then saves what came after it (a
    // Publish or "save and leave" must not go ahead on the first save's answer alone).
    if (savingRef.current) return savingRef.current.then((ok) => (ok && stack.getState().dirty ? save() : ok));
    const run = async (): Promise<boolean> => {
      setSaving(true);
      try {
        for (;;) {
          // What is sent is what counts as saved, even if the analyst keeps typing meanwhile.
          const token = stack.beginSave();
          try {
            const saved = await builderApi.saveForm(d.appId, token.schema, serverVersion.current);
            serverVersion.current = saved.version ?? serverVersion.current + 1;
            stack.markSaved(token);
            saveHistory(d.appId, formId, serverVersion.current, stack);
            message.success(b.saved);
            return true;
          } catch (e) {
            if (e instanceof ApiError && e.code === 'STALE_VERSION') {
              const fresh = await builderApi.draft(d.appId, formId).catch((err: unknown) => ({ failed: err }));
              if ('failed' in fresh) {
                message.error(fmt(b.withReason, { text: b.saveFailed, reason: errorText(fresh.failed, t) }));
                return false;
              }
              if ((await askConflict(fresh)) === 'dropped') return false;
              continue;
            }
            if (e instanceof ApiError && e.code === 'INVALID_SCHEMA' && Array.isArray(e.details)) message.error(fmt(b.saveProblems, { n: e.details.length }));
            else message.error(fmt(b.withReason, { text: b.saveFailed, reason: errorText(e, t) }));
            return false;
          }
        }
      } finally {
        setSaving(false);
        savingRef.current = null;
      }
    };
    savingRef.current = run();
    return savingRef.current;
  }, [stack, d.appId, formId, message, b, t, askConflict]);

  return { save, saving };
}
