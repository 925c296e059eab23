import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Refuses to start when the database role bypasses row-level security (superuser or
 * BYPASSRLS): tenant isolation would silently be off.
 */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const [role] = await this.dataSource.query<Array<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>>(
      'SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    if (role.rolsuper || role.rolbypassrls) {
      throw new Error(
        `Database role "${role.rolname}" is a superuser or has BYPASSRLS, so row-level security would not apply. ` +
          'Connect as a role without them (see README, "Database").',
      );
    }
  }
}
