import { SchemaStepsMigration, column } from "../schema-steps";

export class TwoFactor1795400000200 extends SchemaStepsMigration {
    name = 'TwoFactor1795400000200'

    protected steps = [
        column("organizations", '"require_two_factor" boolean NOT NULL DEFAULT false'),
        column("users", '"two_factor_secret" text'),
        column("users", '"two_factor_enabled_at" TIMESTAMP WITH TIME ZONE'),
        column("users", '"two_factor_last_step" bigint'),
        column("users", `"two_factor_recovery_hashes" text array NOT NULL DEFAULT '{}'`),
    ];
}
