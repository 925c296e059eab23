import { IndexingError } from '../model/indexing-error';
import { chunkDocument } from './chunker';
import { parseDocument } from './parse-document';
import { storable } from './text-block';
import type { ParserInput, ParserOutput } from './parser-process';

/** Entry of the parser process: parse and chunk one document, answer once. */
async function run(input: ParserInput): Promise<ParserOutput> {
  try {
    const blocks = await parseDocument(Buffer.from(input.bytes), input.format, {
      maxInflatedBytes: input.maxInflatedBytes,
    });
    const document = chunkDocument(storable(blocks));
    if (document.chunks.length === 0) throw new IndexingError('no_text');
    return { ok: true, document };
  } catch (error) {
    // Anything a parser throws that it did not classify is still the file's fault: it is unreadable.
    const known = error instanceof IndexingError ? error : new IndexingError('corrupt_file');
    return { ok: false, code: known.code, message: known.message };
  }
}

// The worker that forked this process is gone: nobody waits for the answer.
process.once('disconnect', () => process.exit(0));
process.once('message', (input: ParserInput) => {
  void run(input).then((output) => process.send?.(output));
});
