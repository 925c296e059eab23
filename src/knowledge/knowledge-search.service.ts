import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import type { Passage, PassageRetriever } from '../chat/passage-retriever';
import { TenantTransaction } from '../core/database/tenant-transaction';
import type { SearchQuery } from './dto/search.query';
import { HybridSearch, type Retrieved } from './hybrid-search';
import { SEARCH_LANGUAGE } from './model/search-language';
import type { SearchHitView } from './search-hit.view';
import { parseSearchInput, questionInput, type SearchInput } from './search-input';
import { renderSnippet } from './snippet';

interface HitRow {
  chunk_id: string;
  document_id: string;
  document_title: string;
  heading_path: string[];
  marked_snippet: string;
  text: string;
  score: number;
}

/** Passages of one document among the results, so the top results are not slices of one file. */
const PASSAGES_PER_DOCUMENT = 2;
/** Longest snippet, in characters: a sentence or two. */
const SNIPPET_CHARS = 320;

/**
 * Parameters: $1 organization, $2 the words to rank by, $3 web-search syntax or null, $4 one
 * document or null, $5 how many results.
 * The query's terms are the lexemes of its words and of their code-like parts, as chunks are
 * indexed (knowledge_search_vector). knowledge_rank_chunks (a migration) ranks; this adds the
 * passage, its document and the snippet: the sentence, or two, whose terms weigh most (IDF),
 * with the matches marked by control characters removed from the text first (see snippet.ts).
 */
export const SEARCH_SQL = `
  WITH query AS (
    SELECT array(SELECT DISTINCT lexeme
                   FROM unnest(to_tsvector('${SEARCH_LANGUAGE}', translate($2, '<', ' ') || ' ' || knowledge_code_parts($2)))) AS terms,
           CASE WHEN $3::text IS NULL THEN NULL ELSE websearch_to_tsquery('${SEARCH_LANGUAGE}', $3) END AS filter
  ), weights AS (
    SELECT term.term, ln(1 + (corpus.chunk_count - term.chunk_count + 0.5) / (term.chunk_count + 0.5)) AS idf
      FROM query, knowledge_terms term
      JOIN knowledge_corpus corpus ON corpus.organization_id = term.organization_id
     WHERE term.organization_id = $1 AND term.term = ANY(query.terms)
  ), highlight AS (
    SELECT coalesce(array_to_string(array(SELECT quote_literal(weights.term) FROM weights), ' | '), '')::tsquery AS tsquery
  ), ranked AS (
    SELECT ranked.* FROM query, knowledge_rank_chunks($1, query.terms, query.filter, $4, $5, ${PASSAGES_PER_DOCUMENT}) ranked
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
  ORDER BY ranked.score DESC, ranked.chunk_id`;

/**
 * The one retrieval core of the search box and the assistant: BM25 over the organization's
 * term statistics (see knowledge_rank_chunks). They differ in how they read the input (the
 * search box understands search syntax when it is clearly meant) and in what they return.
 */
@Injectable()
export class KnowledgeSearchService implements PassageRetriever {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly hybrid: HybridSearch,
  ) {}

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
      (limit) => this.find(actor, input, limit, query.documentId),
      query.documentId,
    );
    return { ...retrieved, hits: retrieved.passages.map(({ text: _text, ...hit }) => hit) };
  }

  /**
   * The assistant's retrieval: hybrid when embeddings are on, any word of the question, with the
   * whole text; the question's rephrasings, if any, are retrieved alike and fused with it.
   */
  retrieve(actor: Actor, question: string, limit: number, rephrasings: string[] = []): Promise<Passage[]> {
    const lexical =
      (text: string) =>
      (count: number): Promise<Passage[]> =>
        this.find(actor, questionInput(text), count);
    return this.hybrid.retrieveFused(actor, [question, ...rephrasings], limit, lexical);
  }

  private async find(actor: Actor, input: SearchInput, limit: number, documentId?: string): Promise<Passage[]> {
    const rows = await this.tenant.run(actor.organizationId, (manager) =>
      manager.query<HitRow[]>(SEARCH_SQL, [actor.organizationId, input.terms, input.filter, documentId ?? null, limit]),
    );
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
