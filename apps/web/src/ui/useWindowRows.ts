/**
 * Which rows of a list that scrolls with the page are in the window, when every row is as tall as the others.
 *
 * With one height for all, the rows in view follow from the scroll position by one division, whatever the
 * list's length. A general virtualiser (TanStack Virtual) keeps a position for each row instead, so that rows
 * may differ; it lays out all of them again whenever the list's length or its place on the page changes, which
 * for an account of 54,000 transactions took 20 ms of the frame that first paints its rows.
 */
import { useSyncExternalStore } from 'react';

/** Rows `start` (included) to `end` (excluded). */
export interface RowRange {
  start: number;
  end: number;
}

const NO_ROWS: RowRange = { start: 0, end: 0 };

/**
 * The rows a window showing the page from `scrollY`, `viewportHeight` tall, overlaps, `overscan` more on each
 * side. The row nearest the window is kept when none overlaps, so that a list just out of view still has its
 * first rows ready.
 */
export function rowsInView(view: {
  scrollY: number;
  viewportHeight: number;
  /** Where the first row starts, from the top of the document. */
  listTop: number;
  rowHeight: number;
  count: number;
  overscan: number;
}): RowRange {
  const { scrollY, viewportHeight, listTop, rowHeight, count, overscan } = view;
  if (count <= 0 || rowHeight <= 0) return NO_ROWS;
  const top = scrollY - listTop;
  const first = Math.min(count - 1, Math.max(0, Math.floor(top / rowHeight)));
  const last = Math.min(count, Math.max(first + 1, Math.ceil((top + viewportHeight) / rowHeight)));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}

/**
 * Where the window is on the page, as its last scroll or resize left it: read then, when the layout is fresh,
 * rather than while a component renders.
 */
let viewport: { scrollY: number; height: number } | null = null;
function readViewport(): { scrollY: number; height: number } {
  viewport = { scrollY: window.scrollY, height: window.innerHeight };
  return viewport;
}
function subscribe(onChange: () => void): () => void {
  const update = () => {
    readViewport();
    onChange();
  };
  // What was kept may be old: the page may have scrolled while no list listened.
  update();
  window.addEventListener('scroll', update, { passive: true });
  window.addEventListener('resize', update);
  return () => {
    window.removeEventListener('scroll', update);
    window.removeEventListener('resize', update);
  };
}

/**
 * The rows of the list in view, kept up to date as the page scrolls or the window is resized. With `listTop`
 * null (the list's place not measured yet), the first screenful: a page just opened is at its top, and a list
 * below the top of the page shows no more than that. The component renders again only when the range changes,
 * not on every scroll event.
 */
export function useWindowRows(options: {
  count: number;
  rowHeight: number;
  listTop: number | null;
  overscan: number;
}): RowRange {
  const { listTop, ...rows } = options;
  // As text, so that the same rows are the same snapshot whatever the scroll position within them.
  const shown = useSyncExternalStore(subscribe, () => {
    const { scrollY, height } = viewport ?? readViewport();
    const range = rowsInView({
      ...rows,
      ...(listTop === null ? { scrollY: 0, listTop: 0 } : { scrollY, listTop }),
      viewportHeight: height,
    });
    return `${range.start}:${range.end}`;
  });
  const [start = 0, end = 0] = shown.split(':').map(Number);
  return { start, end };
}
