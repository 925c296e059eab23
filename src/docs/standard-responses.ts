import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { ApiSecurity, type ResponseObject } from '@nestjs/swagger';
import { RATE_LIMIT_BUCKET } from '../auth/client-rate-limit.guard';
import { IS_PUBLIC } from '../access/public.decorator';
import { MINIMUM_ROLE } from '../access/roles.decorator';
import { ApiErrorResponse, RATE_LIMIT_HEADERS } from '../core/http/api-docs';
import { API_KEY_SCHEME, BEARER_SCHEME } from './security-schemes';

/** @nestjs/swagger's metadata keys (not exported by the package). */
const API_RESPONSE = 'swagger/apiResponse';
const API_SECURITY = 'swagger/apiSecurity';
const API_OPERATION = 'swagger/apiOperation';

/** Fastify parses a body on these methods, so they can answer 400, 413 and 415. */
const BODY_METHODS = new Set([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);
const VALIDATED_ARGS = new Set([RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM]);

const described = new WeakSet<object>();

/** What the framework answers for a route, read from the same metadata the guards and pipes use. */
interface RouteFacts {
  isPublic: boolean;
  minimumRole?: string;
  takesBody: boolean;
  validatesInput: boolean;
  rateLimited: boolean;
}

function factsOf(controller: Type, name: string, handler: object): RouteFacts {
  const own = <T>(key: string): T | undefined =>
    (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, unknown>;
  const argTypes = Object.keys(args).map((key) => Number(key.split(':')[0]));
  return {
    isPublic: own<boolean>(IS_PUBLIC) === true,
    minimumRole: own<string>(MINIMUM_ROLE),
    takesBody: BODY_METHODS.has(Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod),
    validatesInput: argTypes.some((type) => VALIDATED_ARGS.has(type)),
    rateLimited: Reflect.getMetadata(RATE_LIMIT_BUCKET, handler) !== undefined,
  };
}

/** The error statuses the framework itself can answer for a route with these facts. */
function standardStatuses(facts: RouteFacts): number[] {
  return [
    ...(facts.takesBody ? [400, 413, 415] : []),
    ...(facts.isPublic ? [] : [401]),
    // Any caller may be refused while the organization requires two-factor of owners and admins who have none.
    ...(facts.isPublic ? [] : [403]),
    ...(facts.validatesInput ? [422] : []),
    ...(facts.rateLimited ? [429] : []),
    500,
    503,
  ];
}

/** A rate-limited route sends the RateLimit fields on every 2xx and 4xx answer. */
function addRateLimitHeaders(handler: object): void {
  const responses = (Reflect.getMetadata(API_RESPONSE, handler) ?? {}) as Record<string, ResponseObject>;
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[24]/.test(status)) continue;
    // Other errors may come before the limiter counted the request (body parser, auth guard).
    const counted = status.startsWith('2') || status === '429';
    const headers = Object.fromEntries(
      Object.entries(RATE_LIMIT_HEADERS).map(([name, value]) => [name, { ...value, required: counted }]),
    );
    response.headers = { ...response.headers, ...headers };
  }
}

/** Who may call the route, appended to its description so a reader need not guess. */
function accessNote(facts: RouteFacts): string {
  const who = facts.isPublic
    ? 'Public: no credentials.'
    : facts.minimumRole
      ? `Needs an access token or API key with role \`${facts.minimumRole}\` or above.`
      : 'Needs an access token or API key of the organization (any role).';
  return facts.rateLimited ? `${who} Rate limited per client address (see the RateLimit headers).` : who;
}

function addAccessNote(handler: object, facts: RouteFacts): void {
  const operation = (Reflect.getMetadata(API_OPERATION, handler) ?? {}) as { description?: string };
  const note = accessNote(facts);
  const description = operation.description ? `${operation.description}\n\n${note}` : note;
  Reflect.defineMetadata(API_OPERATION, { ...operation, description }, handler);
}

function describeRoute(controller: Type, name: string, handler: object): void {
  const facts = factsOf(controller, name, handler);
  const declared = {
    ...(Reflect.getMetadata(API_RESPONSE, controller) as object | undefined),
    ...(Reflect.getMetadata(API_RESPONSE, handler) as object | undefined),
  };
  const descriptor = { value: handler };
  const prototype = controller.prototype as object;
  for (const status of standardStatuses(facts)) {
    if (!(String(status) in declared)) ApiErrorResponse(status)(prototype, name, descriptor);
  }
  if (facts.rateLimited) addRateLimitHeaders(handler);
  addAccessNote(handler, facts);
  const security: unknown = Reflect.getMetadata(API_SECURITY, handler) ?? Reflect.getMetadata(API_SECURITY, controller);
  if (!facts.isPublic && !security) {
    ApiSecurity(BEARER_SCHEME)(prototype, name, descriptor);
    ApiSecurity(API_KEY_SCHEME)(prototype, name, descriptor);
  }
}

/**
 * Documents, on every route of the app, the answers that come from the framework rather than
 * the handler: malformed or oversized bodies, missing credentials, roles, validation, rate
 * limits, failures and outages. A new route gets them without a decorator of its own.
 */
export function describeStandardResponses(app: INestApplication): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || described.has(controller)) continue;
      described.add(controller);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined) {
          describeRoute(controller, name, handler);
        }
      }
    }
  }
}
