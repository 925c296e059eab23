import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenService } from './access-token.service';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { HostTenant } from './host-tenant';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { PasswordController } from './password.controller';
import { PasswordService } from './password.service';
import { PreTenantLookups } from './pre-tenant-lookups';
import { SessionService } from './session.service';
import { SignupService } from './signup.service';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { TwoFactorService } from './two-factor/two-factor.service';
import { UserSessions } from '../users/user-sessions';

/** Who is calling: sessions, tokens, API key checks, and the global guard that closes every route. */
@Module({
  controllers: [AuthController, PasswordController, TwoFactorController],
  providers: [
    AccessTokenService,
    ApiKeyAuthenticator,
    AuthService,
    HostTenant,
    LoginThrottle,
    PasswordHasher,
    PasswordService,
    PreTenantLookups,
    SessionService,
    SignupService,
    TwoFactorService,
    { provide: UserSessions, useExisting: SessionService },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PasswordHasher, PreTenantLookups, SessionService, UserSessions, AuthService, SignupService, LoginThrottle],
})
export class AuthModule {}
