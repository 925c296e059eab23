import { SchemaStepsMigration, column } from "../schema-steps";

export class PasswordReset1795400000100 extends SchemaStepsMigration {
    name = 'PasswordReset1795400000100'

    protected steps = [
        column("users", '"password_reset_hash" character(64)'),
        column("users", '"password_reset_expires_at" TIMESTAMP WITH TIME ZONE'),
    ];
}
