import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";

/** Tables written by the knowledge base, all under the tenant row-level security policy. */
const TENANT_TABLES = ["documents", "document_contents", "document_chunks"];

export class Knowledge1795265074354 implements MigrationInterface {
    name = 'Knowledge1795265074354'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Trusted extensions: the database owner (the application role) may create them.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
        await queryRunner.query(`
            CREATE TABLE "documents" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "title" character varying(300) NOT NULL,
                "filename" character varying(255),
                "format" character varying(16) NOT NULL,
                "size_bytes" integer NOT NULL,
                "sha256" character(64) NOT NULL,
                "status" character varying(16) NOT NULL DEFAULT 'queued',
                "progress" smallint NOT NULL DEFAULT '0',
                "error_code" character varying(32),
                "error_message" character varying(300),
                "attempts" integer NOT NULL DEFAULT '0',
                "chunk_count" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL DEFAULT '1',
                "created_by" uuid NOT NULL,
                "indexed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_8988028ecc714facac8ebd6836" ON "documents" ("organization_id", "status", "updated_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_50f2edda52e36b5ea8406f401e" ON "documents" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_c4cb81dde774deba1db4a55f02" ON "documents" ("organization_id", "sha256")
        `);
        await queryRunner.query(`
            CREATE TABLE "document_chunks" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "document_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "position" integer NOT NULL,
                "heading_path" text array NOT NULL,
                "text" text NOT NULL,
                "start_offset" integer NOT NULL,
                "end_offset" integer NOT NULL,
                "search_vector" tsvector NOT NULL,
                CONSTRAINT "PK_7f9060084e9b872dbb567193978" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7969960bb8cb2e415c13808456" ON "document_chunks" ("organization_id", "document_id", "position")
        `);
        await queryRunner.query(`
            CREATE TABLE "document_contents" (
                "document_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "bytes" bytea NOT NULL,
                CONSTRAINT "PK_dfc809fb593cb08f0e97825a630" PRIMARY KEY ("document_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5bbd23c7056a11aeda6aed459d" ON "document_contents" ("organization_id", "document_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "documents"
            ADD CONSTRAINT "FK_69427761f37533ae7767601a64b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_chunks"
            ADD CONSTRAINT "FK_d4f7a541a21241f41b9cbf58167" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_chunks"
            ADD CONSTRAINT "FK_b371ff8bc1e4f65fc3d01420be5" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_contents"
            ADD CONSTRAINT "FK_dfc809fb593cb08f0e97825a630" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "document_contents"
            ADD CONSTRAINT "FK_74154222ab2acc14715e55457a3" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        // Declared in the entities with synchronize: false (TypeORM cannot express these operator classes).
        await queryRunner.query(`
            CREATE INDEX "IDX_documents_title_trgm" ON "documents" USING gin ("organization_id", "title" gin_trgm_ops)
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_document_chunks_search" ON "document_chunks" USING gin ("organization_id", "search_vector")
        `);
        for (const table of TENANT_TABLES) await enableRowLevelSecurity(queryRunner, table);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TENANT_TABLES) await disableRowLevelSecurity(queryRunner, table);
        await queryRunner.query(`DROP INDEX "public"."IDX_document_chunks_search"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_documents_title_trgm"`);
        await queryRunner.query(`
            ALTER TABLE "document_contents" DROP CONSTRAINT "FK_74154222ab2acc14715e55457a3"
        `);
        await queryRunner.query(`
            ALTER TABLE "document_contents" DROP CONSTRAINT "FK_dfc809fb593cb08f0e97825a630"
        `);
        await queryRunner.query(`
            ALTER TABLE "document_chunks" DROP CONSTRAINT "FK_b371ff8bc1e4f65fc3d01420be5"
        `);
        await queryRunner.query(`
            ALTER TABLE "document_chunks" DROP CONSTRAINT "FK_d4f7a541a21241f41b9cbf58167"
        `);
        await queryRunner.query(`
            ALTER TABLE "documents" DROP CONSTRAINT "FK_69427761f37533ae7767601a64b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5bbd23c7056a11aeda6aed459d"
        `);
        await queryRunner.query(`
            DROP TABLE "document_contents"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7969960bb8cb2e415c13808456"
        `);
        await queryRunner.query(`
            DROP TABLE "document_chunks"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_c4cb81dde774deba1db4a55f02"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_50f2edda52e36b5ea8406f401e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_8988028ecc714facac8ebd6836"
        `);
        await queryRunner.query(`
            DROP TABLE "documents"
        `);
    }

}
