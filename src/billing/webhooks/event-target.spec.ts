import type Stripe from 'stripe';
import { targetOf } from './event-target';

const ORG = '0190f3a2-8c1e-7c55-9d51-2b1f1c2a9e10';
const event = (type: string, object: Record<string, unknown>) =>
  ({ type, data: { object } }) as unknown as Stripe.Event;

describe('targetOf', () => {
  it('finds the subscription, customer and organization of a completed subscription checkout', () => {
    const target = targetOf(
      event('checkout.session.completed', {
        mode: 'subscription',
        subscription: 'sub_1',
        customer: { id: 'cus_1' },
        client_reference_id: ORG,
        metadata: {},
      }),
    );
    expect(target).toEqual({ subscriptionId: 'sub_1', customerId: 'cus_1', organizationId: ORG });
  });

  it('ignores a one-off payment checkout and an invoice that belongs to no subscription', () => {
    expect(targetOf(event('checkout.session.completed', { mode: 'payment', subscription: null }))).toBeNull();
    expect(targetOf(event('invoice.paid', { customer: 'cus_1', parent: null }))).toBeNull();
  });

  it("reads an invoice's subscription and the metadata it carried", () => {
    const target = targetOf(
      event('invoice.payment_failed', {
        customer: 'cus_2',
        parent: {
          type: 'subscription_details',
          subscription_details: { subscription: 'sub_2', metadata: { organizationId: ORG } },
        },
      }),
    );
    expect(target).toEqual({ subscriptionId: 'sub_2', customerId: 'cus_2', organizationId: ORG });
  });

  it('leaves the organization unknown when a subscription carries none of our metadata (made in the dashboard)', () => {
    expect(targetOf(event('customer.subscription.updated', { id: 'sub_3', customer: 'cus_3', metadata: {} }))).toEqual({
      subscriptionId: 'sub_3',
      customerId: 'cus_3',
      organizationId: null,
    });
  });

  it('has no target for other event types', () => {
    expect(targetOf(event('charge.refunded', { id: 'ch_1' }))).toBeNull();
  });
});
