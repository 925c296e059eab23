import { AssistantSettings } from './settings/assistant.settings';
import { BillingSettings } from './settings/billing.settings';
import { EmbeddingSettings } from './settings/embedding.settings';
import { IdentitySettings } from './settings/identity.settings';
import { KnowledgeSettings } from './settings/knowledge.settings';
import { MailSettings } from './settings/mail.settings';
import { ServerSettings } from './settings/server.settings';
import { StorageSettings } from './settings/storage.settings';

export { ASSISTANT_PROVIDERS, type AssistantProvider } from './settings/assistant.settings';
export { EMBEDDING_PROVIDERS, type EmbeddingProviderName } from './settings/embedding.settings';

/**
 * Every environment variable the service reads, with its default and its rule, one group per
 * concern (`settings/`). `.env.example` documents the same list; nothing else reads `process.env`.
 */
export class AppConfig extends BillingSettings(
  EmbeddingSettings(
    AssistantSettings(MailSettings(IdentitySettings(KnowledgeSettings(StorageSettings(ServerSettings(Object)))))),
  ),
) {}
