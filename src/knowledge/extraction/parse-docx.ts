import mammoth from 'mammoth';
import { IndexingError } from '../model/indexing-error';
import { assertZipInflatesWithin } from './zip-inflation';
import { parseHtml } from './parse-html';
import type { TextBlock } from './text-block';

/**
 * DOCX through mammoth, which maps Word's heading styles to h1-h6; its HTML then goes through
 * the HTML reader. mammoth inflates without a limit, so the archive is first proven to inflate
 * to at most `maxInflatedBytes` by counting what its entries really produce (the zip-bomb bound).
 */
export async function parseDocx(bytes: Buffer, maxInflatedBytes: number): Promise<TextBlock[]> {
  await assertZipInflatesWithin(bytes, maxInflatedBytes);
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes }).catch(() => {
    throw new IndexingError('corrupt_file');
  });
  return parseHtml(html);
}
