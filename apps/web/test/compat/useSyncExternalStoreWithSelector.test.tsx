import { act, cleanup, renderHook } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { useSyncExternalStoreWithSelector } from '../../src/compat/useSyncExternalStoreWithSelector.ts';

afterEach(cleanup);

/** A minimal external store, as TanStack Store is to the router. */
function store<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next: T) => {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

describe("TanStack Store's selector hook on preact/compat", () => {
  it('renders the selection, and again when the store changes', () => {
    const counter = store({ count: 1, other: 'a' });
    const { result } = renderHook(() =>
      useSyncExternalStoreWithSelector(counter.subscribe, counter.get, undefined, (s) => s.count * 10),
    );
    expect(result.current).toBe(10);
    act(() => counter.set({ count: 2, other: 'a' }));
    expect(result.current).toBe(20);
  });

  it('keeps the same selection when isEqual says a new one is equal', () => {
    const state = store({ ids: ['a'], other: 1 });
    const sameIds = (a: string[], b: string[]) => a.join() === b.join();
    const { result } = renderHook(() =>
      useSyncExternalStoreWithSelector(state.subscribe, state.get, undefined, (s) => [...s.ids], sameIds),
    );
    const first = result.current;
    act(() => state.set({ ids: ['a'], other: 2 }));
    expect(result.current).toBe(first);
    act(() => state.set({ ids: ['a', 'b'], other: 2 }));
    expect(result.current).toEqual(['a', 'b']);
  });
});
