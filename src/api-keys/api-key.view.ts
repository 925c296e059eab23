import { ApiProperty } from '@nestjs/swagger';
import { DELEGABLE_ROLES, type DelegableRole } from '../auth/roles';
import type { ApiKey } from './api-key.entity';

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Zendesk sync' }) name: string;
  @ApiProperty({ enum: DELEGABLE_ROLES }) role: DelegableRole;
  @ApiProperty({ example: 'a1B2c3D4e5F6', description: 'Visible part of the key, to recognise it' }) prefix: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

/** Returned once, at creation: the only time the full key is ever shown. */
export class CreatedApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DELEGABLE_ROLES }) role: DelegableRole;
  @ApiProperty() prefix: string;
  @ApiProperty({ example: 'dsk_a1B2c3D4e5F6_...', description: 'Shown only in this response' }) key: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
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
