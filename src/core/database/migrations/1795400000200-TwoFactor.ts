import { MigrationInterface, QueryRunner } from "typeorm";

export class TwoFactor1795400000200 implements MigrationInterface {
    name = 'TwoFactor1795400000200'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organizations" ADD "require_two_factor" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "users" ADD "two_factor_secret" text`);
        await queryRunner.query(`ALTER TABLE "users" ADD "two_factor_enabled_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "users" ADD "two_factor_last_step" bigint`);
        await queryRunner.query(`ALTER TABLE "users" ADD "two_factor_recovery_hashes" text array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "two_factor_recovery_hashes"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "two_factor_last_step"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "two_factor_enabled_at"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "two_factor_secret"`);
        await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "require_two_factor"`);
    }
}
