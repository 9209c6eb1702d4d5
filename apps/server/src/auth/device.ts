/** What a session page shows of a browser: its name, its system and its kind, read from the User-Agent. */
import type { Device } from '@passbook/contracts';
import Bowser from 'bowser';

/** Enough for any real User-Agent; a longer one is cut rather than stored whole. */
export const USER_AGENT_MAX = 512;

export function describeDevice(userAgent: string): Device {
  if (userAgent === '') return { browser: null, os: null, type: null };
  const parsed = Bowser.parse(userAgent);
  return {
    browser: parsed.browser.name ?? null,
    os: parsed.os.name ?? null,
    type: parsed.platform.type ?? null,
  };
}
