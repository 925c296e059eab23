import { CREATED_AT, ID, ORGANIZATION_ID, SchemaStepsMigration, UPDATED_AT, dropIndex, foreignKey, generated, index, organizationForeignKey, step, table, tenantPolicy } from "../schema-steps";

export class Assistant1795265347305 extends SchemaStepsMigration {
    name = 'Assistant1795265347305'

    protected steps = [
        table("agents", [
            ID, CREATED_AT, UPDATED_AT, ORGANIZATION_ID,
            '"name" character varying(100) NOT NULL',
            '"system_prompt" text NOT NULL',
            '"provider" character varying(16)',
            '"model" character varying(100)',
            '"temperature" real NOT NULL',
            '"max_answer_tokens" integer NOT NULL',
            '"passage_count" integer NOT NULL',
        ], "PK_9c653f28ae19c5884d5baf6a1d9"),
        index("IDX_b8c0b0f01b471e797f309ab13c", "agents", ["organization_id", "created_at"]),
        index("IDX_467285ce5809d90514d004493f", "agents", ["organization_id", "name"], "UNIQUE INDEX"),
        table("conversations", [
            ID, CREATED_AT, UPDATED_AT, ORGANIZATION_ID,
            '"agent_id" uuid',
            '"created_by" uuid NOT NULL',
            '"title" character varying(200) NOT NULL',
        ], "PK_ee34f4f7ced4ec8681f26bf04ef"),
        index("IDX_d03372c0474a9c5237a8ed4bc7", "conversations", ["organization_id", "created_by", "updated_at"]),
        index("IDX_40931f5dc70151418ada7feea9", "conversations", ["organization_id", "updated_at"]),
        table("messages", [
            ID, CREATED_AT, ORGANIZATION_ID,
            '"conversation_id" uuid NOT NULL',
            '"role" character varying(16) NOT NULL',
            '"content" text NOT NULL',
            `"citations" jsonb NOT NULL DEFAULT '[]'`,
            '"finish_reason" character varying(16)',
            '"input_tokens" integer',
            '"output_tokens" integer',
        ], "PK_18325f38ae6de43878487eff986"),
        // The generator's formatter put this index's long column list on lines of their own.
        step(
            generated(
                'CREATE INDEX "IDX_6b013e994dcca299e876bd0f6e" ON "messages" (',
                '    "organization_id",',
                '    "conversation_id",',
                '    "created_at"',
                ')',
            ),
            dropIndex("IDX_6b013e994dcca299e876bd0f6e"),
        ),
        organizationForeignKey("agents", "FK_28ac537f8c7bc3c96f7d1753ec4"),
        organizationForeignKey("conversations", "FK_87d9df8c99fb824a39c681ec332"),
        foreignKey("conversations", "FK_9f32ead8384a1a92e073a7c006a", "agent_id", "agents", "SET NULL"),
        organizationForeignKey("messages", "FK_f1c6874ea159caa5b964731e216"),
        foreignKey("messages", "FK_3bc55a7c3f9ed54b520bb5cfe23", "conversation_id", "conversations"),
        tenantPolicy(["agents", "conversations", "messages"]),
    ];
}
