import type Stripe from 'stripe';
import type { AppConfig } from '../core/config/app-config';

/**
 * The SDK's constructor, typed as the rest of billing types it (`import type Stripe from 'stripe'`,
 * the CommonJS build, which is what the compiled `import()` loads): TypeScript types `import()`
 * with the ESM build's declarations, the same API declared twice.
 */
const loadSdk = async (): Promise<typeof Stripe> => (await import('stripe')).default as unknown as typeof Stripe;

/** Injection token of the Stripe client; `null` while billing is off. */
export const STRIPE = Symbol('STRIPE');

/**
 * The official SDK, pinned to the API version its types describe. STRIPE_API_URL only moves it
 * to a local stand-in (tests); the SDK retries network faults and 5xx with idempotency keys.
 * It is loaded only when billing is on: a process without the key never pays for it (~6 MB).
 */
export async function createStripeClient(config: AppConfig): Promise<Stripe | null> {
  if (!config.STRIPE_SECRET_KEY) return null;
  const Sdk = await loadSdk();
  const url = new URL(config.STRIPE_API_URL);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Sdk(config.STRIPE_SECRET_KEY, {
    host: url.hostname,
    port: url.port || (protocol === 'http' ? 80 : 443),
    protocol,
    timeout: config.STRIPE_TIMEOUT_MS,
    maxNetworkRetries: 2,
    appInfo: { name: 'deskbase' },
  });
}
