/** Stable codes of provider failures, with the message a client sees; nothing of the provider's own words. */
export const PROVIDER_FAILURES = {
  provider_auth_failed: 'The model provider refused the configured credentials; ask an administrator',
  provider_rate_limited: 'The model provider is rate limiting requests; try again shortly',
  provider_overloaded: 'The model provider is overloaded; try again shortly',
  provider_timeout: 'The model provider took too long to answer',
  provider_rejected: 'The model provider refused the request (model name or request size)',
  provider_unavailable: 'The model provider could not be reached',
  provider_error: 'The model provider failed to answer',
} as const;

export type ProviderFailureCode = keyof typeof PROVIDER_FAILURES;

/** Raised by providers; carries only a stable code. The cause stays for the logs. */
export class ProviderFailure extends Error {
  constructor(
    readonly code: ProviderFailureCode,
    options?: { cause?: unknown },
  ) {
    super(PROVIDER_FAILURES[code], options);
    this.name = 'ProviderFailure';
  }
}

/** By HTTP status when there is one, else by the error type the provider named in its stream. */
export function failureCodeFor(status: number | undefined, type: string | null | undefined): ProviderFailureCode {
  if (status === 401 || status === 403 || type === 'authentication_error' || type === 'permission_error') {
    return 'provider_auth_failed';
  }
  if (status === 429 || type === 'rate_limit_error' || type === 'rate_limit_exceeded') return 'provider_rate_limited';
  if (status === 529 || type === 'overloaded_error') return 'provider_overloaded';
  if (status === 408 || status === 504 || type === 'timeout_error') return 'provider_timeout';
  if (status !== undefined && status >= 400 && status < 500) return 'provider_rejected';
  if (type === 'invalid_request_error' || type === 'not_found_error') return 'provider_rejected';
  return 'provider_error';
}

/**
 * The error classes the official Anthropic and OpenAI SDKs both define (they share one generator):
 * a timeout is a connection error, and every failed request an API error.
 */
interface SdkErrors<ApiError> {
  APIConnectionTimeoutError: abstract new (...args: never[]) => unknown;
  APIConnectionError: abstract new (...args: never[]) => unknown;
  APIError: abstract new (...args: never[]) => ApiError;
}

/** What an SDK call's error means; `errorType` reads the error type the provider named. */
export function sdkFailure<ApiError extends { status?: unknown }>(
  sdk: SdkErrors<ApiError>,
  error: unknown,
  errorType: (error: ApiError) => string | null | undefined,
): ProviderFailure {
  if (error instanceof sdk.APIConnectionTimeoutError) return new ProviderFailure('provider_timeout', { cause: error });
  if (error instanceof sdk.APIConnectionError) return new ProviderFailure('provider_unavailable', { cause: error });
  if (error instanceof sdk.APIError) {
    const status = typeof error.status === 'number' ? error.status : undefined;
    return new ProviderFailure(failureCodeFor(status, errorType(error)), { cause: error });
  }
  return new ProviderFailure('provider_error', { cause: error });
}
