import { SchemaStepsMigration, column } from "../schema-steps";

export class SignupConfirmation1795720000000 extends SchemaStepsMigration {
    name = 'SignupConfirmation1795720000000'

    protected steps = [
        column("users", '"signup_confirmation_hash" character(64)'),
        column("users", '"signup_confirmation_expires_at" TIMESTAMP WITH TIME ZONE'),
    ];
}
