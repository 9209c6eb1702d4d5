import { type ClassValue, clsx } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Class names joined with clsx, Tailwind's conflicts settled by tailwind-merge: the later class wins, so a
 * component's `className` can override its own padding or colour without `!important`.
 */
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}
