import { applyDecorators } from '@nestjs/common';
import { EMAIL_MAX_LENGTH } from '../../core/http/api-properties';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { TrimmedText } from '../../core/http/display-name';
import { TrimLowercase } from '../../core/http/trim';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../ticket.entity';

export const MAX_TAGS = 20;
export const MAX_DESCRIPTION = 20_000;
export const SUBJECT_MAX = 200;
export const TAG_MAX = 40;

const TAG_PATTERN = /^[\p{L}\p{N}_.:-]+$/u;

/** Tags are compared case-insensitively and kept unique. */
const normaliseTags = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value)
    ? [...new Set(value.map((tag: unknown) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)))]
    : value;

/** The rules of each ticket field, shared by the create and update bodies. */
export const TicketField = {
  subject: (required: boolean) => TrimmedText(SUBJECT_MAX, 'Cannot reset my password', required),
  description: () =>
    applyDecorators(ApiPropertyOptional({ maxLength: MAX_DESCRIPTION }), IsString(), MaxLength(MAX_DESCRIPTION)),
  status: () => applyDecorators(ApiPropertyOptional({ enum: TICKET_STATUSES }), IsIn(TICKET_STATUSES)),
  priority: () => applyDecorators(ApiPropertyOptional({ enum: TICKET_PRIORITIES }), IsIn(TICKET_PRIORITIES)),
  requesterEmail: () =>
    applyDecorators(
      ApiPropertyOptional({
        example: 'customer@example.com',
        nullable: true,
        type: String,
        format: 'email',
        maxLength: EMAIL_MAX_LENGTH,
      }),
      TrimLowercase(),
      IsEmail(),
      MaxLength(EMAIL_MAX_LENGTH),
    ),
  assigneeId: () =>
    applyDecorators(ApiPropertyOptional({ format: 'uuid', maxLength: 36, nullable: true, type: String }), IsUUID()),
  tags: () =>
    applyDecorators(
      ApiPropertyOptional({
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: TAG_MAX },
        description: 'Letters, digits and _ . : - only; compared case-insensitively',
        maxItems: MAX_TAGS,
        example: ['billing', 'vip'],
      }),
      Transform(normaliseTags),
      IsArray(),
      ArrayMaxSize(MAX_TAGS),
      IsString({ each: true }),
      Length(1, TAG_MAX, { each: true }),
      Matches(TAG_PATTERN, { each: true, message: 'each tag is letters, digits and _ . : - only' }),
    ),
};
