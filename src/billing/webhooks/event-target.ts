import type Stripe from 'stripe';

/** The subscription an event is about, and what the event itself says of its customer and organization. */
export interface EventTarget {
  subscriptionId: string;
  customerId: string | null;
  /** From our own metadata (or the checkout's client_reference_id); absent on subscriptions made elsewhere. */
  organizationId: string | null;
}

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** Which subscription a handled event concerns, or null when it concerns none (a one-off payment, an invoice without one). */
export function targetOf(event: Stripe.Event): EventTarget | null {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const subscriptionId = idOf(session.subscription);
      if (session.mode !== 'subscription' || !subscriptionId) return null;
      return {
        subscriptionId,
        customerId: idOf(session.customer),
        organizationId: session.client_reference_id ?? session.metadata?.organizationId ?? null,
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const subscription = event.data.object;
      return {
        subscriptionId: subscription.id,
        customerId: idOf(subscription.customer),
        organizationId: subscription.metadata?.organizationId ?? null,
      };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const details = invoice.parent?.subscription_details;
      const subscriptionId = idOf(details?.subscription);
      if (!subscriptionId) return null;
      return {
        subscriptionId,
        customerId: idOf(invoice.customer),
        organizationId: details?.metadata?.organizationId ?? null,
      };
    }
    default:
      return null;
  }
}
