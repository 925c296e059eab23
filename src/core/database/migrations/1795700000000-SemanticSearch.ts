import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";

/** Chunk vectors and embedding token counters: tenant tables under the same policy as the chunks. */
const TENANT_TABLES = ["chunk_embeddings", "embedding_usage"];

export class SemanticSearch1795700000000 implements MigrationInterface {
    name = 'SemanticSearch1795700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "chunk_embeddings" ("chunk_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "document_id" uuid NOT NULL, "model" character varying(200) NOT NULL, "dimensions" integer NOT NULL, "text_hash" character(64) NOT NULL, "bits" bit varying NOT NULL, "vector" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_89eb4842eec02ea7bac89890ceb" PRIMARY KEY ("chunk_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_f2c203e9f281db0e8916046234" ON "chunk_embeddings" ("organization_id", "document_id")`);
        // Full vectors are read for a few candidates only: out of line, uncompressed (floats do not compress).
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" ALTER COLUMN "vector" SET STORAGE EXTERNAL`);
        // The candidate scan reads this index only (chunk_id and bits included): declared with synchronize: false.
        await queryRunner.query(`CREATE INDEX "IDX_chunk_embeddings_search" ON "chunk_embeddings" ("organization_id", "model", "dimensions") INCLUDE ("chunk_id", "bits")`);
        await queryRunner.query(`CREATE TABLE "embedding_usage" ("organization_id" uuid NOT NULL, "period" date NOT NULL, "model" character varying(200) NOT NULL, "tokens" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c7adfc3d0ee90a4828c325204d3" PRIMARY KEY ("organization_id", "period", "model"))`);
        await queryRunner.query(`ALTER TABLE "documents" ADD "embedding_status" character varying(16)`);
        await queryRunner.query(`ALTER TABLE "documents" ADD "embedded_chunk_count" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "documents" ADD "embedding_error_code" character varying(32)`);
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" ADD CONSTRAINT "FK_89eb4842eec02ea7bac89890ceb" FOREIGN KEY ("chunk_id") REFERENCES "document_chunks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" ADD CONSTRAINT "FK_2cc31b73e081339b77a2203523d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "embedding_usage" ADD CONSTRAINT "FK_6436b32a3e042704e90cde06ffa" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        for (const table of TENANT_TABLES) await enableRowLevelSecurity(queryRunner, table);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TENANT_TABLES) await disableRowLevelSecurity(queryRunner, table);
        await queryRunner.query(`ALTER TABLE "embedding_usage" DROP CONSTRAINT "FK_6436b32a3e042704e90cde06ffa"`);
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" DROP CONSTRAINT "FK_2cc31b73e081339b77a2203523d"`);
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" DROP CONSTRAINT "FK_89eb4842eec02ea7bac89890ceb"`);
        await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "embedding_error_code"`);
        await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "embedded_chunk_count"`);
        await queryRunner.query(`ALTER TABLE "documents" DROP COLUMN "embedding_status"`);
        await queryRunner.query(`DROP TABLE "embedding_usage"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_chunk_embeddings_search"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f2c203e9f281db0e8916046234"`);
        await queryRunner.query(`DROP TABLE "chunk_embeddings"`);
    }

}
