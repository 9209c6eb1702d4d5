import { cva, type VariantProps } from 'class-variance-authority';
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { cn } from './cn.ts';
import { Spinner } from './Spinner.tsx';

const buttonVariants = cva(
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold transition-colors aria-disabled:cursor-not-allowed aria-disabled:opacity-70',
  {
    variants: {
      variant: {
        primary: 'bg-brand-700 text-white hover:bg-brand-800 shadow-sm',
        secondary: 'bg-white text-brand-800 ring-1 ring-inset ring-slate-300 hover:bg-brand-50 shadow-sm',
        quiet: 'text-brand-700 hover:bg-brand-50',
        danger: 'bg-danger text-white hover:bg-red-900 shadow-sm',
      },
    },
    defaultVariants: { variant: 'primary' },
  },
);

type Variant = NonNullable<VariantProps<typeof buttonVariants>['variant']>;

/** A button's look, for a link that acts as one (`<AppLink className={buttonClass('secondary')}>`). */
export const buttonClass = (variant: Variant = 'primary', extra = '') =>
  cn(buttonVariants({ variant }), extra);

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  /** Shows a spinner and refuses clicks, while staying focusable so keyboard users keep their place. */
  busy?: boolean;
  icon?: ReactNode;
  className?: string;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({
  variant = 'primary',
  busy = false,
  icon,
  className = '',
  children,
  onClick,
  ...rest
}: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={buttonClass(variant, className)}
      aria-disabled={busy || rest['aria-disabled'] || undefined}
      aria-busy={busy || undefined}
      onClick={busy ? undefined : onClick}
    >
      {busy ? <Spinner /> : icon}
      {children}
    </button>
  );
}
