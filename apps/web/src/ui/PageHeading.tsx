import { type ReactNode, useEffect, useRef } from 'react';
import { hasNavigated } from '../app/navigation.ts';
import { cn } from './cn.ts';

/**
 * The page's one h1. It names the document (the tab, the history, what a screen reader announces), and takes
 * focus when the page changes inside the app, so that reading starts from the new page's title, as after a
 * full page load.
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    const text = ref.current?.textContent?.trim();
    document.title = text && text !== 'Passbook' ? `${text} · Passbook` : 'Passbook';
  });
  return (
    <h1
      ref={ref}
      tabIndex={-1}
      className={cn(
        'text-2xl font-semibold tracking-tight text-slate-900 outline-none sm:text-3xl',
        className,
      )}
    >
      {children}
    </h1>
  );
}
