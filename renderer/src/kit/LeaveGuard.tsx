import { useEffect, useRef, type RefObject } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * While `when` is true, leaving the page asks first: in the app (react-router blocker, a dialog) and
 * when the window reloads or closes (`beforeunload`).
 */
export function LeaveGuard({ when, message, allowRef }: { when: boolean; message: string; allowRef?: RefObject<boolean> }) {
  const whenRef = useRef(when);
  whenRef.current = when;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      whenRef.current && !allowRef?.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (allowRef?.current) return;
      e.preventDefault();
      // Older engines need returnValue set to show their question.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when, allowRef]);

  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title="Quitter sans enregistrer ?"
      confirmLabel="Quitter la page"
      cancelLabel="Rester sur la page"
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      {message}
    </ConfirmDialog>
  );
}
