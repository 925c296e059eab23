import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Trim } from './trim';

/** Longest name of a person or an organization. */
export const DISPLAY_NAME_MAX = 120;

/** A display name: trimmed, 1 to 120 characters. */
export const DisplayName = (example: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, minLength: 1, maxLength: DISPLAY_NAME_MAX }),
    Trim(),
    IsString(),
    Length(1, DISPLAY_NAME_MAX),
  );
