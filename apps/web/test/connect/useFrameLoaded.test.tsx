/**
 * The "preparing" cover over Connect goes once the frame has loaded the address it shows. It must not come
 * back over a frame that loaded before the page's effects ran: a fast Connect page on a busy machine loaded
 * first, an effect resetting a flag ran after it, and the cover stayed over a working Connect for good.
 */
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFrameLoaded } from '../../src/connect/useFrameLoaded.ts';

function Frame({ url }: { url: string | null }) {
  const frame = useFrameLoaded(url);
  return (
    <div>
      {frame.loaded ? null : <p role="status">preparing</p>}
      {/* A stand-in for the iframe, which this DOM does not load: the hook needs only its load event. */}
      {url ? <div data-frame={url} onLoad={frame.onLoad} /> : null}
    </div>
  );
}

const covered = (root: HTMLElement) => root.querySelector('[role="status"]') !== null;
const settle = async () => {
  // Renders Preact scheduled, then the effects it defers until after the next paint.
  await Promise.resolve();
  await vi.runAllTimersAsync();
};

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('the cover over the Connect frame', () => {
  it('stays away once the frame loads, even when it loads before the page’s effects run', async () => {
    vi.useFakeTimers();
    const root = document.createElement('div');
    document.body.append(root);
    render(<Frame url={null} />, root);
    await settle();
    expect(covered(root)).toBe(true);

    // The address arrives and the frame loads it at once, before any effect of that render has run.
    render(<Frame url="https://connect.example/v2/?authorizeToken=a" />, root);
    root.querySelector('[data-frame]')?.dispatchEvent(new Event('load'));
    await settle();
    expect(covered(root)).toBe(false);
  });

  it('comes back for a new address until that one loads', async () => {
    vi.useFakeTimers();
    const root = document.createElement('div');
    document.body.append(root);
    render(<Frame url="https://connect.example/v2/?authorizeToken=a" />, root);
    root.querySelector('[data-frame]')?.dispatchEvent(new Event('load'));
    await settle();
    expect(covered(root)).toBe(false);

    render(<Frame url="https://connect.example/v2/?authorizeToken=b" />, root);
    await settle();
    expect(covered(root)).toBe(true);
    root.querySelector('[data-frame]')?.dispatchEvent(new Event('load'));
    await settle();
    expect(covered(root)).toBe(false);
  });
});
