/**
 * A route's registration from its contract entry: method, URL and schema come from `@passbook/contracts`'
 * contract, so no route file writes a path or a status. `app.route({ ...fromContract(contract.getJob),
 * handler })`: fastify-type-provider-zod types the handler's request and reply from that schema.
 */
import type { ContractRoute } from '@passbook/contracts/contract';

type Part<R, K extends string> = R extends { readonly [P in K]: infer V } ? V : undefined;

export interface ContractSchema<R extends ContractRoute> {
  summary: string;
  description?: string;
  tags: string[];
  params: Part<R, 'params'>;
  querystring: Part<R, 'query'>;
  body: Part<R, 'body'>;
  produces?: string[];
  response: R['responses'];
}

export function fromContract<const R extends ContractRoute>(
  entry: R,
): { method: R['method']; url: R['path']; schema: ContractSchema<R> } {
  const schema = {
    summary: entry.summary,
    ...(entry.description === undefined ? {} : { description: entry.description }),
    tags: [...entry.tags],
    ...(entry.params === undefined ? {} : { params: entry.params }),
    ...(entry.query === undefined ? {} : { querystring: entry.query }),
    ...(entry.body === undefined ? {} : { body: entry.body }),
    ...(entry.produces === undefined ? {} : { produces: [...entry.produces] }),
    response: entry.responses,
  };
  return { method: entry.method, url: entry.path, schema: schema as ContractSchema<R> };
}
