import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Trim } from './trim';

/** Longest name of a person or an organization. */
export const DISPLAY_NAME_MAX = 120;

/**
 * A short text field that must say something: trimmed, then 1 to `maxLength` characters (a name, a
 * subject). `required: false` for the same field in an update body.
 */
export const TrimmedText = (maxLength: number, example: string, required = true): PropertyDecorator =>
  applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ example, minLength: 1, maxLength }),
    Trim(),
    IsString(),
    Length(1, maxLength),
  );

/** A display name: trimmed, 1 to 120 characters. */
export const DisplayName = (example: string): PropertyDecorator => TrimmedText(DISPLAY_NAME_MAX, example);
