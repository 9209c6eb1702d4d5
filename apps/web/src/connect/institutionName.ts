/**
 * Connect's events name institutions by code ("FlinksCapital", "NationalBank"); people read words. Codes
 * that are acronyms ("RBC") stay as they are.
 */
export function institutionName(code: string | null | undefined): string | null {
  const trimmed = code?.trim();
  if (!trimmed) return null;
  return trimmed.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
}
