/** One document of a retrieval-benchmark corpus, uploaded as a file. */
export interface CorpusDocument {
  /** What questions name as their expected document. */
  key: string;
  title: string;
  filename: string;
  content: Buffer;
}
