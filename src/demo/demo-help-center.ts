import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { KnowledgeDocumentsService } from '../knowledge/knowledge-documents.service';
import type { DocumentFormat } from '../knowledge/model/document-format';

/** Text files name their format as a JSON upload would; anything else is detected from its bytes. */
const DECLARED: Record<string, DocumentFormat> = { '.md': 'markdown', '.html': 'html' };

/** Uploads each file through the knowledge service, as the upload endpoint does; the worker indexes them. */
export async function seedHelpCenter(app: INestApplicationContext, actor: Actor, files: string[]): Promise<void> {
  const knowledge = app.get(KnowledgeDocumentsService);
  for (const file of files) {
    await knowledge.upload(actor, {
      bytes: readFileSync(file),
      filename: basename(file),
      declaredFormat: DECLARED[extname(file)],
    });
  }
}
