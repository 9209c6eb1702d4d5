/**
 * Run before the toolbox specs: fails at once, saying why, when the Flinks instance cannot be reached, instead
 * of letting every spec time out one after the other.
 */
import { TOOLBOX_API_URL, TOOLBOX_CONNECT_URL } from './targets.ts';

async function reachable(url: string): Promise<string | null> {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    return null;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}

for (const url of [TOOLBOX_API_URL, TOOLBOX_CONNECT_URL]) {
  const problem = await reachable(url);
  if (problem !== null) {
    console.error(
      `The Flinks toolbox is unreachable: ${url} (${problem}).\n` +
        'pnpm test:e2e:toolbox runs the specs against the real Flinks API and Connect page, so it needs internet ' +
        'access. Set FLINKS_API_URL and FLINKS_CONNECT_URL for another instance, and FLINKS_CUSTOMER_ID, ' +
        'FLINKS_SECRET_KEY and FLINKS_API_KEY for your own credentials (default: the public toolbox ones).',
    );
    process.exit(1);
  }
}
console.log(`The Flinks toolbox answers at ${TOOLBOX_API_URL} and ${TOOLBOX_CONNECT_URL}.`);
