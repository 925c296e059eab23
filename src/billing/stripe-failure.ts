import type { PinoLogger } from 'nestjs-pino';
import type Stripe from 'stripe';
import { ServiceUnavailableError } from '../core/http/app-error';

/**
 * Runs one call to Stripe for a request. A failure (network, outage, a rejected request) is
 * logged with Stripe's own codes and request id, never its message or our key, and answered
 * 503: nothing about it is the client's fault, and retrying later may work.
 */
export async function callStripe<T>(
  stripe: Stripe,
  logger: PinoLogger,
  action: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // The client's own error classes: the SDK module itself is loaded only with the client.
    if (!(error instanceof stripe.errors.StripeError)) throw error;
    logger.warn(
      {
        action,
        stripeType: error.type,
        stripeCode: error.code,
        stripeStatus: error.statusCode,
        stripeRequestId: error.requestId,
      },
      'billing.stripe_failed',
    );
    throw new ServiceUnavailableError('The payment provider is unavailable, retry later');
  }
}
