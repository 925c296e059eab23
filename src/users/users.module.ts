import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { EntitlementsModule } from '../plans/entitlements.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

export interface UsersModuleOptions {
  /** A module exporting UserSessions (the port this folder declares): auth, bound in AppModule. */
  sessions: Type;
}

@Module({})
export class UsersModule {
  static forRoot(options: UsersModuleOptions): DynamicModule {
    return {
      module: UsersModule,
      imports: [options.sessions, EntitlementsModule],
      controllers: [UsersController],
      providers: [UsersService],
    };
  }
}
