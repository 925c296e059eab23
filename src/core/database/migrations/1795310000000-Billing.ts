import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";

const TENANT_TABLES = ["billing_accounts", "billing_usage"];

export class Billing1795310000000 implements MigrationInterface {
    name = 'Billing1795310000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "billing_accounts" (
                "organization_id" uuid NOT NULL,
                "plan" character varying(16),
                "status" character varying(16),
                "stripe_customer_id" character varying(255),
                "stripe_subscription_id" character varying(255),
                "current_period_start" TIMESTAMP WITH TIME ZONE,
                "current_period_end" TIMESTAMP WITH TIME ZONE,
                "cancel_at_period_end" boolean NOT NULL DEFAULT false,
                "past_due_since" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_37652fe61ad644916376a55f458" PRIMARY KEY ("organization_id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_d342d08aa2b03a5a37881db7c6" ON "billing_accounts" ("stripe_customer_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "billing_usage" (
                "organization_id" uuid NOT NULL,
                "entitlement" character varying(32) NOT NULL,
                "period_start" date NOT NULL,
                "used" bigint NOT NULL,
                CONSTRAINT "PK_d6b02d960d3d82ad21ef199c637" PRIMARY KEY ("organization_id", "entitlement", "period_start")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "billing_events" (
                "id" character varying(255) NOT NULL,
                "type" character varying(100) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "payload" jsonb NOT NULL,
                "processed_at" TIMESTAMP WITH TIME ZONE,
                "outcome" character varying(16),
                "failures" integer NOT NULL DEFAULT '0',
                "last_error" character varying(64),
                CONSTRAINT "PK_9a4a4a1b1f55bbc868f6a76a597" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "billing_accounts"
            ADD CONSTRAINT "FK_37652fe61ad644916376a55f458" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "billing_usage"
            ADD CONSTRAINT "FK_8f158351fc52b0d76908205ed8f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        for (const table of TENANT_TABLES) await enableRowLevelSecurity(queryRunner, table);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TENANT_TABLES) await disableRowLevelSecurity(queryRunner, table);
        await queryRunner.query(`
            ALTER TABLE "billing_usage" DROP CONSTRAINT "FK_8f158351fc52b0d76908205ed8f"
        `);
        await queryRunner.query(`
            ALTER TABLE "billing_accounts" DROP CONSTRAINT "FK_37652fe61ad644916376a55f458"
        `);
        await queryRunner.query(`
            DROP TABLE "billing_events"
        `);
        await queryRunner.query(`
            DROP TABLE "billing_usage"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d342d08aa2b03a5a37881db7c6"
        `);
        await queryRunner.query(`
            DROP TABLE "billing_accounts"
        `);
    }

}
