import { Injectable } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';

/**
 * Multipart uploads are read into memory whole (the format check, the hash and the database
 * write need every byte), so a few dozen concurrent 20 MB uploads would exhaust an API process
 * and take it away from every tenant. Each upload reserves the bytes its request declares before
 * its body is read, and gives them back when its answer is sent. The whole process holds at most
 * KNOWLEDGE_UPLOAD_MEMORY_BYTES, and one organization at most half of it, so a tenant that
 * floods uploads cannot shut the others out either.
 */
@Injectable()
export class UploadMemoryBudget {
  private held = 0;
  private readonly heldBy = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  /** What to call once the upload is done, or null when the bytes do not fit now. */
  reserve(organizationId: string, bytes: number): (() => void) | null {
    const budget = this.config.KNOWLEDGE_UPLOAD_MEMORY_BYTES;
    const heldByOrganization = this.heldBy.get(organizationId) ?? 0;
    if (this.held + bytes > budget || heldByOrganization + bytes > budget / 2) return null;
    this.held += bytes;
    this.heldBy.set(organizationId, heldByOrganization + bytes);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held -= bytes;
      const left = (this.heldBy.get(organizationId) ?? bytes) - bytes;
      if (left > 0) this.heldBy.set(organizationId, left);
      else this.heldBy.delete(organizationId);
    };
  }
}
