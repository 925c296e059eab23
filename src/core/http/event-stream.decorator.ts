import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  Res,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiProduces } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { type EventProducer, sendEventStream } from './event-stream';

export interface EventStreamRoute {
  /** How often an idle stream sends a heartbeat comment, from configuration. */
  heartbeatMs: (config: AppConfig) => number;
}

const EVENT_STREAM_ROUTE = Symbol('event-stream-route');

/**
 * Answers the route with `text/event-stream`: the handler returns an EventProducer (after any
 * refusal, which still leaves as an ordinary error envelope) and never sees the reply. The
 * stream sends heartbeats and ends with a `service_unavailable` event when the process drains.
 */
export function EventStream(route: EventStreamRoute): MethodDecorator {
  const decorators = applyDecorators(
    SetMetadata(EVENT_STREAM_ROUTE, route),
    UseInterceptors(EventStreamInterceptor),
    ApiProduces('text/event-stream'),
  );
  return (target, key, descriptor) => {
    decorators(target, key, descriptor);
    // The stream writes the reply, not Nest: binding the reply to an argument past the
    // handler's own is how Nest learns the route answers by itself (it then sends nothing).
    const declared = Reflect.getMetadata('design:paramtypes', target, key) as unknown[] | undefined;
    const handler = descriptor.value as unknown as (...args: unknown[]) => unknown;
    Res()(target, key, declared?.length ?? handler.length);
  };
}

@Injectable()
export class EventStreamInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly shutdown: ShutdownState,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler<EventProducer>): Observable<void> {
    const route = this.reflector.get<EventStreamRoute>(EVENT_STREAM_ROUTE, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      mergeMap((produce) =>
        from(
          sendEventStream(request, reply, produce, {
            heartbeatMs: route.heartbeatMs(this.config),
            onShutdown: (listener) => this.shutdown.onDrain(listener),
          }),
        ),
      ),
    );
  }
}
