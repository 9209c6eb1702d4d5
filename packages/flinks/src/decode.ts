/**
 * Turning a Flinks answer's text into a typed value or a FlinksError. Kept apart from the transport so the
 * benchmark measures exactly the code path the client runs on a 200.
 */
import type { z } from 'zod';
import { CLIENT_ERROR_CODES, FlinksError, type SchemaIssue } from './errors.ts';
import { redact } from './redact.ts';
import { FlinksErrorBody } from './schemas.ts';

export interface DecodeContext {
  endpoint: string;
  /** The answer's HTTP status; absent for bodies that did not come as an answer (webhooks). */
  status?: number | undefined;
  requestId?: string | undefined;
  /** Values to scrub from any message quoted from Flinks. */
  sensitive: readonly string[];
}

/**
 * Parses a successful answer's body with `schema`. A body that is not JSON or does not match is
 * MALFORMED_RESPONSE carrying the issue paths (never the values); a body whose own HttpStatusCode says
 * failure is the FlinksError it describes.
 */
export function decodeBody<T extends z.ZodType>(
  text: string,
  schema: T,
  context: DecodeContext,
): z.output<T> {
  const json = parseJson(text, context);
  if (describesFailure(json)) throw errorFromAnswer({ status: context.status, body: json }, context);
  return validate(json, schema, context);
}

/** JSON.parse, or MALFORMED_RESPONSE. */
export function parseJson(text: string, context: DecodeContext): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed(context, 'the body is not JSON', []);
  }
}

/** `schema.parse`, or MALFORMED_RESPONSE naming where the body went wrong. */
export function validate<T extends z.ZodType>(json: unknown, schema: T, context: DecodeContext): z.output<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  // zod's messages describe the expectation and do not quote the offending value.
  const issues = toSchemaIssues(result.error);
  const first = issues[0];
  const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown';
  throw malformed(context, `the body does not match the expected shape (${where})`, issues);
}

export function toSchemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol'),
    message: issue.message,
  }));
}

function describesFailure(json: unknown): json is FlinksErrorBody {
  if (typeof json !== 'object' || json === null) return false;
  const { HttpStatusCode, FlinksCode } = json as Record<string, unknown>;
  return typeof HttpStatusCode === 'number' && HttpStatusCode >= 400 && typeof FlinksCode === 'string';
}

export function malformed(context: DecodeContext, reason: string, issues: SchemaIssue[]): FlinksError {
  return new FlinksError({
    flinksCode: CLIENT_ERROR_CODES.MALFORMED_RESPONSE,
    message: `Flinks ${context.endpoint}${context.status === undefined ? ':' : ` answered ${context.status} but`} ${reason}`,
    endpoint: context.endpoint,
    status: context.status,
    requestId: context.requestId,
    issues,
  });
}

/** `{FlinksCode, Message, RequestId, …}` out of any body, or undefined when it is not a Flinks error body. */
export function readErrorBody(text: string): FlinksErrorBody | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = FlinksErrorBody.safeParse(json);
  return result.success ? result.data : undefined;
}

/** The FlinksError for a failed answer: Flinks' code and (scrubbed) message, or HTTP_ERROR without a code. */
export function errorFromAnswer(
  answer: { status: number | undefined; body: FlinksErrorBody | undefined },
  context: { endpoint: string; requestId?: string | undefined; sensitive: readonly string[] },
): FlinksError {
  const { body } = answer;
  const status = body?.HttpStatusCode ?? answer.status;
  const flinksCode = body?.FlinksCode ?? CLIENT_ERROR_CODES.HTTP_ERROR;
  const detail = body?.Message ? `: ${redact(body.Message, context.sensitive).slice(0, 500)}` : '';
  return new FlinksError({
    flinksCode,
    message: `Flinks ${context.endpoint} answered ${status} ${flinksCode}${detail}`,
    endpoint: context.endpoint,
    status,
    requestId: body?.RequestId ?? context.requestId,
  });
}
