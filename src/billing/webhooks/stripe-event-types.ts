/** The Stripe events that change an organization's subscription; any other type is stored and acknowledged. */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];

export const isHandled = (type: string): type is HandledEventType =>
  (HANDLED_EVENT_TYPES as readonly string[]).includes(type);

/** A bounded label for metrics: Stripe has hundreds of event types, we name only ours. */
export const eventTypeLabel = (type: string): string => (isHandled(type) ? type : 'other');
