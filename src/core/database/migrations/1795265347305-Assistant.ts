import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";

const TENANT_TABLES = ["agents", "conversations", "messages"];

export class Assistant1795265347305 implements MigrationInterface {
    name = 'Assistant1795265347305'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "agents" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "name" character varying(100) NOT NULL,
                "system_prompt" text NOT NULL,
                "provider" character varying(16),
                "model" character varying(100),
                "temperature" real NOT NULL,
                "max_answer_tokens" integer NOT NULL,
                "passage_count" integer NOT NULL,
                CONSTRAINT "PK_9c653f28ae19c5884d5baf6a1d9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_b8c0b0f01b471e797f309ab13c" ON "agents" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_467285ce5809d90514d004493f" ON "agents" ("organization_id", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "conversations" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "agent_id" uuid,
                "created_by" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d03372c0474a9c5237a8ed4bc7" ON "conversations" ("organization_id", "created_by", "updated_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_40931f5dc70151418ada7feea9" ON "conversations" ("organization_id", "updated_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "messages" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "conversation_id" uuid NOT NULL,
                "role" character varying(16) NOT NULL,
                "content" text NOT NULL,
                "citations" jsonb NOT NULL DEFAULT '[]',
                "finish_reason" character varying(16),
                "input_tokens" integer,
                "output_tokens" integer,
                CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6b013e994dcca299e876bd0f6e" ON "messages" (
                "organization_id",
                "conversation_id",
                "created_at"
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "agents"
            ADD CONSTRAINT "FK_28ac537f8c7bc3c96f7d1753ec4" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conversations"
            ADD CONSTRAINT "FK_87d9df8c99fb824a39c681ec332" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conversations"
            ADD CONSTRAINT "FK_9f32ead8384a1a92e073a7c006a" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "messages"
            ADD CONSTRAINT "FK_f1c6874ea159caa5b964731e216" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "messages"
            ADD CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        for (const table of TENANT_TABLES) await enableRowLevelSecurity(queryRunner, table);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TENANT_TABLES) await disableRowLevelSecurity(queryRunner, table);
        await queryRunner.query(`
            ALTER TABLE "messages" DROP CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23"
        `);
        await queryRunner.query(`
            ALTER TABLE "messages" DROP CONSTRAINT "FK_f1c6874ea159caa5b964731e216"
        `);
        await queryRunner.query(`
            ALTER TABLE "conversations" DROP CONSTRAINT "FK_9f32ead8384a1a92e073a7c006a"
        `);
        await queryRunner.query(`
            ALTER TABLE "conversations" DROP CONSTRAINT "FK_87d9df8c99fb824a39c681ec332"
        `);
        await queryRunner.query(`
            ALTER TABLE "agents" DROP CONSTRAINT "FK_28ac537f8c7bc3c96f7d1753ec4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6b013e994dcca299e876bd0f6e"
        `);
        await queryRunner.query(`
            DROP TABLE "messages"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_40931f5dc70151418ada7feea9"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d03372c0474a9c5237a8ed4bc7"
        `);
        await queryRunner.query(`
            DROP TABLE "conversations"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_467285ce5809d90514d004493f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_b8c0b0f01b471e797f309ab13c"
        `);
        await queryRunner.query(`
            DROP TABLE "agents"
        `);
    }

}
