import { ApiProperty } from '@nestjs/swagger';
import { ApiText, ApiTimestamp, ApiUuid } from '../core/http/api-properties';
import { API_KEY_NAME_MAX } from './dto/create-api-key.dto';
import { DELEGABLE_ROLES, type DelegableRole } from '../access/roles';
import type { ApiKey } from './api-key.entity';

const ApiPrefix = () =>
  ApiText(12, { example: 'a1B2c3D4e5F6', description: 'Visible part of the key, to recognise it' });

export class ApiKeyView {
  @ApiUuid() id: string;
  @ApiText(API_KEY_NAME_MAX, { example: 'Zendesk sync' }) name: string;
  @ApiProperty({ enum: DELEGABLE_ROLES }) role: DelegableRole;
  @ApiPrefix() prefix: string;
  @ApiUuid() createdBy: string;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp({ nullable: true }) expiresAt: string | null;
  @ApiTimestamp({ nullable: true }) lastUsedAt: string | null;
  @ApiTimestamp({ nullable: true }) revokedAt: string | null;
}

/** Returned once, at creation: the only time the full key is ever shown. */
export class CreatedApiKeyView {
  @ApiUuid() id: string;
  @ApiText(API_KEY_NAME_MAX, { example: 'Zendesk sync' }) name: string;
  @ApiProperty({ enum: DELEGABLE_ROLES }) role: DelegableRole;
  @ApiPrefix() prefix: string;
  @ApiText(100, {
    pattern: '^dsk_[A-Za-z0-9_-]+$',
    example: 'dsk_a1B2c3D4e5F6_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg',
    description: 'Shown only in this response',
  })
  key: string;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp({ nullable: true }) expiresAt: string | null;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export const toApiKeyView = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  name: key.name,
  role: key.role,
  prefix: key.prefix,
  createdBy: key.createdBy,
  createdAt: key.createdAt.toISOString(),
  expiresAt: iso(key.expiresAt),
  lastUsedAt: iso(key.lastUsedAt),
  revokedAt: iso(key.revokedAt),
});
