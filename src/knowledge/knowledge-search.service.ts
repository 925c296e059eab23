import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import type { Passage, PassageRetriever } from './passage-retriever';
import { PASSAGES_PER_DOCUMENT, PASSAGES_PER_SOURCE } from './knowledge-bounds';
import { quoteTogether } from './quote-together';
import { TenantTransaction } from '../core/database/tenant-transaction';
import type { SearchQuery } from './dto/search.query';
import { HybridSearch, type Retrieved } from './hybrid-search';
import { SEARCH_LANGUAGE } from './model/search-language';
import type { SearchHitView } from './search-hit.view';
import { RelatedWords } from './related-words';
import { parseSearchInput, questionInput, type SearchInput } from './search-input';
import { renderSnippet } from './snippet';
import { spellingVariants } from './spelling-variants';

interface HitRow {
  chunk_id: string;
  document_id: string;
  document_title: string;
  heading_path: string[];
  marked_snippet: string;
  text: string;
  score: number;
}

/** Longest snippet, in characters: a sentence or two. */
const SNIPPET_CHARS = 320;

/**
 * Weight of a related word's IDF (a synonym of the query's words) against the user's own words.
 * 0.3 while WordNet alone gave them (higher, its general senses outranked the answer); with the
 * domain thesaurus's precise synonyms among them, 0.6 ranks better on both benchmark corpora
 * (bench/README, issue 13, session 10).
 */
export const RELATED_WEIGHT = 0.6;
/** Weight of the query's terms found together in a chunk's best two sentences (its answering window). */
const WINDOW_WEIGHT = 0.5;
/** Weight of a pair of the query's neighbouring words found near each other in a chunk (the rarer one's IDF). */
const PROXIMITY_WEIGHT = 1;

/**
 * Parameters: $1 organization, $2 the words to rank by, $3 web-search syntax or null, $4 one
 * document or null, $5 how many results, $6 words related to the query's (their terms that are
 * not the query's own rank lower), $7 their weight, $8 the answering window's weight, $9 passages of
 * one document at most, $10 the proximity weight (of the query's neighbouring words, `pairs`).
 * Results come grouped by document, its best passage first, the best documents first.
 * The query's terms are the lexemes of its words and of their code-like parts, as chunks are
 * indexed (knowledge_search_vector). knowledge_rank_passages (a migration) ranks; this adds the
 * passage, its document and the snippet: the sentence, or two, whose terms weigh most (IDF),
 * with the matches marked by control characters removed from the text first (see snippet.ts).
 */
export const SEARCH_SQL = `
  WITH query AS (
    SELECT array(SELECT DISTINCT lexeme
                   FROM unnest(to_tsvector('${SEARCH_LANGUAGE}', translate($2, '<', ' ') || ' ' || knowledge_code_parts($2)))) AS terms,
           CASE WHEN $3::text IS NULL THEN NULL ELSE websearch_to_tsquery('${SEARCH_LANGUAGE}', $3) END AS filter,
           array(SELECT lexeme FROM unnest(to_tsvector('${SEARCH_LANGUAGE}', $6::text))) AS related,
           array(SELECT DISTINCT first.lexeme || ' ' || second.lexeme
                   FROM unnest(to_tsvector('${SEARCH_LANGUAGE}', translate($2, '<', ' '))) AS first,
                        unnest(to_tsvector('${SEARCH_LANGUAGE}', translate($2, '<', ' '))) AS second
                  WHERE first.lexeme <> second.lexeme
                    AND EXISTS (SELECT 1 FROM unnest(first.positions) a, unnest(second.positions) b WHERE b - a BETWEEN 1 AND 3)) AS pairs
  ), weights AS (
    SELECT term.term, ln(1 + (corpus.chunk_count - term.chunk_count + 0.5) / (term.chunk_count + 0.5)) AS idf
      FROM query, knowledge_terms term
      JOIN knowledge_corpus corpus ON corpus.organization_id = term.organization_id
     WHERE term.organization_id = $1 AND term.term = ANY(query.terms)
  ), highlight AS (
    SELECT coalesce(array_to_string(array(SELECT quote_literal(weights.term) FROM weights), ' | '), '')::tsquery AS tsquery
  ), ranked AS (
    SELECT ranked.* FROM query, knowledge_rank_passages($1, query.terms, query.related, $7, $8,
                                                          query.filter, $4, $5, $9, query.pairs, $10)
                                    WITH ORDINALITY AS ranked(chunk_id, document_id, score, place)
  )
  SELECT ranked.chunk_id, ranked.document_id, document.title AS document_title, chunk.heading_path, chunk.text,
         ranked.score, excerpt.marked AS marked_snippet
  FROM ranked
  JOIN document_chunks chunk ON chunk.id = ranked.chunk_id AND chunk.organization_id = $1
  JOIN documents document ON document.id = ranked.document_id AND document.organization_id = $1
  CROSS JOIN highlight
  CROSS JOIN LATERAL (
    SELECT ts_headline('${SEARCH_LANGUAGE}', best.excerpt, highlight.tsquery,
                       'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)) AS marked
    FROM (
      SELECT CASE WHEN length(window_text) <= ${SNIPPET_CHARS} THEN window_text
                  ELSE regexp_replace(left(window_text, ${SNIPPET_CHARS}), '\\s+\\S*$', '') || ' …' END AS excerpt
      FROM (
        SELECT sentence.part || CASE WHEN sentence.next <> '' AND length(sentence.part) + length(sentence.next) < ${SNIPPET_CHARS}
                                     THEN ' ' || sentence.next ELSE '' END AS window_text
        FROM (
          SELECT part, n, lead(part, 1, '') OVER (ORDER BY n) AS next
          FROM regexp_split_to_table(translate(chunk.text, chr(1) || chr(2), ''), '(?<=[.!?])\\s+|\\n+')
               WITH ORDINALITY AS sentences(part, n)
        ) AS sentence
        WHERE sentence.part <> ''
        ORDER BY (SELECT coalesce(sum(weights.idf), 0)
                    FROM unnest(to_tsvector('${SEARCH_LANGUAGE}', translate(sentence.part, '<', ' ') || ' ' || knowledge_code_parts(sentence.part))) AS found
                    JOIN weights ON weights.term = found.lexeme) DESC,
                 sentence.n
        LIMIT 1
      ) AS best_window
    ) AS best
  ) AS excerpt
  ORDER BY ranked.place`;

/** Where a search looks and how many passages of each document it returns. */
export interface SearchScope {
  /** One document only (then `limit` of its passages). */
  documentId?: string;
  /** Passages of each document, its best first (default PASSAGES_PER_DOCUMENT). */
  perDocument?: number;
}

/**
 * SEARCH_SQL's parameters. `related`: words meaning the same as the input's (RelatedWords); the
 * British or American spellings of its words are related too, so the user's exact word still wins.
 */
export const searchParameters = (
  organizationId: string,
  input: SearchInput,
  related: string,
  limit: number,
  { documentId, perDocument = PASSAGES_PER_DOCUMENT }: SearchScope = {},
): unknown[] => [
  organizationId,
  input.terms,
  input.filter,
  documentId ?? null,
  limit,
  `${related} ${spellingVariants(input.terms)}`,
  RELATED_WEIGHT,
  WINDOW_WEIGHT,
  documentId ? limit : perDocument,
  PROXIMITY_WEIGHT,
];

/**
 * The one retrieval core of the search box and the assistant: BM25 over the organization's
 * term statistics, with related words and the answering window (see knowledge_rank_passages). They differ in how they read the input (the
 * search box understands search syntax when it is clearly meant) and in what they return.
 */
@Injectable()
export class KnowledgeSearchService implements PassageRetriever {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly hybrid: HybridSearch,
  ) {}

  private related?: Promise<RelatedWords>;

  /** `GET /v1/knowledge/search`: lexical, semantic or both fused (hybrid by default when embeddings are on). */
  async search(actor: Actor, query: SearchQuery): Promise<Retrieved & { hits: SearchHitView[] }> {
    const mode = query.mode ?? this.hybrid.defaultMode;
    const input = parseSearchInput(query.q);
    // The meaning is in the words, not in the operators or the excluded words.
    const retrieved = await this.hybrid.retrieve(
      actor,
      mode,
      input.terms,
      query.limit,
      (limit) => this.find(actor, input, limit, { documentId: query.documentId }),
      query.documentId,
    );
    return { ...retrieved, hits: retrieved.passages.map(({ text: _text, ...hit }) => hit) };
  }

  /**
   * The assistant's retrieval: hybrid when embeddings are on, any word of the question, with the
   * whole text; the question's rephrasings, if any, are retrieved alike and fused with it. Each
   * source quotes its document's best few passages (PASSAGES_PER_SOURCE): the model reads more of
   * a document that matters, and the passage that answers is more often among them.
   */
  retrieve(actor: Actor, question: string, limit: number, rephrasings: string[] = []): Promise<Passage[]> {
    const lexical =
      (text: string) =>
      async (count: number): Promise<Passage[]> =>
        quoteTogether(await this.find(actor, questionInput(text), count, { perDocument: PASSAGES_PER_SOURCE }));
    return this.hybrid.retrieveFused(actor, [question, ...rephrasings], limit, lexical);
  }

  /** WordNet is read on the first search that needs it, once (see related-words.ts). */
  private relatedWords(): Promise<RelatedWords> {
    this.related ??= RelatedWords.load();
    return this.related;
  }

  private async find(actor: Actor, input: SearchInput, limit: number, scope: SearchScope = {}): Promise<Passage[]> {
    const related = (await this.relatedWords()).expand(input.terms);
    // One statement: its transaction goes in one round trip (the hot paths' batch).
    const [rows] = (await this.tenant.batch(actor.organizationId, {
      sql: SEARCH_SQL,
      parameters: searchParameters(actor.organizationId, input, related, limit, scope),
    })) as [HitRow[]];
    return rows.map((row) => ({
      chunkId: row.chunk_id,
      documentId: row.document_id,
      documentTitle: row.document_title,
      headingPath: row.heading_path,
      snippet: renderSnippet(row.marked_snippet ?? ''),
      text: row.text,
      score: Number(row.score),
    }));
  }
}
