/**
 * The rows of a page-scrolled list of equally tall rows that are in the window: which ones, as the page
 * scrolls, for a list far longer than the window (an account of 54,000 transactions).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsInView, useWindowRows } from '../../src/ui/useWindowRows.ts';

const ROW = 52;
const base = { viewportHeight: 900, listTop: 300, rowHeight: ROW, count: 54_000, overscan: 10 };

describe('rowsInView', () => {
  it('holds the rows the window overlaps, and the overscan after them, at the top of the page', () => {
    // 600 px of the list are in view: rows 0 to 11 (the twelfth, from 572 px, is cut by the window's edge).
    expect(rowsInView({ ...base, scrollY: 0 })).toEqual({ start: 0, end: 12 + 10 });
  });

  it('holds the rows in view in the middle of a long list, with overscan on both sides', () => {
    const scrollY = 300 + 20_000 * ROW + 10;
    // Row 20,000 is cut at the window's top; the window's 900 px reach into row 20,017.
    expect(rowsInView({ ...base, scrollY })).toEqual({ start: 20_000 - 10, end: 20_018 + 10 });
  });

  it('keeps the first rows of a list below the window, and the last of a list scrolled past', () => {
    expect(rowsInView({ ...base, listTop: 5_000, scrollY: 0 })).toEqual({ start: 0, end: 11 });
    const past = rowsInView({ ...base, count: 30, scrollY: 300 + 30 * ROW + 2_000 });
    expect(past).toEqual({ start: 29 - 10, end: 30 });
  });

  it('holds no row of an empty list, and never one past the end of a short one', () => {
    expect(rowsInView({ ...base, count: 0, scrollY: 0 })).toEqual({ start: 0, end: 0 });
    expect(rowsInView({ ...base, count: 3, scrollY: 0 })).toEqual({ start: 0, end: 3 });
  });
});

function List({ listTop, renders }: { listTop: number | null; renders: number[] }) {
  const shown = useWindowRows({ count: 54_000, rowHeight: ROW, listTop, overscan: 10 });
  renders.push(shown.start);
  return (
    <p data-start={shown.start} data-end={shown.end}>
      {shown.start}–{shown.end}
    </p>
  );
}

const scrollTo = (y: number) =>
  act(() => {
    Object.defineProperty(window, 'scrollY', { configurable: true, value: y });
    window.dispatchEvent(new Event('scroll'));
  });

const shownIn = (root: HTMLElement) => {
  const p = root.querySelector('p');
  return { start: Number(p?.dataset.start), end: Number(p?.dataset.end) };
};

afterEach(() => {
  Object.defineProperty(window, 'scrollY', { configurable: true, value: 0 });
  document.body.innerHTML = '';
});

describe('useWindowRows', () => {
  it('follows the page as it scrolls, and renders again only when the rows in view change', async () => {
    Object.defineProperty(window, 'innerHeight', { configurable: true, value: 900 });
    const root = document.createElement('div');
    document.body.append(root);
    const renders: number[] = [];
    await act(() => render(<List listTop={300} renders={renders} />, root));
    expect(shownIn(root)).toEqual({ start: 0, end: 22 });

    await scrollTo(300 + 20_000 * ROW + 10);
    expect(shownIn(root)).toEqual({ start: 19_990, end: 20_028 });
    const before = renders.length;
    // Ten pixels further, the same rows are in view: nothing renders.
    await scrollTo(300 + 20_000 * ROW + 20);
    expect(renders.length).toBe(before);
    await scrollTo(300 + 20_001 * ROW + 20);
    expect(shownIn(root)).toEqual({ start: 19_991, end: 20_029 });
  });

  it('shows the first screenful before the list’s place is measured', async () => {
    Object.defineProperty(window, 'innerHeight', { configurable: true, value: 900 });
    const root = document.createElement('div');
    document.body.append(root);
    await act(() => render(<List listTop={null} renders={[]} />, root));
    // 900 px of rows from the top of the window: 18 rows (the last one cut), and the overscan.
    expect(shownIn(root)).toEqual({ start: 0, end: 18 + 10 });
  });
});
