import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

/**
 * A modal dialog on the native <dialog>: the page behind becomes inert (focus stays inside), Escape closes
 * it, and focus returns to where it was when the dialog closes (or to `returnFocus()` when that gives one).
 */
export function Dialog({
  title,
  description,
  children,
  onClose,
  initialFocus,
  returnFocus,
}: {
  title: string;
  description: string;
  children: ReactNode;
  onClose: () => void;
  /** The element focused on open; the safest action, not the destructive one. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes on close when the opener is about to disappear (e.g. the removed item's button). */
  returnFocus?: () => HTMLElement | null;
}) {
  const returnFocusRef = useRef(returnFocus);
  returnFocusRef.current = returnFocus;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      (returnFocusRef.current?.() ?? previous)?.focus();
    };
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:backdrop:bg-black/70"
    >
      <div className="p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <p id={descriptionId} className="mt-2 text-sm text-slate-700">
          {description}
        </p>
        <div className="mt-6">{children}</div>
      </div>
    </dialog>
  );
}
