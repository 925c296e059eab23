import { CREATED_AT, ID, ORGANIZATION_ID, SchemaStepsMigration, UPDATED_AT, foreignKey, generated, index, organizationForeignKey, step, table, tenantPolicy } from "../schema-steps";

export class Knowledge1795265074354 extends SchemaStepsMigration {
    name = 'Knowledge1795265074354'

    protected steps = [
        // Trusted extensions, kept when the migration is undone.
        step(`CREATE EXTENSION IF NOT EXISTS pg_trgm`),
        step(`CREATE EXTENSION IF NOT EXISTS btree_gin`),
        table("documents", [
            ID, CREATED_AT, UPDATED_AT, ORGANIZATION_ID,
            '"title" character varying(300) NOT NULL',
            '"filename" character varying(255)',
            '"format" character varying(16) NOT NULL',
            '"size_bytes" integer NOT NULL',
            '"sha256" character(64) NOT NULL',
            `"status" character varying(16) NOT NULL DEFAULT 'queued'`,
            `"progress" smallint NOT NULL DEFAULT '0'`,
            '"error_code" character varying(32)',
            '"error_message" character varying(300)',
            `"attempts" integer NOT NULL DEFAULT '0'`,
            `"chunk_count" integer NOT NULL DEFAULT '0'`,
            `"version" integer NOT NULL DEFAULT '1'`,
            '"created_by" uuid NOT NULL',
            '"indexed_at" TIMESTAMP WITH TIME ZONE',
        ], "PK_ac51aa5181ee2036f5ca482857c"),
        index("IDX_8988028ecc714facac8ebd6836", "documents", ["organization_id", "status", "updated_at"]),
        index("IDX_50f2edda52e36b5ea8406f401e", "documents", ["organization_id", "created_at"]),
        index("IDX_c4cb81dde774deba1db4a55f02", "documents", ["organization_id", "sha256"], "UNIQUE INDEX"),
        table("document_chunks", [
            ID, CREATED_AT, ORGANIZATION_ID,
            '"document_id" uuid NOT NULL',
            '"version" integer NOT NULL',
            '"position" integer NOT NULL',
            '"heading_path" text array NOT NULL',
            '"text" text NOT NULL',
            '"start_offset" integer NOT NULL',
            '"end_offset" integer NOT NULL',
            '"search_vector" tsvector NOT NULL',
        ], "PK_7f9060084e9b872dbb567193978"),
        index("IDX_7969960bb8cb2e415c13808456", "document_chunks", ["organization_id", "document_id", "position"]),
        table("document_contents", [
            '"document_id" uuid NOT NULL',
            ORGANIZATION_ID,
            '"bytes" bytea NOT NULL',
        ], "PK_dfc809fb593cb08f0e97825a630", ["document_id"]),
        index("IDX_5bbd23c7056a11aeda6aed459d", "document_contents", ["organization_id", "document_id"]),
        organizationForeignKey("documents", "FK_69427761f37533ae7767601a64b"),
        organizationForeignKey("document_chunks", "FK_d4f7a541a21241f41b9cbf58167"),
        foreignKey("document_chunks", "FK_b371ff8bc1e4f65fc3d01420be5", "document_id", "documents"),
        foreignKey("document_contents", "FK_dfc809fb593cb08f0e97825a630", "document_id", "documents"),
        organizationForeignKey("document_contents", "FK_74154222ab2acc14715e55457a3"),
        // Declared in the entities with synchronize: false (TypeORM cannot express these operator classes).
        step(
            generated('CREATE INDEX "IDX_documents_title_trgm" ON "documents" USING gin ("organization_id", "title" gin_trgm_ops)'),
            `DROP INDEX "public"."IDX_documents_title_trgm"`,
        ),
        step(
            generated('CREATE INDEX "IDX_document_chunks_search" ON "document_chunks" USING gin ("organization_id", "search_vector")'),
            `DROP INDEX "public"."IDX_document_chunks_search"`,
        ),
        tenantPolicy(["documents", "document_contents", "document_chunks"]),
    ];
}
