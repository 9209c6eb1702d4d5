/**
 * A bank username as Passbook keeps and shows it: enough to tell two logins at one bank apart, not enough to
 * give someone the username. The full form is never stored.
 */
const MASK = '•••';

export function maskUsername(username: string | null): string | null {
  const characters = [...(username?.trim() ?? '')];
  if (characters.length === 0) return null;
  if (characters.length <= 4) return `${characters[0]}${MASK}`;
  return `${characters.slice(0, 2).join('')}${MASK}${characters.slice(-2).join('')}`;
}
