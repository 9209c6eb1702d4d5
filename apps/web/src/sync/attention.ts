/** Which links need the person, and the one problem each shows: what the attention centre and cards share. */
import type { Link } from '@passbook/contracts';
import { describeFlinksCode, type Problem } from '../errors/describe.ts';

export function linksNeedingYou(links: readonly Link[]): Link[] {
  return links.filter((link) => link.health.needsYou);
}

/**
 * What the nightly refresh or the balance check found, for a card whose last retrieval reported nothing (that
 * one the card shows from the job itself).
 */
export function healthProblem(link: Link): Problem | null {
  const problem = link.health.problem;
  return problem && problem.source !== 'retrieval' ? describeFlinksCode(problem.code) : null;
}
