import { Transform } from 'class-transformer';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const trimmedLowercase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** Trims a string field before validation; anything else is left for the validators to refuse. */
export const Trim = (): PropertyDecorator => Transform(trimmed);

/** Trims and lower-cases a string field compared case-insensitively (emails, tags). */
export const TrimLowercase = (): PropertyDecorator => Transform(trimmedLowercase);
