import { applyDecorators, Delete, Get, type Type } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiDataResponse, ApiErrorResponses, ApiMessageResponse, ApiPaginatedResponse } from './api-docs';

/** What a route's documentation adds to its method, path and answer. */
export interface RouteDocs {
  /** The path under the controller's; `:id` for one thing. */
  path?: string;
  summary?: string;
  /** The error statuses it documents beside the standard ones. */
  errors?: number[];
}

// Applied in the order the stacked decorators they replace ran (the lowest first), so the
// OpenAPI document stays the same.
const route = (mapping: MethodDecorator, answer: MethodDecorator, { summary, errors = [] }: RouteDocs) =>
  applyDecorators(
    ...(errors.length > 0 ? [ApiErrorResponses(...errors)] : []),
    answer,
    ...(summary === undefined ? [] : [ApiOperation({ summary })]),
    mapping,
  );

/** `GET`: one page of `view` (`{ data, total, skip, limit }`). */
export const ListRoute = (view: Type, docs: RouteDocs = {}): MethodDecorator =>
  route(Get(docs.path), ApiPaginatedResponse(view), docs);

/** `GET :id`: one `view`. */
export const ReadRoute = (view: Type, docs: RouteDocs = {}): MethodDecorator =>
  route(Get(docs.path ?? ':id'), ApiDataResponse(view), docs);

/** `DELETE :id`: a `{ message }`. */
export const DeleteRoute = (docs: RouteDocs = {}): MethodDecorator =>
  route(Delete(docs.path ?? ':id'), ApiMessageResponse(), docs);
