import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

export interface SignedEvent {
  id: string;
  body: string;
  signature: string;
}

/** A Stripe event envelope around `object`, as Stripe sends it. */
export function stripeEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_test_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

/** The body and `Stripe-Signature` header, signed with the SDK's own test helper. */
export function signEvent(event: { id: string }, secret: string, timestamp?: number): SignedEvent {
  const body = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  return { id: event.id, body, signature };
}

/** POSTs a signed (or deliberately mis-signed) delivery to the webhook endpoint, as Stripe does. */
export function deliver(baseUrl: string, body: string, signature?: string): Promise<Response> {
  return fetch(`${baseUrl}/v1/billing/webhooks/stripe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature === undefined ? {} : { 'stripe-signature': signature }),
    },
    body,
  });
}
