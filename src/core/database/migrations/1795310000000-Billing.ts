import { CREATED_AT, SchemaStepsMigration, UPDATED_AT, index, organizationForeignKey, table, tenantPolicy } from "../schema-steps";

export class Billing1795310000000 extends SchemaStepsMigration {
    name = 'Billing1795310000000'

    protected steps = [
        table("billing_accounts", [
            '"organization_id" uuid NOT NULL',
            '"plan" character varying(16)',
            '"status" character varying(16)',
            '"stripe_customer_id" character varying(255)',
            '"stripe_subscription_id" character varying(255)',
            '"current_period_start" TIMESTAMP WITH TIME ZONE',
            '"current_period_end" TIMESTAMP WITH TIME ZONE',
            '"cancel_at_period_end" boolean NOT NULL DEFAULT false',
            '"past_due_since" TIMESTAMP WITH TIME ZONE',
            CREATED_AT,
            UPDATED_AT,
        ], "PK_37652fe61ad644916376a55f458", ["organization_id"]),
        index("IDX_d342d08aa2b03a5a37881db7c6", "billing_accounts", ["stripe_customer_id"], "UNIQUE INDEX"),
        table("billing_usage", [
            '"organization_id" uuid NOT NULL',
            '"entitlement" character varying(32) NOT NULL',
            '"period_start" date NOT NULL',
            '"used" bigint NOT NULL',
        ], "PK_d6b02d960d3d82ad21ef199c637", ["organization_id", "entitlement", "period_start"]),
        table("billing_events", [
            '"id" character varying(255) NOT NULL',
            '"type" character varying(100) NOT NULL',
            '"created_at" TIMESTAMP WITH TIME ZONE NOT NULL',
            '"received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()',
            '"payload" jsonb NOT NULL',
            '"processed_at" TIMESTAMP WITH TIME ZONE',
            '"outcome" character varying(16)',
            `"failures" integer NOT NULL DEFAULT '0'`,
            '"last_error" character varying(64)',
        ], "PK_9a4a4a1b1f55bbc868f6a76a597"),
        organizationForeignKey("billing_accounts", "FK_37652fe61ad644916376a55f458"),
        organizationForeignKey("billing_usage", "FK_8f158351fc52b0d76908205ed8f"),
        tenantPolicy(["billing_accounts", "billing_usage"]),
    ];
}
