import type { QueryRunner } from "typeorm";
import { disableRowLevelSecurity } from "../row-level-security";
import { CREATED_AT, ID, ORGANIZATION_ID, SchemaStepsMigration, index, organizationForeignKey, table, tenantPolicy } from "../schema-steps";

export class OutboundMail1795400000000 extends SchemaStepsMigration {
    name = 'OutboundMail1795400000000'

    protected steps = [
        table("outbound_emails", [
            ID, CREATED_AT, ORGANIZATION_ID,
            '"recipient" character varying(254) NOT NULL',
            '"template" character varying(40) NOT NULL',
            `"params" jsonb NOT NULL DEFAULT '{}'`,
            '"sealed_token" text',
            '"sent_at" TIMESTAMP WITH TIME ZONE',
        ], "PK_d07cd54ab4e5dd921ff509203ae"),
        index("IDX_2df85ed3275e758d2a73c9a11f", "outbound_emails", ["organization_id", "created_at"]),
        organizationForeignKey("outbound_emails", "FK_a377ae430ad7dd323428707256c"),
        tenantPolicy(["outbound_emails"]),
    ];

    // As released: dropping the table takes its index and foreign key with it.
    public override async down(queryRunner: QueryRunner): Promise<void> {
        await disableRowLevelSecurity(queryRunner, "outbound_emails");
        await queryRunner.query(`DROP TABLE "outbound_emails"`);
    }
}
