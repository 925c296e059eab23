import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface FuzzOperation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  /** Content types the operation documents for its body (none for a body-less route). */
  consumes: string[];
  bodySchema: Schema | null;
}

/** One generated request, in the shape Fastify's inject takes. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was mutated, for the failure report. */
  label: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => {
        const content = operation.requestBody?.content ?? {};
        const json = content['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          path,
          pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: (operation.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
          consumes: Object.keys(content),
          bodySchema: json ? resolve(document, json) : null,
        };
      }),
  );
}

/** Inlines `$ref`s and merges `allOf`, a few levels deep (DTOs here nest little). */
export function resolve(document: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 6) return {};
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return resolve(document, document.components.schemas[name] ?? {}, depth + 1);
  }
  if (schema.allOf) {
    return schema.allOf
      .map((part) => resolve(document, part, depth + 1))
      .reduce<Schema>(
        (merged, part) => ({
          ...merged,
          ...part,
          properties: { ...merged.properties, ...part.properties },
          required: [...(merged.required ?? []), ...(part.required ?? [])],
        }),
        {},
      );
  }
  if (schema.oneOf) return resolve(document, schema.oneOf.find((s) => s.$ref) ?? schema.oneOf[0], depth + 1);
  const properties = schema.properties
    ? Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(document, v, depth + 1)]))
    : undefined;
  const items = schema.items ? resolve(document, schema.items, depth + 1) : undefined;
  return { ...schema, ...(properties ? { properties } : {}), ...(items ? { items } : {}) };
}

/** A value the schema accepts, as plain as possible: the base each mutation starts from. */
export function plausible(schema: Schema): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, plausible(schema.properties?.[key] ?? {})]));
    default:
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'uuid') return '01900000-0000-7000-8000-000000000000';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

const CONTROL = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\ud800',
  '\udfff',
  '\u202e',
  '\uffff',
);
/** Strings a careless or hostile client sends. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.tuple(fc.string({ maxLength: 8 }), CONTROL, fc.string({ maxLength: 8 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'a'.repeat(n)),
  fc.constantFrom(
    '',
    ' ',
    '%00',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>x</script>',
    '{{7*7}}',
    '\\',
    '💥'.repeat(500),
  ),
);

/** Numbers at and past every boundary a column or a parser has. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, 1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, 1e20, -1e20, 1e308, 5e-324, 0.5, -0.0),
  fc.double(),
  fc.integer(),
);

/** A query-string rendering of a hostile number, or of something that is not one. */
const hostileNumberText: fc.Arbitrary<string> = fc.oneof(
  hostileNumber.map(String),
  fc.constantFrom(
    '1e20',
    '9'.repeat(400),
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1_000',
    ' 1',
    '1.5',
    '',
    '-0',
    '1e-7',
  ),
);

/** JSON text nested `depth` levels: objects or arrays, built as text so nothing recursive runs here. */
const deepJson = (depth: number, kind: 'object' | 'array'): string =>
  kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Any JSON value that is the wrong thing for a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.constantFrom(null, true, false, [], {}, [null], { $gt: '' }, { __proto__: { admin: true } }),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }),
);

/** The whole body text: the base object with one field made hostile, or a body that is hostile as a whole. */
export function hostileBody(schema: Schema | null): fc.Arbitrary<{ text: string; label: string }> {
  const base = (schema ? plausible(schema) : {}) as Record<string, unknown>;
  const fields = Object.keys(schema?.properties ?? {});
  const mutations: Array<fc.Arbitrary<{ text: string; label: string }>> = [
    fc.integer({ min: 33, max: 6_000 }).chain((depth) =>
      fc.constantFrom<'object' | 'array'>('object', 'array').map((kind) => ({
        text: deepJson(depth, kind),
        label: `json nested ${depth} (${kind})`,
      })),
    ),
    fc.integer({ min: 1_000, max: 5_000 }).map((keys) => ({
      text: JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, i]))),
      label: `json with ${keys} keys`,
    })),
    fc.constantFrom(
      { text: `{"__proto__":{"admin":true},${JSON.stringify(base).slice(1)}`, label: '__proto__ key' },
      {
        text: `{"constructor":{"prototype":{"admin":true}},${JSON.stringify(base).slice(1)}`,
        label: 'constructor.prototype',
      },
      { text: '{"a":', label: 'truncated json' },
      { text: '', label: 'empty body' },
      { text: 'null', label: 'null body' },
      { text: '[]', label: 'array body' },
      { text: '"text"', label: 'string body' },
      { text: '\u0000', label: 'NUL body' },
    ),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue).map(([key, value]) => ({
      text: JSON.stringify({ ...base, [key]: value }),
      label: `extra key ${JSON.stringify(key)}`,
    })),
  ];
  if (fields.length > 0) {
    mutations.push(
      fc.tuple(fc.constantFrom(...fields), hostileValue).map(([field, value]) => ({
        text: JSON.stringify({ ...base, [field]: value }),
        label: `field ${field}`,
      })),
    );
  }
  return fc.oneof(...mutations);
}

const HOSTILE_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'application/vnd.api+json',
  '',
];

/** A malformed id: the wrong shape, hostile characters, or far too long for a path. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom(
    '%zz',
    '%00',
    '..',
    '%2e%2e',
    'null',
    '0',
    '-1',
    '1e20',
    '01900000-0000-7000-8000-00000000000G',
    '%E0%A4%A',
  ),
  fc.integer({ min: 101, max: 20_000 }).map((n) => 'a'.repeat(n)),
  fc.uuid().map((id) => id.toUpperCase()),
);

/** Percent-encodes what encodeURIComponent can; an unpaired surrogate goes out as its invalid UTF-8 bytes. */
const escapeQuery = (text: string): string =>
  text.replace(/[\s\S]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%ED%A0%80';
    }
  });

/** Generated bad requests against one operation. */
export function hostileRequest(operation: FuzzOperation, token: string): fc.Arbitrary<FuzzRequest> {
  const pathWith = (ids: string[]): string =>
    operation.pathParams.reduce((path, name, i) => path.replace(`{${name}}`, ids[i]), operation.path);
  const validIds = operation.pathParams.map(() => '01900000-0000-7000-8000-000000000000');
  const auth = { authorization: `Bearer ${token}` };
  const hasBody = operation.consumes.length > 0;
  const jsonBody = operation.consumes.includes('application/json');

  const variants: Array<fc.Arbitrary<FuzzRequest>> = [];
  if (operation.pathParams.length > 0) {
    variants.push(
      fc
        .array(hostileId, { minLength: operation.pathParams.length, maxLength: operation.pathParams.length })
        .map((ids) => ({
          method: operation.method,
          url: pathWith(ids),
          headers: { ...auth, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          payload: hasBody ? JSON.stringify(operation.bodySchema ? plausible(operation.bodySchema) : {}) : undefined,
          label: 'path id',
        })),
    );
  }
  const queryNames = [...operation.queryParams.map((q) => q.name), 'skip', 'limit', 'unknown'];
  variants.push(
    fc
      .array(
        fc.tuple(
          fc.constantFrom(...queryNames),
          fc.oneof(
            hostileNumberText,
            hostileString.map((s) => s.slice(0, 5_000)),
          ),
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map((pairs) => ({
        method: operation.method,
        url: `${pathWith(validIds)}?${pairs.map(([k, v]) => `${k}=${escapeQuery(v)}`).join('&')}`,
        headers: { ...auth, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
        payload: hasBody ? JSON.stringify(operation.bodySchema ? plausible(operation.bodySchema) : {}) : undefined,
        label: 'query',
      })),
  );
  if (jsonBody || hasBody) {
    variants.push(
      hostileBody(operation.bodySchema).map(({ text, label }) => ({
        method: operation.method,
        url: pathWith(validIds),
        headers: { ...auth, 'content-type': 'application/json' },
        payload: text,
        label: `body: ${label}`,
      })),
    );
  }
  variants.push(
    fc.tuple(fc.constantFrom(...HOSTILE_CONTENT_TYPES), fc.string({ maxLength: 200 })).map(([type, text]) => ({
      method: operation.method,
      url: pathWith(validIds),
      headers: { ...auth, ...(type ? { 'content-type': type } : {}) },
      payload: text || 'x',
      label: `content type ${JSON.stringify(type)}`,
    })),
    fc
      .tuple(
        fc.constantFrom('authorization', 'x-api-key', 'x-request-id', 'accept', 'x-forwarded-for', 'x-custom'),
        fc.oneof(
          hostileString.map((s) => s.replace(/[^\t\x20-\x7e]/g, '?')),
          fc.integer({ min: 8_000, max: 20_000 }).map((n) => 'h'.repeat(n)),
        ),
      )
      .map(([name, value]) => ({
        method: operation.method,
        url: pathWith(validIds),
        headers: { ...auth, [name]: value },
        label: `header ${name}`,
      })),
    fc.integer({ min: 2_000, max: 20_000 }).map((n) => ({
      method: operation.method,
      url: `${pathWith(validIds)}/${'p'.repeat(n)}`,
      headers: auth,
      label: `path of ${n} extra characters`,
    })),
  );
  return fc.oneof(...variants);
}
