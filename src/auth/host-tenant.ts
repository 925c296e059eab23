import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../core/config/app-config';
import { PreTenantLookups } from './pre-tenant-lookups';

/** Stands for "a subdomain that names no organization": no user or key belongs to it. */
export const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/**
 * `acme-1f2e3d` for `acme-1f2e3d.deskbase.example.com` under base `deskbase.example.com`; null
 * for the base itself, for any host outside it, and for deeper subdomains.
 */
export function slugFromHost(hostname: string, baseDomain: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '').replace(/:\d+$/, '');
  const base = baseDomain.toLowerCase().replace(/^\.|\.$/g, '');
  if (!host.endsWith(`.${base}`)) return null;
  const label = host.slice(0, -(base.length + 1));
  return /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/.test(label) ? label : null;
}

export interface HostScoped {
  /** The organization the request's host names; undefined when the host names none. */
  hostOrganizationId?: string;
}

/**
 * The tenant a request's host names, when TENANT_BASE_DOMAIN is set: `<slug>.<base>` belongs to
 * that organization. A pre-tenant look-up by slug (PreTenantLookups), like login's by email. Unset: always none.
 */
@Injectable()
export class HostTenant {
  constructor(
    private readonly config: AppConfig,
    private readonly lookups: PreTenantLookups,
  ) {}

  /** Whether hosts name tenants at all (TENANT_BASE_DOMAIN is set); without it `of` is always undefined. */
  get enabled(): boolean {
    return !!this.config.TENANT_BASE_DOMAIN;
  }

  /** The organization id, NO_ORGANIZATION for an unknown slug, undefined when the host names no tenant. */
  async of(request: FastifyRequest): Promise<string | undefined> {
    const base = this.config.TENANT_BASE_DOMAIN;
    const slug = base ? slugFromHost(request.hostname, base) : null;
    if (!slug) return undefined;
    return (await this.lookups.organizationBySlug(slug)) ?? NO_ORGANIZATION;
  }
}
