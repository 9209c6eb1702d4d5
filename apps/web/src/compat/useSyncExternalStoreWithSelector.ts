/**
 * `use-sync-external-store/shim/with-selector` for Preact: TanStack Store (under TanStack Router) imports that
 * CommonJS package, which requires React itself — in the unit tests a second React beside Preact, in the build
 * a CommonJS wrapper. `preact.ts` points the import here instead: the same algorithm as React's (a selection
 * recomputed only when the store's snapshot changes, and kept when `isEqual` says it did not change), on top of
 * preact/compat's own `useSyncExternalStore`.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';

export function useSyncExternalStoreWithSelector<Snapshot, Selection>(
  subscribe: (onStoreChange: () => void) => () => void,
  getSnapshot: () => Snapshot,
  getServerSnapshot: undefined | null | (() => Snapshot),
  selector: (snapshot: Snapshot) => Selection,
  isEqual?: (a: Selection, b: Selection) => boolean,
): Selection {
  // The selection last rendered, so that an equal new one keeps its identity.
  const rendered = useRef<{ hasValue: boolean; value: Selection | undefined }>({
    hasValue: false,
    value: undefined,
  });

  const [getSelection, getServerSelection] = useMemo(() => {
    let memoized: { snapshot: Snapshot; selection: Selection } | null = null;
    const select = (snapshot: Snapshot): Selection => {
      if (memoized === null) {
        const selection = selector(snapshot);
        const current = rendered.current;
        if (isEqual !== undefined && current.hasValue && isEqual(current.value as Selection, selection)) {
          memoized = { snapshot, selection: current.value as Selection };
        } else {
          memoized = { snapshot, selection };
        }
        return memoized.selection;
      }
      if (Object.is(memoized.snapshot, snapshot)) return memoized.selection;
      const selection = selector(snapshot);
      if (isEqual?.(memoized.selection, selection)) {
        memoized = { snapshot, selection: memoized.selection };
        return memoized.selection;
      }
      memoized = { snapshot, selection };
      return selection;
    };
    return [
      () => select(getSnapshot()),
      getServerSnapshot ? () => select(getServerSnapshot()) : undefined,
    ] as const;
  }, [getSnapshot, getServerSnapshot, selector, isEqual]);

  const value = useSyncExternalStore(subscribe, getSelection, getServerSelection);
  useEffect(() => {
    rendered.current = { hasValue: true, value };
  }, [value]);
  return value;
}
