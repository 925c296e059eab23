import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { testStack } from './test-stack';

/**
 * The contract test: every response a test app sends is checked against the product's OpenAPI
 * document (written once by global-setup from AppModule alone, so test-only fixture routes are
 * not part of it). The status must be documented for the operation, the media type too, the
 * body must match the schema (objects of our views admit no undocumented property), and every
 * header the document marks required must be there and match. contract-guard.ts fails the
 * test during which a problem was recorded.
 */

interface HeaderDoc {
  required?: boolean;
  schema?: Schema;
}
interface ResponseDoc {
  headers?: Record<string, HeaderDoc>;
  content?: Record<string, { schema?: Schema }>;
}
interface OperationDoc {
  responses: Record<string, ResponseDoc>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationDoc>>;
  components: { schemas: Record<string, Schema> };
}
type Schema = Record<string, unknown>;

const DOCUMENT_ID = 'openapi.json';

/** A header as Fastify holds it (a string, a number or a list) in its wire form. */
const headerText = (value: unknown): string =>
  Array.isArray(value)
    ? value.map(headerText).join(', ')
    : typeof value === 'number'
      ? String(value)
      : `${value as string}`;
const problems: string[] = [];

/** Problems recorded since the last call (contract-guard.ts calls it after every test). */
export const takeContractProblems = (): string[] => problems.splice(0);

/**
 * A deep copy of a schema for validation: refs point into the registered document, and every
 * object that lists its properties admits no other (our views are closed shapes).
 */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const copy: Schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closed(value)]));
  if (typeof copy.$ref === 'string' && copy.$ref.startsWith('#/')) copy.$ref = `${DOCUMENT_ID}${copy.$ref}`;
  if (copy.properties && typeof copy.properties === 'object' && copy.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  return copy;
}

export class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<object, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: closed(document.components.schemas) } });
  }

  private validate(schema: Schema, value: unknown): string | undefined {
    let validator = this.compiled.get(schema);
    if (!validator) {
      validator = this.ajv.compile(closed(schema) as Schema);
      this.compiled.set(schema, validator);
    }
    return validator(value) ? undefined : this.ajv.errorsText(validator.errors, { separator: '; ' });
  }

  /** The documented operation of a matched Fastify route, if the product has it. */
  operation(method: string, routeUrl: string | undefined): OperationDoc | undefined {
    if (!routeUrl) return undefined;
    const path = routeUrl.replace(/:(\w+)/g, '{$1}');
    return this.document.paths[path]?.[method === 'head' ? 'get' : method];
  }

  /** What is wrong with one response of `operation` (an empty list when it is as documented). */
  check(operation: OperationDoc, status: number, headers: Record<string, unknown>, body?: string): string[] {
    const response = operation.responses[String(status)];
    if (!response) return [`status ${status} is not documented`];
    const found: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const raw = headers[name.toLowerCase()];
      if (raw === undefined) {
        if (header.required) found.push(`required header ${name} is missing`);
        continue;
      }
      const type = header.schema?.type;
      const value = type === 'integer' || type === 'number' ? Number(headerText(raw)) : headerText(raw);
      const wrong = header.schema && this.validate(header.schema, value);
      if (wrong) found.push(`header ${name} ${wrong}`);
    }
    if (body === undefined) return found;
    const mediaType = headerText(headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    if (!response.content) return body.length > 0 ? [...found, 'a body where none is documented'] : found;
    const content = response.content[mediaType];
    if (!content) return [...found, `media type "${mediaType}" is not documented`];
    if (!content.schema || mediaType !== 'application/json') return found;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [...found, 'the body is not JSON'];
    }
    const wrong = this.validate(content.schema, parsed);
    return wrong ? [...found, `body ${wrong}`] : found;
  }

  /** An unmatched URL answers 404 in the error envelope. */
  checkUnmatched(status: number, body?: string): string[] {
    if (status !== 404) return [`an unknown route answered ${status}`];
    if (body === undefined) return [];
    const wrong = this.validate({ $ref: '#/components/schemas/ErrorEnvelopeDoc' }, JSON.parse(body));
    return wrong ? [`body ${wrong}`] : [];
  }
}

let contract: Contract | undefined;

export function loadContract(): Contract {
  contract ??= new Contract(JSON.parse(readFileSync(testStack().openApiFile, 'utf8')) as OpenApiDocument);
  return contract;
}

const bodyText = (payload: unknown): string | undefined =>
  typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;

/** Checks every response of `fastify` against the document; call before the app listens. */
export function enforceOpenApiContract(fastify: FastifyInstance): void {
  const checked = new WeakSet<FastifyRequest>();
  const record = (request: FastifyRequest, reply: FastifyReply, payload: unknown, streamed: boolean): void => {
    checked.add(request);
    const method = request.method.toLowerCase();
    const routeUrl = request.routeOptions.url;
    const contract = loadContract();
    const body = streamed ? undefined : (bodyText(payload) ?? (payload == null ? '' : undefined));
    const operation = contract.operation(method, routeUrl);
    // A matched route the product document lacks is a test fixture, Swagger UI or an excluded route.
    if (routeUrl && !operation) return;
    const found = operation
      ? contract.check(operation, reply.statusCode, reply.getHeaders(), method === 'head' ? undefined : body)
      : contract.checkUnmatched(reply.statusCode, body);
    const where = `${request.method} ${routeUrl ?? request.url} -> ${reply.statusCode}`;
    const sample = body ? ` (body: ${body.slice(0, 300)})` : '';
    for (const problem of found) problems.push(`${where}: ${problem}${sample}`);
  };
  fastify.addHook('onSend', (request, reply, payload, done) => {
    record(request, reply, payload, typeof (payload as { pipe?: unknown } | null)?.pipe === 'function');
    done(null, payload);
  });
  // Hijacked replies (Server-Sent Events) skip onSend: their status and headers are checked here.
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!checked.has(request)) record(request, reply, undefined, true);
    done();
  });
}
