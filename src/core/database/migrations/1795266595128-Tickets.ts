import { CREATED_AT, ID, ORGANIZATION_ID, SchemaStepsMigration, UPDATED_AT, foreignKey, generated, index, organizationForeignKey, step, table, tenantPolicy } from "../schema-steps";

export class Tickets1795266595128 extends SchemaStepsMigration {
    name = 'Tickets1795266595128'

    protected steps = [
        // TypeORM's record of the generated column, which its schema diff reads.
        step(
            {
                sql: generated(
                    'INSERT INTO "typeorm_metadata"(',
                    '        "database",',
                    '        "schema",',
                    '        "table",',
                    '        "type",',
                    '        "name",',
                    '        "value"',
                    '    )',
                    'VALUES ($1, $2, $3, $4, $5, $6)',
                ),
                parameters: ["deskbase", "public", "tickets", "GENERATED_COLUMN", "search_vector", `to_tsvector('english', "subject" || ' ' || "description")`],
            },
            {
                sql: generated(
                    'DELETE FROM "typeorm_metadata"',
                    'WHERE "type" = $1',
                    '    AND "name" = $2',
                    '    AND "database" = $3',
                    '    AND "schema" = $4',
                    '    AND "table" = $5',
                ),
                parameters: ["GENERATED_COLUMN", "search_vector", "deskbase", "public", "tickets"],
            },
        ),
        table("tickets", [
            ID, CREATED_AT, UPDATED_AT, ORGANIZATION_ID,
            '"number" integer NOT NULL',
            '"subject" character varying(200) NOT NULL',
            `"description" text NOT NULL DEFAULT ''`,
            `"search_vector" tsvector GENERATED ALWAYS AS (
                    to_tsvector('english', "subject" || ' ' || "description")
                ) STORED NOT NULL`,
            `"status" character varying(16) NOT NULL DEFAULT 'open'`,
            `"priority" character varying(16) NOT NULL DEFAULT 'normal'`,
            '"requester_email" character varying(254)',
            '"assignee_id" uuid',
            `"tags" text array NOT NULL DEFAULT '{}'`,
            '"created_by" uuid NOT NULL',
            `"version" integer NOT NULL DEFAULT '1'`,
            '"resolved_at" TIMESTAMP WITH TIME ZONE',
            '"closed_at" TIMESTAMP WITH TIME ZONE',
        ], "PK_343bc942ae261cf7a1377f48fd0"),
        index("IDX_d46e867b412215447a6c2d5f43", "tickets", ["organization_id", "assignee_id"]),
        index("IDX_97d85aaf7f32c732a1855069c1", "tickets", ["organization_id", "status", "created_at"]),
        index("IDX_b2cf35fcc53438ae7323771849", "tickets", ["organization_id", "updated_at", "id"]),
        index("IDX_0d1adc1585b02716dba6248761", "tickets", ["organization_id", "created_at", "id"]),
        index("IDX_a56096470810b4e5d15f707535", "tickets", ["organization_id", "number"], "UNIQUE INDEX"),
        table("ticket_comments", [
            ID, CREATED_AT, ORGANIZATION_ID,
            '"ticket_id" uuid NOT NULL',
            '"author_id" uuid NOT NULL',
            '"body" text NOT NULL',
            '"internal" boolean NOT NULL DEFAULT false',
        ], "PK_811ed3b81dd8df6b9a92058d89c"),
        index("IDX_22baabb9dc523ca7af9cf7764a", "ticket_comments", ["organization_id", "ticket_id", "created_at"]),
        table("ticket_counters", [
            ORGANIZATION_ID,
            '"last_number" integer NOT NULL',
        ], "PK_d323ecdc5424c6a32b5f8245adb", ["organization_id"]),
        organizationForeignKey("tickets", "FK_613ef43a793c628ad7b22981f33"),
        foreignKey("tickets", "FK_dff6e2b44c9b5e177114588772f", "assignee_id", "users", "SET NULL"),
        organizationForeignKey("ticket_comments", "FK_21f9402d206aff89ce08871fc72"),
        foreignKey("ticket_comments", "FK_4ee48e3e18e7c3ac35152a9fb7b", "ticket_id", "tickets"),
        organizationForeignKey("ticket_counters", "FK_d323ecdc5424c6a32b5f8245adb"),
        // Hand-written: TypeORM cannot describe GIN indexes. btree_gin lets them lead with
        // organization_id, like every index serving a tenant query.
        step(`CREATE EXTENSION IF NOT EXISTS btree_gin`),
        step(
            `CREATE INDEX "IDX_tickets_search" ON "tickets" USING gin ("organization_id", "search_vector")`,
            `DROP INDEX "public"."IDX_tickets_search"`,
        ),
        step(
            `CREATE INDEX "IDX_tickets_tags" ON "tickets" USING gin ("organization_id", "tags")`,
            `DROP INDEX "public"."IDX_tickets_tags"`,
        ),
        tenantPolicy(["tickets", "ticket_comments", "ticket_counters"]),
    ];
}
