import { type ClassValue, clsx } from 'clsx';
import { createTailwindMerge } from 'tailwind-merge';

const any = () => true;
const sides = (prefix: string) =>
  Object.fromEntries(
    ['', 'x', 'y', 't', 'r', 'b', 'l', 's', 'e'].map((side) => [
      `${prefix}${side}`,
      [{ [`${prefix}${side}`]: [any] }],
    ]),
  );
const nested = (prefix: string) => ({
  [prefix]: ['x', 'y', 's', 'e', 't', 'r', 'b', 'l'].map((side) => `${prefix}${side}`),
  [`${prefix}x`]: [`${prefix}r`, `${prefix}l`, `${prefix}s`, `${prefix}e`],
  [`${prefix}y`]: [`${prefix}t`, `${prefix}b`],
});

/**
 * tailwind-merge with only the class groups a primitive's own classes and a caller's `className` can both
 * hold: layout (display, position, overflow, white space), size, padding, margin and gap. Its full
 * configuration knows every Tailwind utility, about 6 kB of the first page for classes no caller overrides;
 * a class outside these groups is kept as written, as clsx alone would. `test/ui/cn.test.ts` holds the two to
 * the same answers on the classes the app passes.
 */
const merge = createTailwindMerge(() => ({
  cacheSize: 200,
  theme: {},
  classGroups: {
    display: [
      'block',
      'inline-block',
      'inline',
      'flex',
      'inline-flex',
      'grid',
      'inline-grid',
      'contents',
      'hidden',
    ],
    position: ['static', 'fixed', 'absolute', 'relative', 'sticky'],
    overflow: [{ overflow: ['auto', 'hidden', 'clip', 'visible', 'scroll'] }],
    whitespace: [{ whitespace: ['normal', 'nowrap', 'pre', 'pre-line', 'pre-wrap', 'break-spaces'] }],
    w: [{ w: [any] }],
    h: [{ h: [any] }],
    size: [{ size: [any] }],
    gap: [{ gap: [any] }],
    'gap-x': [{ gap: [{ x: [any] }] }],
    'gap-y': [{ gap: [{ y: [any] }] }],
    ...sides('p'),
    ...sides('m'),
  },
  conflictingClassGroups: { ...nested('p'), ...nested('m'), size: ['w', 'h'], gap: ['gap-x', 'gap-y'] },
  conflictingClassGroupModifiers: {},
  orderSensitiveModifiers: [],
}));

/**
 * Class names joined with clsx, Tailwind's conflicts settled by tailwind-merge: the later class wins, so a
 * component's `className` can override its own padding, margin or size without `!important`.
 */
export function cn(...classes: ClassValue[]): string {
  return merge(clsx(classes));
}
