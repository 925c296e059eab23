import { Module } from '@nestjs/common';
import { Entitlements } from './entitlements';

/** What the domains that use up a plan (users, documents, keys, the assistant) import to check its limits. */
@Module({ providers: [Entitlements], exports: [Entitlements] })
export class EntitlementsModule {}
