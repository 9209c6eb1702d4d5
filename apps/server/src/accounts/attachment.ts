/**
 * `Content-Disposition: attachment` for a file named after what a person reads (an account's title): path and
 * control characters removed, as RFC 6266 `filename*` (UTF-8) with an ASCII `filename` beside it for older
 * clients.
 */
export function fileNamePart(text: string, fallback: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').trim() || fallback;
}

export function attachment(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
