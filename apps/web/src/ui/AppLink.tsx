/**
 * The in-app link: TanStack Router's Link (typed paths, params and search; plain clicks stay in the app,
 * ctrl/cmd/shift/middle clicks keep the browser's way), in one of the app's looks.
 */
import { createLink } from '@tanstack/react-router';
import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps, MouseEvent } from 'react';
import { cn } from './cn.ts';

const linkVariants = cva('', {
  variants: {
    look: {
      /** Inside or after a sentence. */
      text: 'font-semibold text-brand-700 underline',
      /** "← Accounts" above a page's title. */
      back: 'inline-flex min-h-11 items-center gap-2 rounded-lg text-sm font-semibold text-brand-700 hover:underline',
      /** The header's navigation; the current page is marked. */
      nav: 'inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 aria-[current=page]:bg-brand-50 sm:px-3',
      /** Styled entirely by its className (a button's look, a list row). */
      plain: '',
    },
  },
  defaultVariants: { look: 'text' },
});

type AnchorProps = ComponentProps<'a'> & VariantProps<typeof linkVariants>;

function Anchor({ look, className, ref, ...rest }: AnchorProps) {
  return <a ref={ref} {...rest} className={cn(linkVariants({ look }), className)} />;
}

export const AppLink = createLink(Anchor);

/**
 * Whether the router's Link will follow this click inside the app (a plain primary click), as opposed to the
 * browser opening a new tab or window: for an `onClick` that must know, since it runs before the Link's own.
 */
export function followedInApp(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey)
  );
}
