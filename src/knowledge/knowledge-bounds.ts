import { ApiStringList } from '../core/http/api-properties';
import { DEFAULT_CHUNK_OPTIONS } from './extraction/chunker';
import { MAX_QUOTED_CHUNKS } from './passage-retriever';

/** The sizes the knowledge views document (and the readers and chunker keep to). */
export const FILENAME_MAX = 255;
/** KNOWLEDGE_MAX_UPLOAD_BYTES's default, the bound the document states. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20_971_520;
/** A chunk aims at `targetChars` and breaks at a word boundary, so twice that is never reached. */
export const CHUNK_TEXT_MAX = DEFAULT_CHUNK_OPTIONS.targetChars * 2;
/** A snippet is a part of one chunk plus its <mark></mark> tags. */
export const SNIPPET_MAX = CHUNK_TEXT_MAX * 2;
/**
 * Passages of one document among search results, lexical or semantic: its best one, so the top
 * results are as many documents as they can be (a search within one document returns its passages).
 */
export const PASSAGES_PER_DOCUMENT = 1;
/**
 * Passages of one document an assistant's source quotes, its best first: one source per
 * document still, but with the document's next-best passages the one that answers is more often
 * quoted (the search box shows one passage per hit). As many as a source may quote: against three,
 * the retrieval benchmark's answers were quoted for 4 more of its 121 questions, at about 1.5
 * times the text (bench/README.md).
 */
export const PASSAGES_PER_SOURCE = MAX_QUOTED_CHUNKS;
/** Headings nest six deep (h1-h6). */
const HEADING_DEPTH_MAX = 6;
const HEADING_MAX = 1_000;

export const ApiHeadingPath = () =>
  ApiStringList(HEADING_DEPTH_MAX, HEADING_MAX, { example: ['Refund policy', 'Exceptions'] });
