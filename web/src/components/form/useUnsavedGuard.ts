import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { useT } from '../../lib/i18n';

/**
 * While `dirty`, leaving the page (another menu item, the browser's back, closing the tab) asks
 * first. Moves within the same page (list filters, the record drawer's own URL) are not blocked:
 * the drawer asks on its own when it closes.
 */
export function useUnsavedGuard(dirty: boolean): void {
  const t = useT();
  const { modal } = App.useApp();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  const asking = useRef(false);

  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('unsavedTitle'),
      content: t('unsavedContent'),
      okText: t('discard'),
      okButtonProps: { danger: true },
      cancelText: t('keepEditing'),
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}

/** Asks before throwing edits away; resolves true when the user agrees (or nothing was changed). */
export function useConfirmDiscard(): (dirty: boolean) => Promise<boolean> {
  const t = useT();
  const { modal } = App.useApp();
  return (dirty) =>
    dirty
      ? new Promise<boolean>((resolve) => {
          modal.confirm({
            title: t('unsavedTitle'),
            content: t('unsavedContent'),
            okText: t('discard'),
            okButtonProps: { danger: true },
            cancelText: t('keepEditing'),
            onOk: () => resolve(true),
            onCancel: () => resolve(false),
          });
        })
      : Promise.resolve(true);
}
