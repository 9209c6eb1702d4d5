/** Which links need the person, and the one problem each shows: what the attention centre and cards share. */
import type { Link } from '@passbook/contracts';
import { describeFlinksCode, type Problem } from '../errors/describe.ts';

export function linksNeedingYou(links: readonly Link[]): Link[] {
  return links.filter((link) => link.health.needsYou);
}

/** What the nightly refresh said of the login, when the link's own last retrieval reported nothing. */
export function nightlyProblem(link: Link): Problem | null {
  const problem = link.health.problem;
  return problem?.source === 'nightly_refresh' ? describeFlinksCode(problem.code) : null;
}
