/**
 * The Connect page's files, read from `assets/` beside this module when run from source, and from `assets/`
 * beside the bundle (where build.mjs copies them) when run from `dist/main.mjs`.
 */
import { readFileSync } from 'node:fs';

export type ConnectAssetName = 'connect.html' | 'connect.js' | 'connect.css';

const cache = new Map<ConnectAssetName, string>();

export function connectAsset(name: ConnectAssetName): string {
  let content = cache.get(name);
  if (content === undefined) {
    content = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
    cache.set(name, content);
  }
  return content;
}
