/** The token of an `Authorization: Bearer <token>` header; undefined for any other scheme or shape. */
export const bearerToken = (header: string | undefined): string | undefined => header?.match(/^Bearer\s+(\S+)$/i)?.[1];
