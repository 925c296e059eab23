import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { KnowledgeDocumentsService } from '../knowledge/knowledge-documents.service';
import type { DocumentFormat } from '../knowledge/model/document-format';

/** Text files name their format as a JSON upload would; anything else is detected from its bytes. */
const DECLARED: Record<string, DocumentFormat> = { '.md': 'markdown', '.html': 'html' };

/** The article's own title: its first Markdown heading or HTML <title>; else the file name. */
function titleOf(file: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  const found = /^# (.+)$/m.exec(text) ?? /<title>([^<]+)<\/title>/.exec(text);
  if (found && extname(file) !== '.pdf') return found[1].trim();
  const words = basename(file, extname(file)).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Uploads each file through the knowledge service, as the upload endpoint does; the worker indexes them. */
export async function seedHelpCenter(app: INestApplicationContext, actor: Actor, files: string[]): Promise<void> {
  const knowledge = app.get(KnowledgeDocumentsService);
  for (const file of files) {
    const bytes = readFileSync(file);
    await knowledge.upload(actor, {
      bytes,
      title: titleOf(file, bytes),
      filename: basename(file),
      declaredFormat: DECLARED[extname(file)],
    });
  }
}
