import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";

const TENANT_TABLES = ["tickets", "ticket_comments", "ticket_counters"];

export class Tickets1795266595128 implements MigrationInterface {
    name = 'Tickets1795266595128'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            INSERT INTO "typeorm_metadata"(
                    "database",
                    "schema",
                    "table",
                    "type",
                    "name",
                    "value"
                )
            VALUES ($1, $2, $3, $4, $5, $6)
        `, ["deskbase","public","tickets","GENERATED_COLUMN","search_vector","to_tsvector('english', \"subject\" || ' ' || \"description\")"]);
        await queryRunner.query(`
            CREATE TABLE "tickets" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "subject" character varying(200) NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "search_vector" tsvector GENERATED ALWAYS AS (
                    to_tsvector('english', "subject" || ' ' || "description")
                ) STORED NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'open',
                "priority" character varying(16) NOT NULL DEFAULT 'normal',
                "requester_email" character varying(254),
                "assignee_id" uuid,
                "tags" text array NOT NULL DEFAULT '{}',
                "created_by" uuid NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d46e867b412215447a6c2d5f43" ON "tickets" ("organization_id", "assignee_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_97d85aaf7f32c732a1855069c1" ON "tickets" ("organization_id", "status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b2cf35fcc53438ae7323771849" ON "tickets" ("organization_id", "updated_at", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0d1adc1585b02716dba6248761" ON "tickets" ("organization_id", "created_at", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a56096470810b4e5d15f707535" ON "tickets" ("organization_id", "number")
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_comments" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "ticket_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "body" text NOT NULL,
                "internal" boolean NOT NULL DEFAULT false,
                CONSTRAINT "PK_811ed3b81dd8df6b9a92058d89c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_22baabb9dc523ca7af9cf7764a" ON "ticket_comments" ("organization_id", "ticket_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_counters" (
                "organization_id" uuid NOT NULL,
                "last_number" integer NOT NULL,
                CONSTRAINT "PK_d323ecdc5424c6a32b5f8245adb" PRIMARY KEY ("organization_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_613ef43a793c628ad7b22981f33" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_dff6e2b44c9b5e177114588772f" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_comments"
            ADD CONSTRAINT "FK_21f9402d206aff89ce08871fc72" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_comments"
            ADD CONSTRAINT "FK_4ee48e3e18e7c3ac35152a9fb7b" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_counters"
            ADD CONSTRAINT "FK_d323ecdc5424c6a32b5f8245adb" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
            // Hand-written: TypeORM cannot describe GIN indexes. btree_gin lets them lead with
        // organization_id, like every index serving a tenant query.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_search" ON "tickets" USING gin ("organization_id", "search_vector")`);
        await queryRunner.query(`CREATE INDEX "IDX_tickets_tags" ON "tickets" USING gin ("organization_id", "tags")`);
        for (const table of TENANT_TABLES) await enableRowLevelSecurity(queryRunner, table);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TENANT_TABLES) await disableRowLevelSecurity(queryRunner, table);
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_tags"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_tickets_search"`);
        await queryRunner.query(`
            ALTER TABLE "ticket_counters" DROP CONSTRAINT "FK_d323ecdc5424c6a32b5f8245adb"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_comments" DROP CONSTRAINT "FK_4ee48e3e18e7c3ac35152a9fb7b"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_comments" DROP CONSTRAINT "FK_21f9402d206aff89ce08871fc72"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_dff6e2b44c9b5e177114588772f"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_613ef43a793c628ad7b22981f33"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_counters"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_22baabb9dc523ca7af9cf7764a"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_comments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a56096470810b4e5d15f707535"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0d1adc1585b02716dba6248761"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b2cf35fcc53438ae7323771849"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_97d85aaf7f32c732a1855069c1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d46e867b412215447a6c2d5f43"
        `);
        await queryRunner.query(`
            DROP TABLE "tickets"
        `);
        await queryRunner.query(`
            DELETE FROM "typeorm_metadata"
            WHERE "type" = $1
                AND "name" = $2
                AND "database" = $3
                AND "schema" = $4
                AND "table" = $5
        `, ["GENERATED_COLUMN","search_vector","deskbase","public","tickets"]);
    }

}
