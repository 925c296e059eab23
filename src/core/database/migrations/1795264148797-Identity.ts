import { CREATED_AT, ID, ORGANIZATION_ID, SchemaStepsMigration, UPDATED_AT, dropIndex, foreignKey, generated, index, organizationForeignKey, step, table } from "../schema-steps";

export class Identity1795264148797 extends SchemaStepsMigration {
    name = 'Identity1795264148797'

    protected steps = [
        table("organizations", [
            ID, CREATED_AT, UPDATED_AT,
            '"name" character varying(120) NOT NULL',
            '"slug" character varying(80) NOT NULL',
        ], "PK_6b031fcd0863e3f6b44230163f9"),
        index("IDX_963693341bd612aa01ddf3a4b6", "organizations", ["slug"], "UNIQUE INDEX"),
        table("api_keys", [
            ID, CREATED_AT, ORGANIZATION_ID,
            '"name" character varying(100) NOT NULL',
            '"role" character varying(16) NOT NULL',
            '"prefix" character varying(16) NOT NULL',
            '"secret_hash" character(64) NOT NULL',
            '"created_by" uuid NOT NULL',
            '"last_used_at" TIMESTAMP WITH TIME ZONE',
            '"expires_at" TIMESTAMP WITH TIME ZONE',
            '"revoked_at" TIMESTAMP WITH TIME ZONE',
        ], "PK_5c8a79801b44bd27b79228e1dad"),
        index("IDX_6f6105c8efe05b310d046cbdb3", "api_keys", ["prefix"], "UNIQUE INDEX"),
        index("IDX_323a31abf1de12c7bb2d74412c", "api_keys", ["organization_id", "created_at"]),
        table("users", [
            ID, CREATED_AT, UPDATED_AT, ORGANIZATION_ID,
            '"email" character varying(254) NOT NULL',
            '"name" character varying(120) NOT NULL',
            '"password_hash" character varying(255) NOT NULL',
            '"role" character varying(16) NOT NULL',
            `"status" character varying(16) NOT NULL DEFAULT 'active'`,
            '"last_login_at" TIMESTAMP WITH TIME ZONE',
        ], "PK_a3ffb1c0c8416b9fc6f907b7433"),
        index("IDX_97672ac88f789774dd47f7c8be", "users", ["email"], "UNIQUE INDEX"),
        index("IDX_ba0a85d30ee72ea43efbaaebf4", "users", ["organization_id", "created_at"]),
        table("refresh_sessions", [
            ID, CREATED_AT, ORGANIZATION_ID,
            '"user_id" uuid NOT NULL',
            '"family_id" uuid NOT NULL',
            '"token_hash" character(64) NOT NULL',
            '"expires_at" TIMESTAMP WITH TIME ZONE NOT NULL',
            '"revoked_at" TIMESTAMP WITH TIME ZONE',
            '"replaced_by_id" uuid',
        ], "PK_9190032f6967b7971dca07d69f3"),
        index("IDX_d76f5941d821678137ef15d965", "refresh_sessions", ["token_hash"], "UNIQUE INDEX"),
        index("IDX_a7ab4fd82c654c85b9de53d971", "refresh_sessions", ["user_id"]),
        index("IDX_f22ad614014a610b9851827b84", "refresh_sessions", ["family_id"]),
        table("invitations", [
            ID, CREATED_AT, ORGANIZATION_ID,
            '"email" character varying(254) NOT NULL',
            '"role" character varying(16) NOT NULL',
            '"token_hash" character(64) NOT NULL',
            '"expires_at" TIMESTAMP WITH TIME ZONE NOT NULL',
            '"accepted_at" TIMESTAMP WITH TIME ZONE',
            '"invited_by" uuid NOT NULL',
        ], "PK_5dec98cfdfd562e4ad3648bbb07"),
        index("IDX_872ac94a64b3d44fc4b554780c", "invitations", ["token_hash"], "UNIQUE INDEX"),
        // One pending invitation per email and organization: a partial index, written by hand.
        step(
            generated(
                'CREATE UNIQUE INDEX "UQ_invitations_pending_email" ON "invitations" ("organization_id", "email")',
                'WHERE "accepted_at" IS NULL',
            ),
            dropIndex("UQ_invitations_pending_email"),
        ),
        index("IDX_d0f38b0332971fcc13b42cd175", "invitations", ["organization_id", "created_at"]),
        organizationForeignKey("api_keys", "FK_a283bdef18876e525aefaec042f"),
        organizationForeignKey("users", "FK_21a659804ed7bf61eb91688dea7"),
        organizationForeignKey("refresh_sessions", "FK_745125ae8132f5f55832871402f"),
        foreignKey("refresh_sessions", "FK_a7ab4fd82c654c85b9de53d971a", "user_id", "users"),
        organizationForeignKey("invitations", "FK_42d1dbb4d85dc3643fdc6560af0"),
    ];
}
