import { twMerge } from 'tailwind-merge';
import { describe, expect, it } from 'vitest';
import { cn } from '../../src/ui/cn.ts';

// A primitive's own classes and what callers pass it, as the app's pages do.
const button =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold bg-brand-700 text-white hover:bg-brand-800 shadow-sm';
const loading = 'flex items-center gap-3 py-16 text-slate-700';
const card = 'rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 p-5 sm:p-6';
const skeleton = 'rounded-xl bg-slate-100 motion-safe:animate-pulse';
const link = 'inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold sm:px-3';

const cases: [string, string][] = [
  [button, 'px-3 whitespace-nowrap'],
  [button, 'mt-2 -ml-4'],
  [button, 'w-full'],
  [button, 'mt-3'],
  [loading, 'mt-4 py-0'],
  [loading, 'px-6 py-0 pb-8'],
  [loading, 'py-8'],
  [card, 'relative overflow-hidden p-0'],
  [card, 'mt-3 divide-y divide-slate-200 overflow-hidden'],
  [card, 'sm:p-4 m-2 mx-4'],
  [skeleton, 'h-32 sm:h-40'],
  [skeleton, 'size-8 h-10'],
  [link, 'mt-8 block px-0 pl-2'],
  ['p-2 pt-4', 'py-1'],
  ['m-2 mt-4 hidden', 'my-1 grid'],
  ['w-4 h-4', 'size-6'],
  ['gap-2 absolute', 'gap-x-1 static'],
];

describe('cn', () => {
  it.each(cases)('settles %s + %s as the full tailwind-merge does', (own, given) => {
    expect(cn(own, given)).toBe(twMerge(own, given));
  });

  it('lets the later padding, margin and size win', () => {
    expect(cn('px-4 py-2 mt-1', 'px-3 mt-0')).toBe('py-2 px-3 mt-0');
    expect(cn('py-16', 'py-0')).toBe('py-0');
    expect(cn('w-4 h-4', 'size-6')).toBe('size-6');
  });

  it('joins conditional classes as clsx does, keeping classes outside its groups', () => {
    expect(cn('text-sm', false, null, ['font-semibold', { 'text-white': true, hidden: false }])).toBe(
      'text-sm font-semibold text-white',
    );
  });
});
