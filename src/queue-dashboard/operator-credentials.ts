import { sameDigest, sha256 } from '../core/crypto/secret-token';

/**
 * Checks an `Authorization: Basic` header against the operator's configured login. Only that
 * login opens the dashboard: a tenant's bearer token or API key is not even looked at.
 */
export class OperatorCredentials {
  private readonly expected: string;

  constructor(username: string, password: string) {
    this.expected = sha256(`${username}:${password}`);
  }

  accepts(authorization: string | undefined): boolean {
    const encoded = authorization?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/i)?.[1];
    if (!encoded) return false;
    return sameDigest(sha256(Buffer.from(encoded, 'base64').toString('utf8')), this.expected);
  }
}
