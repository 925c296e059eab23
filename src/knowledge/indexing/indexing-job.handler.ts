import { Injectable } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../../core/config/app-config';
import { Metrics } from '../../core/metrics/metrics';
import { DocumentEmbedder } from '../embedding/document-embedder';
import { DocumentIndexer } from './document-indexer';
import { IndexingError } from '../model/indexing-error';
import type { IndexingJob } from './indexing-job';
import { parseInProcess } from '../extraction/parse-in-process';

export type IndexingOutcome = 'ready' | 'skipped' | 'superseded';

/**
 * Indexes one document version: claim it, parse and chunk it in a child process, then replace
 * its chunks in one transaction. Bad input fails at once with a stable code (UnrecoverableError);
 * anything else is transient and retried with backoff, and fails the document once retries run out.
 */
@Injectable()
export class IndexingJobHandler {
  constructor(
    private readonly indexer: DocumentIndexer,
    private readonly embedder: DocumentEmbedder,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    @InjectPinoLogger('knowledge-indexing') private readonly logger: PinoLogger,
  ) {}

  async handle(job: Job<IndexingJob>): Promise<IndexingOutcome> {
    const { organizationId, documentId, version } = job.data;
    const context = { organizationId, documentId, version, jobId: job.id, attempt: job.attemptsMade + 1 };
    // The parser process's largest resident size: what a hostile file cost, for the log.
    let parserPeakRssMb: number | undefined;
    try {
      const claimed = await this.indexer.claim(job.data);
      if (!claimed) {
        this.logger.info(context, 'knowledge.indexing_skipped');
        return 'skipped';
      }
      await job.updateProgress(10);
      const parsed = await parseInProcess(
        claimed.bytes,
        claimed.format,
        {
          timeoutMs: this.config.KNOWLEDGE_PARSE_TIMEOUT_MS,
          memoryMb: this.config.KNOWLEDGE_PARSER_MEMORY_MB,
          maxInflatedBytes: this.config.KNOWLEDGE_MAX_INFLATED_BYTES,
        },
        (stats) => (parserPeakRssMb = Math.round(stats.peakRssBytes / 1_048_576)),
      );
      await this.indexer.progress(job.data, 60);
      await job.updateProgress(60);
      const written = await this.indexer.complete(job.data, parsed.chunks);
      await job.updateProgress(100);
      this.logger.info(
        { ...context, chunks: parsed.chunks.length, written, parserPeakRssMb },
        'knowledge.indexing_finished',
      );
      if (!written) return 'superseded';
      this.metrics.recordDocumentIndexed('succeeded');
      // Searchable lexically from here on; vectors follow, and an outage leaves them to the reconciler.
      if (this.embedder.enabled) {
        const embedding = await this.embedder.embed({ organizationId, documentId });
        this.logger.info({ ...context, embedding }, 'knowledge.embedding_finished');
      }
      return 'ready';
    } catch (error) {
      if (error instanceof IndexingError) {
        await this.indexer.fail(job.data, error.code, error.message);
        this.metrics.recordDocumentIndexed('failed');
        this.logger.warn({ ...context, code: error.code, parserPeakRssMb }, 'knowledge.indexing_failed');
        throw new UnrecoverableError(error.code);
      }
      if (context.attempt >= (job.opts.attempts ?? 1)) {
        const exhausted = new IndexingError('indexing_failed');
        await this.indexer.fail(job.data, exhausted.code, exhausted.message).catch(() => undefined);
        this.metrics.recordDocumentIndexed('failed');
      }
      this.logger.error({ ...context, err: error }, 'knowledge.indexing_error');
      throw error;
    }
  }
}
