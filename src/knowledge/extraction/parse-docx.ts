import mammoth from 'mammoth';
import { IndexingError } from '../model/indexing-error';
import { parseHtml } from './parse-html';
import type { TextBlock } from './text-block';
import { readZipEntries } from './zip-entries';

/**
 * DOCX through mammoth, which maps Word's heading styles to h1-h6; its HTML then goes through
 * the HTML reader. Before anything is inflated, the zip's own directory must promise a total
 * under `maxInflatedBytes` (the zip-bomb bound); an archive that lies about its sizes is still
 * stopped by the parser thread's memory limit.
 */
export async function parseDocx(bytes: Buffer, maxInflatedBytes: number): Promise<TextBlock[]> {
  const entries = readZipEntries(bytes);
  if (!entries) throw new IndexingError('corrupt_file');
  const inflated = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
  if (inflated > maxInflatedBytes) throw new IndexingError('too_large');
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes }).catch(() => {
    throw new IndexingError('corrupt_file');
  });
  return parseHtml(html);
}
