import Stripe from 'stripe';
import type { AppConfig } from '../core/config/app-config';

/** Injection token of the Stripe client; `null` while billing is off. */
export const STRIPE = Symbol('STRIPE');

/**
 * The official SDK, pinned to the API version its types describe. STRIPE_API_URL only moves it
 * to a local stand-in (tests); the SDK retries network faults and 5xx with idempotency keys.
 */
export function createStripeClient(config: AppConfig): Stripe | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  const url = new URL(config.STRIPE_API_URL);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(config.STRIPE_SECRET_KEY, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    timeout: config.STRIPE_TIMEOUT_MS,
    maxNetworkRetries: 2,
    appInfo: { name: 'deskbase' },
  });
}
