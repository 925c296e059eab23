import type { SourceView } from './chat.view';
import type { FinishReason, TokenUsage } from './message.entity';
import type { ProviderFailureCode } from './providers/provider-failure';

export type DeltaEvent = { event: 'delta'; data: { text: string } };

/** The events of an answer stream, in order: conversation, sources, delta*, then done or error. */
export type ChatEvent =
  | { event: 'conversation'; data: { conversationId: string } }
  | { event: 'sources'; data: { sources: SourceView[] } }
  | DeltaEvent
  | { event: 'done'; data: { messageId: string; finishReason: FinishReason; usage: TokenUsage | null } }
  | { event: 'error'; data: { code: ProviderFailureCode; message: string } };
