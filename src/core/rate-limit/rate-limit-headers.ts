import type { RateLimitState } from './rate-limiter';

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) for one named policy:
 * the quota in `RateLimit-Policy`, what is left of it in `RateLimit`.
 */
export const rateLimitHeaders = (policy: string, state: RateLimitState): Record<string, string> => ({
  'RateLimit-Policy': `"${policy}";q=${state.limit};w=${state.windowSeconds}`,
  RateLimit: `"${policy}";r=${state.remaining};t=${state.resetSeconds}`,
});
