import { MigrationInterface, QueryRunner } from "typeorm";

export class Identity1795264148797 implements MigrationInterface {
    name = 'Identity1795264148797'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "organizations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(120) NOT NULL,
                "slug" character varying(80) NOT NULL,
                CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_963693341bd612aa01ddf3a4b6" ON "organizations" ("slug")
        `);
        await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "role" character varying(16) NOT NULL,
                "prefix" character varying(16) NOT NULL,
                "secret_hash" character(64) NOT NULL,
                "created_by" uuid NOT NULL,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_6f6105c8efe05b310d046cbdb3" ON "api_keys" ("prefix")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_323a31abf1de12c7bb2d74412c" ON "api_keys" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "email" character varying(254) NOT NULL,
                "name" character varying(120) NOT NULL,
                "password_hash" character varying(255) NOT NULL,
                "role" character varying(16) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'active',
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ba0a85d30ee72ea43efbaaebf4" ON "users" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "refresh_sessions" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "replaced_by_id" uuid,
                CONSTRAINT "PK_9190032f6967b7971dca07d69f3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d76f5941d821678137ef15d965" ON "refresh_sessions" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a7ab4fd82c654c85b9de53d971" ON "refresh_sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_f22ad614014a610b9851827b84" ON "refresh_sessions" ("family_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "email" character varying(254) NOT NULL,
                "role" character varying(16) NOT NULL,
                "token_hash" character(64) NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "invited_by" uuid NOT NULL,
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_872ac94a64b3d44fc4b554780c" ON "invitations" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_invitations_pending_email" ON "invitations" ("organization_id", "email")
            WHERE "accepted_at" IS NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d0f38b0332971fcc13b42cd175" ON "invitations" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_a283bdef18876e525aefaec042f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_sessions"
            ADD CONSTRAINT "FK_745125ae8132f5f55832871402f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_sessions"
            ADD CONSTRAINT "FK_a7ab4fd82c654c85b9de53d971a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "invitations"
            ADD CONSTRAINT "FK_42d1dbb4d85dc3643fdc6560af0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "invitations" DROP CONSTRAINT "FK_42d1dbb4d85dc3643fdc6560af0"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_sessions" DROP CONSTRAINT "FK_a7ab4fd82c654c85b9de53d971a"
        `);
        await queryRunner.query(`
            ALTER TABLE "refresh_sessions" DROP CONSTRAINT "FK_745125ae8132f5f55832871402f"
        `);
        await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a283bdef18876e525aefaec042f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d0f38b0332971fcc13b42cd175"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."UQ_invitations_pending_email"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_872ac94a64b3d44fc4b554780c"
        `);
        await queryRunner.query(`
            DROP TABLE "invitations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_f22ad614014a610b9851827b84"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a7ab4fd82c654c85b9de53d971"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d76f5941d821678137ef15d965"
        `);
        await queryRunner.query(`
            DROP TABLE "refresh_sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ba0a85d30ee72ea43efbaaebf4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_97672ac88f789774dd47f7c8be"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_323a31abf1de12c7bb2d74412c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6f6105c8efe05b310d046cbdb3"
        `);
        await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_963693341bd612aa01ddf3a4b6"
        `);
        await queryRunner.query(`
            DROP TABLE "organizations"
        `);
    }

}
