import { parentPort, workerData } from 'node:worker_threads';
import { parseDocument } from './parse-document';
import { chunkDocument } from './chunker';
import { IndexingError } from '../model/indexing-error';
import type { ParserInput, ParserOutput } from './parser-thread';

/** Entry of the parser thread: parse and chunk one document, answer once. */
async function run(input: ParserInput): Promise<ParserOutput> {
  try {
    const blocks = await parseDocument(Buffer.from(input.bytes), input.format, {
      maxInflatedBytes: input.maxInflatedBytes,
    });
    const document = chunkDocument(blocks);
    if (document.chunks.length === 0) throw new IndexingError('no_text');
    return { ok: true, document };
  } catch (error) {
    // Anything a parser throws that it did not classify is still the file's fault: it is unreadable.
    const known = error instanceof IndexingError ? error : new IndexingError('corrupt_file');
    return { ok: false, code: known.code, message: known.message };
  }
}

void run(workerData as ParserInput).then((output) => parentPort?.postMessage(output));
