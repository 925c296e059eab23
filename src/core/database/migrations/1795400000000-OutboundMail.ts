import { MigrationInterface, QueryRunner } from "typeorm";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../row-level-security";

export class OutboundMail1795400000000 implements MigrationInterface {
    name = 'OutboundMail1795400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "outbound_emails" (
                "id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "organization_id" uuid NOT NULL,
                "recipient" character varying(254) NOT NULL,
                "template" character varying(40) NOT NULL,
                "params" jsonb NOT NULL DEFAULT '{}',
                "sealed_token" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_d07cd54ab4e5dd921ff509203ae" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2df85ed3275e758d2a73c9a11f" ON "outbound_emails" ("organization_id", "created_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "outbound_emails"
            ADD CONSTRAINT "FK_a377ae430ad7dd323428707256c" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await enableRowLevelSecurity(queryRunner, "outbound_emails");
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await disableRowLevelSecurity(queryRunner, "outbound_emails");
        await queryRunner.query(`DROP TABLE "outbound_emails"`);
    }
}
