/** Every BullMQ queue, named once. Producers and processors import the name from here. */
export const QUEUES = {
  knowledgeIndexing: 'knowledge-indexing',
  mail: 'mail',
  billingEvents: 'billing-events',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Every queue: metrics, the dashboard and readiness's worker check cover each of them. */
export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);
