/** Every BullMQ queue, named once. Producers and processors import the name from here. */
export const QUEUES = {
  knowledgeIndexing: 'knowledge-indexing',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
