import type { SecuritySchemeObject } from '@nestjs/swagger';

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';

/** Either credential opens every non-public route; the guard accepts both. */
export const SECURITY_SCHEMES: Record<string, SecuritySchemeObject> = {
  [BEARER_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token from /v1/auth/login or /v1/auth/signup: a JWT issued following RFC8725 (HS256 only, ' +
      'issuer and audience checked, 15 minutes by default). An API key `dsk_...` is accepted here too.',
  },
  [API_KEY_SCHEME]: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'An API key `dsk_<prefix>_<secret>` from POST /v1/api-keys; it acts with the role it was given.',
  },
};
