import type { IncomingMessage } from 'node:http';

const ROUTE = Symbol('routeTemplate');

type WithRoute = IncomingMessage & { [ROUTE]?: string };

/** Fastify knows the matched route (`/v1/tickets/:id`); the request line is written from the raw request. */
export function setRouteTemplate(request: IncomingMessage, route: string | undefined): void {
  (request as WithRoute)[ROUTE] = route;
}

/** The route template, or for an unmatched request its path without the query string (which can carry tokens). */
export function routeTemplate(request: IncomingMessage): string | undefined {
  return (request as WithRoute)[ROUTE] ?? request.url?.split('?')[0];
}
