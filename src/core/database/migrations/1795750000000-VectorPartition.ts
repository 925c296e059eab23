import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";

/** The coarse partition of the vectors (issue 14): tenant tables under the same policy as the chunks. */
const TENANT_TABLES = ["embedding_partitions", "embedding_centroids"];

export class VectorPartition1795750000000 implements MigrationInterface {
    name = 'VectorPartition1795750000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "embedding_partitions" ("organization_id" uuid NOT NULL, "model" character varying(200) NOT NULL, "dimensions" integer NOT NULL, "lists" integer NOT NULL, "trained_on" integer NOT NULL, "generation" integer NOT NULL, "trained_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_25ad7499959be81f3dfbfdd467a" PRIMARY KEY ("organization_id", "model", "dimensions"))`);
        await queryRunner.query(`CREATE TABLE "embedding_centroids" ("organization_id" uuid NOT NULL, "model" character varying(200) NOT NULL, "dimensions" integer NOT NULL, "list" integer NOT NULL, "vector" bytea NOT NULL, CONSTRAINT "PK_48ab6a7cbb8b2a9911185cfbe23" PRIMARY KEY ("organization_id", "model", "dimensions", "list"))`);
        await queryRunner.query(`ALTER TABLE "embedding_partitions" ADD CONSTRAINT "FK_8f806888bb4ec6625d221dcb7ed" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "embedding_centroids" ADD CONSTRAINT "FK_9e1be04b37ff28c531e18595830" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" ADD "list" integer`);
        // A probe reads the index entries of its lists only (chunk_id and bits included, as before);
        // with no list condition the same index serves the full scan. Declared with synchronize: false.
        await queryRunner.query(`CREATE INDEX "IDX_chunk_embeddings_lists" ON "chunk_embeddings" ("organization_id", "model", "dimensions", "list") INCLUDE ("chunk_id", "bits")`);
        await queryRunner.query(`DROP INDEX "public"."IDX_chunk_embeddings_search"`);
        // A probe reads index entries only where the visibility map says their pages are all-visible,
        // and the heap for every other row: vacuum after 2% of the rows changed (a training rewrites them all), not 20%.
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02)`);
        for (const table of TENANT_TABLES) await enableRowLevelSecurity(queryRunner, table);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TENANT_TABLES) await disableRowLevelSecurity(queryRunner, table);
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor)`);
        await queryRunner.query(`CREATE INDEX "IDX_chunk_embeddings_search" ON "chunk_embeddings" ("organization_id", "model", "dimensions") INCLUDE ("chunk_id", "bits")`);
        await queryRunner.query(`DROP INDEX "public"."IDX_chunk_embeddings_lists"`);
        await queryRunner.query(`ALTER TABLE "chunk_embeddings" DROP COLUMN "list"`);
        await queryRunner.query(`ALTER TABLE "embedding_centroids" DROP CONSTRAINT "FK_9e1be04b37ff28c531e18595830"`);
        await queryRunner.query(`ALTER TABLE "embedding_partitions" DROP CONSTRAINT "FK_8f806888bb4ec6625d221dcb7ed"`);
        await queryRunner.query(`DROP TABLE "embedding_centroids"`);
        await queryRunner.query(`DROP TABLE "embedding_partitions"`);
    }

}
