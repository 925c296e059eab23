import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects and arrays. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[index + 1]);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

const stripeId = (prefix: string): string => `${prefix}_test_${randomBytes(10).toString('hex')}`;

interface Reply {
  status: number;
  body: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey: string | undefined;
}

export interface SubscriptionFixture {
  id?: string;
  customer: string;
  status: string;
  price: string;
  organizationId?: string;
  periodStart?: number;
  periodEnd?: number;
  cancelAtPeriodEnd?: boolean;
}

interface Failure {
  method: string;
  path: string;
  remaining: number;
  /** Answer 500 only after doing the work (a response lost on the way back). */
  afterWork: boolean;
}

const error = (status: number, type: string, message: string, code?: string): Reply => ({
  status,
  body: { error: { type, message, ...(code ? { code } : {}) } },
});

/**
 * A local stand-in for the part of Stripe's REST API that Deskbase calls, speaking its wire
 * format: Bearer secret key, form-encoded bodies, Stripe's error shape and request ids, and
 * idempotency keys (a repeated key replays the first answer; other parameters under it are an
 * idempotency_error). Tests arrange subscriptions and failures directly.
 */
export class FakeStripeServer {
  readonly customers = new Map<string, Record<string, unknown>>();
  readonly subscriptions = new Map<string, Record<string, unknown>>();
  readonly requests: RecordedRequest[] = [];
  private readonly replies = new Map<string, { params: string; reply: Reply }>();
  private readonly failures: Failure[] = [];
  private server?: Server;
  url = '';

  constructor(
    private readonly secretKey: string,
    private readonly prices: readonly string[],
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.serve(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The next `times` calls to `method path` answer 500 (with Stripe-Should-Retry: false, so the SDK gives up). */
  failNext(method: string, path: string, times = 1, afterWork = false): void {
    this.failures.push({ method, path, remaining: times, afterWork });
  }

  /** Stores a subscription as Stripe would return it, and returns it. */
  putSubscription(fixture: SubscriptionFixture): Record<string, unknown> & { id: string } {
    const now = Math.floor(Date.now() / 1000);
    const id = fixture.id ?? stripeId('sub');
    const subscription = {
      id,
      object: 'subscription',
      customer: fixture.customer,
      status: fixture.status,
      cancel_at_period_end: fixture.cancelAtPeriodEnd ?? false,
      cancel_at: null,
      created: now,
      livemode: false,
      metadata: fixture.organizationId ? { organizationId: fixture.organizationId } : {},
      items: {
        object: 'list',
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
        data: [
          {
            id: stripeId('si'),
            object: 'subscription_item',
            quantity: 1,
            subscription: id,
            current_period_start: fixture.periodStart ?? now,
            current_period_end: fixture.periodEnd ?? now + 30 * 86_400,
            price: { id: fixture.price, object: 'price', active: true, currency: 'usd', unit_amount: 2_900 },
          },
        ],
      },
    };
    this.subscriptions.set(id, subscription);
    return subscription;
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://stripe.local');
    const raw = Buffer.concat(chunks).toString('utf8');
    const params = parseStripeForm(request.method === 'GET' ? url.search.slice(1) : raw);
    const method = request.method ?? 'GET';
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method, path: url.pathname, params, idempotencyKey });

    let reply: Reply;
    let replayed = false;
    const failure = this.failures.find((f) => f.method === method && f.path === url.pathname && f.remaining > 0);
    if (failure && !failure.afterWork) {
      failure.remaining -= 1;
      reply = error(500, 'api_error', 'An unknown error occurred');
    } else if (request.headers.authorization !== `Bearer ${this.secretKey}`) {
      reply = error(401, 'invalid_request_error', 'Invalid API Key provided');
    } else if (request.method === 'POST' && request.headers['content-type'] !== 'application/x-www-form-urlencoded') {
      reply = error(400, 'invalid_request_error', 'Requests must be form-encoded');
    } else if (method === 'POST' && idempotencyKey && this.replies.has(idempotencyKey)) {
      const first = this.replies.get(idempotencyKey) as { params: string; reply: Reply };
      replayed = first.params === raw;
      reply = replayed
        ? first.reply
        : error(
            400,
            'idempotency_error',
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          );
    } else {
      reply = this.route(method, url.pathname, params);
      if (method === 'POST' && idempotencyKey) this.replies.set(idempotencyKey, { params: raw, reply });
      if (failure?.afterWork) {
        failure.remaining -= 1;
        reply = error(500, 'api_error', 'An unknown error occurred');
      }
    }
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      'request-id': stripeId('req'),
      ...(reply.status >= 500 ? { 'stripe-should-retry': failure?.afterWork ? 'true' : 'false' } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
    response.end(JSON.stringify(reply.body));
  }

  private route(method: string, path: string, params: Record<string, unknown>): Reply {
    const [, version, resource, id, extra] = path.split('/');
    if (version !== 'v1') return error(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path})`);
    if (method === 'POST' && resource === 'customers' && !id) return this.createCustomer(params);
    if (method === 'GET' && resource === 'customers' && id) {
      const customer = this.customers.get(id);
      return customer ? { status: 200, body: customer } : this.missing('customer', id);
    }
    if (method === 'GET' && resource === 'subscriptions' && id) {
      const subscription = this.subscriptions.get(id);
      return subscription ? { status: 200, body: subscription } : this.missing('subscription', id);
    }
    if (method === 'POST' && resource === 'checkout' && id === 'sessions' && !extra) return this.createCheckout(params);
    if (method === 'POST' && resource === 'billing_portal' && id === 'sessions' && !extra)
      return this.createPortal(params);
    return error(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path})`);
  }

  private createCustomer(params: Record<string, unknown>): Reply {
    const customer = {
      id: stripeId('cus'),
      object: 'customer',
      name: params.name ?? null,
      email: params.email ?? null,
      metadata: params.metadata ?? {},
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }

  private createCheckout(params: Record<string, unknown>): Reply {
    const items = (params.line_items ?? []) as Array<{ price?: string; quantity?: string }>;
    if (params.mode !== 'subscription')
      return error(400, 'invalid_request_error', 'Missing required param: mode.', 'parameter_missing');
    if (!params.success_url)
      return error(400, 'invalid_request_error', 'Missing required param: success_url.', 'parameter_missing');
    if (typeof params.customer !== 'string' || !this.customers.has(params.customer)) {
      return this.missing('customer', String(params.customer));
    }
    const price = items[0]?.price;
    if (!price || !this.prices.includes(price)) return this.missing('price', String(price));
    const id = stripeId('cs');
    return {
      status: 200,
      body: {
        id,
        object: 'checkout.session',
        mode: 'subscription',
        customer: params.customer,
        client_reference_id: params.client_reference_id ?? null,
        metadata: params.metadata ?? {},
        subscription: null,
        status: 'open',
        url: `${this.url}/checkout/${id}`,
        success_url: params.success_url,
        cancel_url: params.cancel_url ?? null,
      },
    };
  }

  private createPortal(params: Record<string, unknown>): Reply {
    if (typeof params.customer !== 'string' || !this.customers.has(params.customer)) {
      return this.missing('customer', String(params.customer));
    }
    const id = stripeId('bps');
    return {
      status: 200,
      body: {
        id,
        object: 'billing_portal.session',
        customer: params.customer,
        return_url: params.return_url,
        url: `${this.url}/portal/${id}`,
      },
    };
  }

  private missing(kind: string, id: string): Reply {
    return error(404, 'invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing');
  }
}
