/** The retrieval benchmark's corpora: each builds its documents at run time from what is installed. */
import type { CorpusDocument } from './corpus-document';
import { buildDebianCorpus } from './debian-corpus';
import { DEBIAN_QUESTIONS } from './debian-questions';
import { buildCorpus } from './man-corpus';
import { type Question, QUESTIONS } from './questions';

export interface Corpus {
  name: string;
  questions: Question[];
  /** What to do when most of its documents are missing. */
  installHint: string;
  build(questionDocuments: string[], size: number): { documents: CorpusDocument[]; missing: string[] };
  /** Documents by default (BENCH_RETRIEVAL_DOCS overrides). */
  size: number;
}

export const CORPORA: Corpus[] = [
  {
    name: 'man',
    questions: QUESTIONS,
    installHint: 'install the manual pages (man-db and the packages the questions name)',
    build: buildCorpus,
    size: 200,
  },
  {
    name: 'debian',
    questions: DEBIAN_QUESTIONS,
    installHint: 'apt-get install debian-reference-en',
    build: buildDebianCorpus,
    size: 196,
  },
];
