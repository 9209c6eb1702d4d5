import { cva, type VariantProps } from 'class-variance-authority';
import type { HTMLAttributes, Ref } from 'react';
import { cn } from './cn.ts';

/** The app's white surface: a rounded panel with a hairline ring, padded unless its content sets its own. */
export const cardVariants = cva('rounded-2xl bg-white shadow-sm ring-1 ring-slate-200', {
  variants: {
    padding: { none: '', normal: 'p-5', roomy: 'p-5 sm:p-6' },
  },
  defaultVariants: { padding: 'normal' },
});

type CardElement = 'div' | 'section' | 'li' | 'article' | 'ul';

export interface CardProps extends HTMLAttributes<HTMLElement>, VariantProps<typeof cardVariants> {
  as?: CardElement;
  ref?: Ref<HTMLElement>;
}

export function Card({ as: Element = 'div', padding, className, ...rest }: CardProps) {
  // biome-ignore lint/suspicious/noExplicitAny: one element of a fixed few, all taking HTMLElement's attributes
  const Tag = Element as any;
  return <Tag {...rest} className={cn(cardVariants({ padding }), className)} />;
}
