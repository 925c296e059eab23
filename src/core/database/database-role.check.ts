import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface RoleFacts {
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  owns_tables: boolean;
}

/**
 * Refuses to start when the database role could step around row-level security: a superuser,
 * a BYPASSRLS role, or the owner of the tables (an owner can drop a policy or turn RLS off).
 * The application connects with DML grants only; the owner runs the migrations.
 */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const [role] = await this.dataSource.query<RoleFacts[]>(
      `SELECT rolname, rolsuper, rolbypassrls,
              EXISTS (SELECT 1 FROM pg_tables t
                      WHERE t.schemaname = current_schema() AND pg_has_role(current_user, t.tableowner, 'MEMBER'))
                AS owns_tables
       FROM pg_roles WHERE rolname = current_user`,
    );
    if (role.rolsuper || role.rolbypassrls) {
      throw new Error(
        `Database role "${role.rolname}" is a superuser or has BYPASSRLS, so row-level security would not apply. ` +
          'Connect as a role without them (see README, "Database").',
      );
    }
    if (role.owns_tables) {
      throw new Error(
        `Database role "${role.rolname}" owns tables, so it could turn row-level security off. ` +
          'Connect as the application role, with DML grants only; only migrations run as the owner (see README, "Database").',
      );
    }
  }
}
