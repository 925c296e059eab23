import { MigrationInterface, QueryRunner } from "typeorm";

export class SignupConfirmation1795720000000 implements MigrationInterface {
    name = 'SignupConfirmation1795720000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" ADD "signup_confirmation_hash" character(64)`);
        await queryRunner.query(`ALTER TABLE "users" ADD "signup_confirmation_expires_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "signup_confirmation_expires_at"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "signup_confirmation_hash"`);
    }
}
