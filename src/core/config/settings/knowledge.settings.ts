import { IntSetting, type SettingsBase } from './setting-kinds';

/** Uploading and indexing knowledge documents: the bounds on one document, and the reconciler. */
export const KnowledgeSettings = <Base extends SettingsBase>(base: Base) => {
  class Knowledge extends base {
    /** Largest knowledge document accepted for upload, in bytes; larger is 413 and nothing is stored. */
    @IntSetting(1024) KNOWLEDGE_MAX_UPLOAD_BYTES = 20_971_520;

    /**
     * Bytes of multipart uploads one API process holds in memory at once (each reserves what its
     * request declares); past it, or past half of it for one organization, an upload is 503 with
     * Retry-After before its body is read. At least twice KNOWLEDGE_MAX_UPLOAD_BYTES.
     */
    @IntSetting(1024) KNOWLEDGE_UPLOAD_MEMORY_BYTES = 104_857_600;

    /** Time one document may spend in its parser before it fails with `timeout`. */
    @IntSetting(1_000) KNOWLEDGE_PARSE_TIMEOUT_MS = 60_000;

    /**
     * Resident memory of the process that parses one document (heap, buffers and native memory), in
     * MB: a file that needs more is killed and fails with `too_large`.
     */
    @IntSetting(64) KNOWLEDGE_PARSER_MEMORY_MB = 512;

    /**
     * Most bytes one document may inflate to, counted as decompression produces them (every DOCX
     * entry, every PDF stream): the decompression-bomb bound.
     */
    @IntSetting(1_048_576) KNOWLEDGE_MAX_INFLATED_BYTES = 104_857_600;

    /** How often the worker looks for documents whose indexing job vanished. */
    @IntSetting(1_000) KNOWLEDGE_RECONCILE_INTERVAL_MS = 60_000;

    /** A queued or processing document untouched this long is checked by the reconciler. */
    @IntSetting(1_000) KNOWLEDGE_STALE_AFTER_MS = 600_000;

    /**
     * Lock of a running indexing job, renewed while it runs. A worker that dies loses it, and
     * the job re-runs elsewhere after about this long (BullMQ's stalled-job check).
     */
    @IntSetting(1_000) KNOWLEDGE_JOB_LOCK_MS = 30_000;
  }
  return Knowledge;
};
