/**
 * Hostile requests for property tests, for every route of the OpenAPI document (a new route is covered as
 * soon as it is documented). A request is built from parts — method, ids, query string, body, content type,
 * Origin/Referer, cookie, webhook signature — that start plausible (the owner's session and ids, the page's
 * Origin, what the route's schema accepts) so that the request reaches the handler and the database; then:
 * - `anyRequest` swaps one or more parts for anything at all (valid values among the garbage);
 * - `badRequests` swaps exactly one part for a value that is bad by construction — derived from the route's
 *   documented schema, not written per route — which the route must refuse.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

interface Parameter {
  in: string;
  name: string;
  schema: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

export interface Route {
  method: string;
  /** As documented: `/api/links/{id}`. */
  path: string;
  params: Record<string, JsonSchema>;
  query: Record<string, JsonSchema>;
  /** The JSON body's schema; null when the route documents none. */
  body: JsonSchema | null;
}

export function routesOf(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const named = (where: string) =>
        Object.fromEntries(parameters.filter((p) => p.in === where).map((p) => [p.name, p.schema]));
      return {
        method: method.toUpperCase(),
        path,
        params: named('path'),
        query: named('query'),
        body: operation.requestBody?.content['application/json']?.schema ?? null,
      };
    }),
  );
}

/** What the generators need to know of the app under test. */
export interface Target {
  publicUrl: string;
  /** The owner's ids by the collection paths name them under (`links`, `jobs`, …). */
  ownIds: Record<string, string>;
  ownerCookie: string;
  cookieName: string;
  signCookie(value: string): string;
  webhookSecret: string;
  signatureHeaders: readonly string[];
  /** State-changing routes authenticated by a signature instead of the Origin check (Flinks' deliveries). */
  signedRoutes: ReadonlySet<string>;
}

export interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** The part that is bad by construction, when there is one. */
  defect: string | null;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// ---------------------------------------------------------------------------------------------------------
// Text

/** What an HTTP header can carry: visible Latin-1 and tabs (a real server never sees control bytes there). */
const headerText = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)),
    fc.constant('\t'),
  ),
  maxLength: 80,
});

/** Text of every kind: ASCII, any code point (controls and NUL included), graphemes, and known troublemakers. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\u202e', '\ufeff', '😀', '%', '%00', "' OR 1=1 --", '\\', '%_'),
);

const longText = fc.integer({ min: 201, max: 5_000 }).map((length) => 'x'.repeat(length));

// ---------------------------------------------------------------------------------------------------------
// Ids

/**
 * Segments that are not ids, written as they would appear in a URL; none leaves `/api/…`. Dot segments (`.`,
 * `..`, `%2e%2e`) are among them: the request is sent as a URL parser resolves them (see `build`), where they
 * name another path (`/api/accounts/../transactions` is `/api/transactions`) rather than a bad id.
 */
const badSegment = fc.oneof(
  text.map(encodeURIComponent),
  fc.uuid().map((id) => encodeURIComponent(`${id}x`)),
  fc.uuid().map((id) => id.slice(0, 35)),
  fc.uuid().map((id) => `${id}%00`),
  fc.integer().map(String),
  fc.constant('x'.repeat(300)),
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '.%2E',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fpackage.json',
    '..%5C..%5Cwindows',
    '%c0%ae%c0%ae',
    '%00',
    '%ff%fe',
    '%',
    '%zz',
    '%E0%A4%A',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    '00000000-0000-0000-0000-00000000000g',
    '{id}',
    ':id',
    '*',
  ),
);

/** Traversals that leave the route altogether (where any answer but a 5xx is acceptable). */
const escapingSegment = fc.constantFrom(
  '../..',
  '../../../etc/passwd',
  '..;/..',
  '....//....//',
  '.%2e/.%2e',
);

/** The owner's id of what the path names (`/api/accounts/{id}/…` → an account), else any of the owner's. */
function ownId(route: Route, target: Target): fc.Arbitrary<string> {
  const collection = /^\/api\/(\w+)\//.exec(route.path)?.[1];
  const id = collection === undefined ? undefined : target.ownIds[collection];
  return id === undefined ? fc.constantFrom(...Object.values(target.ownIds)) : fc.constant(id);
}

function anyId(target: Target): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...Object.values(target.ownIds)), fc.uuid(), badSegment, escapingSegment);
}

function segmentsFor(route: Route, id: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string>> {
  return fc.record(Object.fromEntries(Object.keys(route.params).map((name) => [name, id])));
}

function fillPath(route: Route, segments: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => segments[name] ?? '');
}

// ---------------------------------------------------------------------------------------------------------
// Values, from a schema of the document

/** What the schema accepts, for JSON bodies and (as strings) query values. */
function valid(schema: JsonSchema, target: Target): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((branch) => valid(branch, target)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'object':
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, value]) => [key, valid(value, target)]),
        ),
        { requiredKeys: schema.required ?? [] },
      );
    case 'string':
      if (schema.format === 'uuid') {
        return fc.oneof(fc.constantFrom(...Object.values(target.ownIds)), fc.uuid());
      }
      if (schema.format === 'date') {
        // Every four-digit year, its ends included (fast-check leans towards the bounds).
        return fc
          .date({
            min: new Date('0000-01-01T00:00:00Z'),
            max: new Date('9999-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((date) => date.toISOString().slice(0, 10));
      }
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return text.filter((value) => value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A string the schema refuses, or null when it accepts every string. */
function invalidString(schema: JsonSchema): fc.Arbitrary<string> | null {
  const refuses = (value: string) =>
    (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) ||
    (schema.maxLength !== undefined && value.length > schema.maxLength) ||
    (schema.enum !== undefined && !schema.enum.includes(value));
  const options: fc.Arbitrary<string>[] = [];
  if (schema.enum || schema.pattern) {
    options.push(
      fc.oneof(text, fc.constantFrom('2024-02-30', '2024-13-01', '24-01-01', '2024-01-01T00:00:00Z', '')),
    );
  }
  if (schema.maxLength !== undefined) {
    options.push(fc.string({ minLength: schema.maxLength + 1, maxLength: schema.maxLength + 50 }));
  }
  return options.length === 0 ? null : fc.oneof(...options).filter(refuses);
}

/** A query value the schema refuses (query values are strings, coerced where the schema says). */
function invalidQueryValue(schema: JsonSchema): fc.Arbitrary<string> | null {
  if (schema.type !== 'integer') return invalidString(schema);
  const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
  const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  return fc
    .oneof(
      text,
      fc.double().map(String),
      fc.integer({ min: max + 1, max: max + 1_000_000 }).map(String),
      fc.integer({ min: min - 1_000_000, max: min - 1 }).map(String),
      fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '1.5', '0x', '--1'),
    )
    .filter((value) => {
      const number = Number(value);
      return !Number.isInteger(number) || number < min || number > max;
    });
}

/** A JSON value the schema refuses: another type, or a string it refuses. */
function invalidValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const types = schema.anyOf ? schema.anyOf.map((branch) => branch.type) : [schema.type];
  const wrongType = fc
    .oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      text,
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
      fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    )
    .filter((value) => !types.includes(jsonType(value)));
  const badString = schema.type === 'string' ? invalidString(schema) : null;
  return badString ? fc.oneof(wrongType, badString) : wrongType;
}

// ---------------------------------------------------------------------------------------------------------
// Query strings

type QueryPair = [key: string, value: string | null];

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '__proto__[polluted]',
    'constructor[prototype][polluted]',
    'a[b]',
    '',
  ),
  text,
);

/** `raw`: values starting with `%` are sent as written (malformed escapes included), the rest encoded. */
function queryString(pairs: QueryPair[], raw: boolean): string {
  if (pairs.length === 0) return '';
  const encode = (value: string) => (raw && value.startsWith('%') ? value : encodeURIComponent(value));
  const encoded = pairs.map(([key, value]) =>
    value === null ? encode(key) : `${encode(key)}=${encode(value)}`,
  );
  return `?${encoded.join('&')}`;
}

/**
 * A value as a query string writes it. Not `String`: a schema the generator knows no type of (a `$ref`, such
 * as a category) gets any JSON value, whose objects may have no prototype, and `String` throws on those.
 */
function asQueryValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Some of the declared keys, each once, with values their schema accepts. */
function validQuery(route: Route, target: Target): fc.Arbitrary<QueryPair[]> {
  return fc
    .subarray(Object.entries(route.query))
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map(([key, schema]) => fc.tuple(fc.constant(key), valid(schema, target).map(asQueryValue))),
      ),
    );
}

/** Declared keys with any values, repeated keys, keys nobody declared. */
function anyQuery(route: Route, target: Target): fc.Arbitrary<QueryPair[]> {
  const value = fc.oneof(
    text,
    longText,
    fc.constantFrom('%ff', '%E0%A4%A', '%00', '%', '0000-01-01', '9999-12-31', '-1', '1e3', 'NaN'),
  );
  const pair: fc.Arbitrary<QueryPair> = fc.oneof(
    ...Object.entries(route.query).map(([key, schema]) => ({
      weight: 3,
      arbitrary: fc.tuple(fc.constant(key), fc.oneof(valid(schema, target).map(asQueryValue), value)),
    })),
    { weight: 1, arbitrary: fc.tuple(hostileKey, fc.option(value, { nil: null })) },
  );
  return fc.array(pair, { maxLength: 5 });
}

/** Valid pairs plus one defect: a refused value, a declared key twice, or a key the route does not declare. */
function badQuery(route: Route, target: Target): fc.Arbitrary<QueryPair[]> | null {
  const declared = Object.entries(route.query);
  if (declared.length === 0) return null;
  const defects: fc.Arbitrary<QueryPair[]>[] = [
    fc.tuple(fc.constantFrom(...declared.map(([key]) => key)), text, text).map(([key, a, b]) => [
      [key, a],
      [key, b],
    ]),
    hostileKey.filter((key) => key !== '' && !(key in route.query)).map((key): QueryPair[] => [[key, 'x']]),
  ];
  for (const [key, schema] of declared) {
    const refused = invalidQueryValue(schema);
    if (refused) defects.push(refused.map((value): QueryPair[] => [[key, value]]));
  }
  return fc
    .tuple(validQuery(route, target), fc.oneof(...defects))
    .map(([good, bad]) => [...good.filter(([key]) => !bad.some(([other]) => other === key)), ...bad]);
}

// ---------------------------------------------------------------------------------------------------------
// Bodies, as the text sent

const POLLUTION = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":{"b":{"__proto__":{"polluted":true}}}}',
  '{"\\u005f_proto__":{"polluted":true}}',
  '[{"__proto__":{"polluted":true}}]',
];

/** Not JSON, or JSON no object schema of ours takes. */
const ODD_BODIES = [
  '{',
  '{"loginId": ',
  "{'loginId': 'x'}",
  '{"a":1,}',
  '[1,2',
  'NaN',
  'undefined',
  '\u0000',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '"\\u0000"',
  '{"a":"\\ud800"}',
];

function isJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/** A body this schema refuses: not JSON, a forbidden prototype key, another type, a wrong or missing field. */
function badBody(schema: JsonSchema): fc.Arbitrary<string> {
  const object = schema.anyOf ? schema.anyOf.find((branch) => branch.type === 'object') : schema;
  const allowed = schema.anyOf ? schema.anyOf.map((branch) => branch.type) : [schema.type];
  const options: fc.Arbitrary<string>[] = [
    fc.constantFrom(...ODD_BODIES, ...POLLUTION),
    fc
      .json()
      .map((json) => json.slice(0, -1))
      .filter((json) => !isJson(json)),
    fc
      .jsonValue({ maxDepth: 2 })
      .filter((value) => !allowed.includes(jsonType(value)))
      .map((value) => JSON.stringify(value)),
  ];
  if (object?.type === 'object') {
    const properties = object.properties ?? {};
    if (object.additionalProperties === false) {
      options.push(
        fc
          .tuple(
            text.filter((key) => !(key in properties)),
            fc.jsonValue({ maxDepth: 2 }),
          )
          .map(([key, value]) => JSON.stringify({ [key]: value })),
      );
    }
    for (const [key, property] of Object.entries(properties)) {
      options.push(invalidValue(property).map((value) => JSON.stringify({ [key]: value })));
    }
    if ((object.required ?? []).length > 0) options.push(fc.constant('{}'));
  }
  return fc.oneof(...options);
}

/** What a Flinks webhook delivers: a RequestId and a ResponseType, and whatever else. */
function delivery(responseType: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.uuid(), responseType, fc.jsonValue({ maxDepth: 2 }))
    .map(([requestId, type, rest]) =>
      JSON.stringify({ RequestId: requestId, ResponseType: type, Rest: rest }),
    );
}

function plausibleBody(route: Route, target: Target): fc.Arbitrary<string | undefined> {
  // A delivery's ResponseType is any text as far as its envelope goes.
  if (target.signedRoutes.has(route.path)) return delivery(text);
  if (route.body === null) return fc.constant(undefined);
  return valid(route.body, target).map((value) => JSON.stringify(value));
}

function anyBody(route: Route, target: Target): fc.Arbitrary<string | undefined> {
  const schema = route.body ?? { type: 'object', properties: {}, additionalProperties: false };
  const keys = Object.keys(schema.properties ?? schema.anyOf?.find((b) => b.properties)?.properties ?? {});
  return fc.oneof(
    fc.constant(undefined),
    valid(schema, target).map((value) => JSON.stringify(value)),
    badBody(schema),
    fc.json(),
    fc.string({ unit: 'binary', maxLength: 100 }),
    delivery(text),
    // A byte-order mark before JSON is allowed.
    fc.constantFrom('\ufeff{}', '\ufeffnull'),
    fc
      .tuple(fc.constantFrom('loginId', 'RequestId', ...keys), text)
      .map(([key, value]) => JSON.stringify({ [key]: value })),
    // Large strings, some beyond the body limit.
    fc.integer({ min: 1_000, max: 80_000 }).map((length) => JSON.stringify({ loginId: 'x'.repeat(length) })),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Headers and cookies

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;charset=UTF-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json ; foo=bar',
];
const OTHER_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'text/html',
  'application/octet-stream',
  'application/vnd.api+json',
  'application/jsonx',
  'application/json-patch+json',
];
const ODD_TYPES = [';', '*/*', 'application/json, text/plain', 'application/', '/json', 'json'];

const anyContentType = fc.option(
  fc.oneof(fc.constantFrom(...JSON_TYPES), fc.constantFrom(...OTHER_TYPES, ...ODD_TYPES, ''), headerText),
  { nil: undefined },
);

function foreignOrigin(target: Target): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(
        'null',
        'https://evil.example',
        `${target.publicUrl}/`,
        `${target.publicUrl}:8080`,
        target.publicUrl.toUpperCase(),
        target.publicUrl.replace('http:', 'https:'),
        `${target.publicUrl}.evil.example`,
        `http://evil.example?${target.publicUrl}`,
      ),
      fc.webUrl().map((url) => new URL(url).origin),
      headerText,
    )
    .filter((origin) => origin !== target.publicUrl);
}

const oddReferer = fc.constantFrom('https://evil.example/page', 'not a url', '://', 'http://[::1', '');

/** Origin and Referer: ours, none, foreign, malformed, or contradicting each other. */
function anyOrigin(target: Target): fc.Arbitrary<Record<string, string>> {
  const referer = fc.oneof(fc.constant(`${target.publicUrl}/dashboard`), oddReferer, headerText);
  return fc.record(
    { origin: fc.oneof(fc.constant(target.publicUrl), foreignOrigin(target)), referer },
    { requiredKeys: [] },
  );
}

/** The session cookie: valid, for an unknown user, unsigned, forged, garbled, doubled, or absent. */
function anyCookie(target: Target): fc.Arbitrary<string | undefined> {
  const name = target.cookieName;
  return fc.option(
    fc.oneof(
      fc.constant(target.ownerCookie),
      fc.uuid().map((id) => `${name}=${target.signCookie(id)}`),
      fc.uuid().map((id) => `${name}=${id}`),
      fc.tuple(fc.uuid(), fc.base64String()).map(([id, signature]) => `${name}=${id}.${signature}`),
      text.map((value) => `${name}=${target.signCookie(value)}`),
      headerText.map((value) => `${name}=${value}`),
      headerText,
      fc.constantFrom(
        `${name}=`,
        name,
        `${name}=%E0%A4%A`,
        `${name}=%00`,
        '=;=;;',
        `${target.ownerCookie}; ${name}=garbage`,
        `${name}=garbage; ${target.ownerCookie}`,
      ),
    ),
    { nil: undefined },
  );
}

/** A webhook signature: the real one of the body as sent, none, or a forged value under either header. */
type Signature = { kind: 'real' } | { kind: 'none' } | { kind: 'forged'; header: string; value: string };

function forgedSignature(target: Target, value: fc.Arbitrary<string>): fc.Arbitrary<Signature> {
  return fc
    .tuple(fc.constantFrom(...target.signatureHeaders), value)
    .map(([header, forged]) => ({ kind: 'forged' as const, header, value: forged }));
}

function anySignature(target: Target): fc.Arbitrary<Signature> {
  return fc.oneof(
    fc.constant<Signature>({ kind: 'real' }),
    fc.constant<Signature>({ kind: 'none' }),
    forgedSignature(target, fc.oneof(fc.base64String(), headerText)),
  );
}

function signatureHeaders(target: Target, signature: Signature, payload?: string): Record<string, string> {
  if (signature.kind === 'none') return {};
  if (signature.kind === 'forged') return { [signature.header]: signature.value };
  const real = createHmac('sha256', target.webhookSecret)
    .update(payload ?? '')
    .digest('base64');
  return { [target.signatureHeaders[0] ?? 'x-flinks-signature']: real };
}

// ---------------------------------------------------------------------------------------------------------
// Requests

interface Parts {
  method: string;
  segments: Record<string, string>;
  query: QueryPair[];
  payload: string | undefined;
  contentType: string | undefined;
  /** Origin and/or Referer. */
  claimed: Record<string, string>;
  cookie: string | undefined;
  signature: Signature;
}

/** The owner asking the route for something it accepts, from the Passbook page. */
function plausible(route: Route, target: Target): fc.Arbitrary<Parts> {
  return fc.record({
    method: fc.constant(route.method),
    segments: segmentsFor(route, ownId(route, target)),
    query: validQuery(route, target),
    payload: plausibleBody(route, target),
    contentType: fc.constant<string | undefined>('application/json'),
    claimed: fc.constant<Record<string, string>>({ origin: target.publicUrl }),
    cookie: fc.constant<string | undefined>(target.ownerCookie),
    signature: fc.constant<Signature>({ kind: 'real' }),
  });
}

/** What the WHATWG URL parser takes for a dot segment: `.` or `..`, either dot possibly written `%2e`. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * The path as a client sends it: a browser's fetch or undici resolves dot segments (and turns `\` into `/`)
 * before the request leaves, so the route that answers is the resolved path's.
 */
function resolvedPath(path: string, target: Target): string {
  return new URL(path, target.publicUrl).pathname;
}

function build(route: Route, target: Target, parts: Parts, defect: string | null): HostileRequest {
  const path = fillPath(route, parts.segments);
  // An id a URL parser resolves away names another path, whose answer says nothing of this route's ids.
  const resolvedAway = path.split('/').some((segment) => DOT_SEGMENT.test(segment));
  return {
    method: parts.method,
    url: resolvedPath(path, target) + queryString(parts.query, defect === null),
    headers: {
      ...parts.claimed,
      ...signatureHeaders(target, parts.signature, parts.payload),
      ...(parts.contentType === undefined ? {} : { 'content-type': parts.contentType }),
      ...(parts.cookie === undefined ? {} : { cookie: parts.cookie }),
    },
    ...(parts.payload === undefined ? {} : { payload: parts.payload }),
    defect: defect === 'param' && resolvedAway ? null : defect,
  };
}

/** A plausible request of which one or more parts (mostly one or two) are anything at all. */
export function anyRequest(route: Route, target: Target): fc.Arbitrary<HostileRequest> {
  const hostile: { [K in keyof Parts]: fc.Arbitrary<Parts[K]> } = {
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    segments: segmentsFor(route, anyId(target)),
    query: anyQuery(route, target),
    payload: anyBody(route, target),
    contentType: anyContentType,
    claimed: anyOrigin(target),
    cookie: anyCookie(target),
    signature: anySignature(target),
  };
  const names = Object.keys(hostile) as (keyof Parts)[];
  const swapped = fc.oneof(
    { weight: 4, arbitrary: fc.subarray(names, { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.subarray(names, { minLength: 1 }) },
  );
  return fc
    .tuple(plausible(route, target), fc.record(hostile), swapped)
    .map(([base, replacements, chosen]) => {
      const parts = { ...base };
      for (const name of chosen) Object.assign(parts, { [name]: replacements[name] });
      return build(route, target, parts, null);
    });
}

type Defect = fc.Arbitrary<[kind: string, apply: (parts: Parts) => Parts]>;

/** Plausible requests with exactly one bad part, one generator per kind of bad input the route reads. */
export function badRequests(route: Route, target: Target): fc.Arbitrary<HostileRequest>[] {
  const signed = target.signedRoutes.has(route.path);
  const defects: Defect[] = [];

  if (Object.keys(route.params).length > 0) {
    defects.push(
      segmentsFor(route, badSegment).map((segments) => ['param', (parts) => ({ ...parts, segments })]),
    );
  }
  const query = badQuery(route, target);
  if (query) defects.push(query.map((pairs) => ['query', (parts) => ({ ...parts, query: pairs })]));
  if (route.body) {
    const body = route.body;
    defects.push(badBody(body).map((payload) => ['body', (parts) => ({ ...parts, payload })]));
    defects.push(
      fc
        .tuple(fc.constantFrom(...OTHER_TYPES, ...ODD_TYPES), valid(body, target))
        .map(([type, value]) => [
          'content-type',
          (parts) => ({ ...parts, payload: JSON.stringify(value), contentType: type }),
        ]),
    );
  }
  if (STATE_CHANGING.has(route.method) && !signed) {
    defects.push(
      fc
        .oneof(
          foreignOrigin(target).map((origin) => ({ origin })),
          oddReferer.map((referer) => ({ referer })),
          // No Origin at all, from a browser that holds a session.
          fc.constant({}),
        )
        .map((claimed) => ['origin', (parts) => ({ ...parts, claimed })]),
    );
  }
  if (signed) {
    defects.push(
      fc
        .oneof(
          fc.constant<Signature>({ kind: 'none' }),
          forgedSignature(target, fc.base64String({ minLength: 4 })),
        )
        .map((signature) => ['signature', (parts) => ({ ...parts, signature })]),
    );
  }

  return defects.map((defect) =>
    fc
      .tuple(plausible(route, target), defect)
      .map(([parts, [kind, apply]]) => build(route, target, apply(parts), kind)),
  );
}
