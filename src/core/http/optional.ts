import { ValidateIf } from 'class-validator';

/**
 * For PATCH bodies: an absent field means "leave as is", but null is not absent and is
 * validated (`@IsOptional()` would let null through unchecked, into a NOT NULL column).
 */
export const IfPresent = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** For nullable fields: absent and null both skip the other rules; null then clears the value. */
export const NullableIfPresent = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined && value !== null);
