/** Ranking measures of the retrieval benchmark. */
import type { QuestionKind } from './questions';
import { percentile } from '../percentile';

export interface Outcome {
  kind: QuestionKind;
  /** 1-based rank of the first result from the expected document; null when absent. */
  rank: number | null;
  /**
   * Whether the first passage of the expected document contains the answering phrase: all of its
   * text (an assistant's source quotes its document's best few chunks).
   */
  passageAnswers: boolean;
  /** The same, of the passage's best chunk alone (a search hit is one chunk: the same as passageAnswers). */
  chunkAnswers: boolean;
  empty: boolean;
  ms: number;
}

export interface Summary {
  questions: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  /** Of the questions, how many have the expected document's first passage containing the answer. */
  firstPassageAnswers: number;
  /** How many have the answer in that passage's best chunk alone. */
  firstChunkAnswers: number;
  empty: number;
  latencyMs: { p50: number; p95: number };
}

/** Compares text the way a reader would: case and runs of whitespace ignored. */
export const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

export function summarize(outcomes: Outcome[]): Summary {
  const at = (k: number): number => outcomes.filter((o) => o.rank !== null && o.rank <= k).length;
  return {
    questions: outcomes.length,
    recallAt1: at(1),
    recallAt5: at(5),
    mrr: round(outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / Math.max(1, outcomes.length)),
    firstPassageAnswers: outcomes.filter((o) => o.passageAnswers).length,
    firstChunkAnswers: outcomes.filter((o) => o.chunkAnswers).length,
    empty: outcomes.filter((o) => o.empty).length,
    latencyMs: {
      p50: round(
        percentile(
          outcomes.map((o) => o.ms),
          50,
        ),
        1,
      ),
      p95: round(
        percentile(
          outcomes.map((o) => o.ms),
          95,
        ),
        1,
      ),
    },
  };
}

/** The summary of all questions and of each kind. */
export function summarizeByKind(outcomes: Outcome[]): Record<'all' | QuestionKind, Summary> {
  const of = (kind: QuestionKind): Outcome[] => outcomes.filter((o) => o.kind === kind);
  return {
    all: summarize(outcomes),
    paraphrase: summarize(of('paraphrase')),
    terms: summarize(of('terms')),
    keyword: summarize(of('keyword')),
  };
}
