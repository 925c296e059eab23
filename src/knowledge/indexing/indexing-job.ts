/** Payload of a knowledge-indexing job: ids only, never content. */
export interface IndexingJob {
  organizationId: string;
  documentId: string;
  version: number;
}

/** One job per document version: a retried request or a re-sent enqueue finds the job already there. */
export const indexingJobId = (job: Pick<IndexingJob, 'documentId' | 'version'>): string =>
  `document-${job.documentId}-v${job.version}`;
