import { useCallback, useState } from 'react';

/**
 * Whether the frame showing `url` has loaded it: the address it last loaded, compared with the one it shows.
 * A new address is not loaded until its own load, and a load is never undone by a reset that runs after it
 * (an effect clearing a flag when the address changes runs after the paint, and a fast frame can load first,
 * which left the "preparing" cover over a working Connect).
 */
export function useFrameLoaded(url: string | null): { loaded: boolean; onLoad: () => void } {
  const [loadedUrl, setLoadedUrl] = useState<string | null>(null);
  const onLoad = useCallback(() => setLoadedUrl(url), [url]);
  return { loaded: url !== null && loadedUrl === url, onLoad };
}
