import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { PreTenantLookups } from './pre-tenant-lookups';
import { SessionService } from './session.service';

/** Who is calling: sessions, tokens, API key checks, and the global guard that closes every route. */
@Module({
  controllers: [AuthController],
  providers: [
    AccessTokenService,
    ApiKeyAuthenticator,
    AuthService,
    PasswordHasher,
    PreTenantLookups,
    SessionService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PasswordHasher, PreTenantLookups, SessionService, AuthService],
})
export class AuthModule {}
