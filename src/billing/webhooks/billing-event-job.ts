/** Payload of a billing-events job: the stored event's id, never its content. */
export interface BillingEventJob {
  eventId: string;
}

/** One job per Stripe event: a redelivered event finds its job already there. */
export const billingEventJobId = (eventId: string): string => `stripe-${eventId}`;
