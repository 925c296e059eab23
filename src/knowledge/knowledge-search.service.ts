import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import type { Passage, PassageRetriever } from '../chat/passage-retriever';
import { TenantTransaction } from '../core/database/tenant-transaction';
import type { SearchQuery } from './dto/search.query';
import { SEARCH_LANGUAGE } from './model/search-language';
import type { SearchHitView } from './search-hit.view';

interface HitRow {
  chunk_id: string;
  document_id: string;
  document_title: string;
  heading_path: string[];
  snippet: string;
  text: string;
  score: number;
}

/** The two ways a query becomes a tsquery ($2 is the user's text). */
const TSQUERY = {
  /** The search box: web-search syntax, every word must match. */
  search: `websearch_to_tsquery('${SEARCH_LANGUAGE}', $2)`,
  /**
   * A question asked to the assistant: any of its words may match and ranking sorts them out;
   * requiring all of them would miss passages phrased differently from the question.
   */
  question: `to_tsquery('${SEARCH_LANGUAGE}', replace(plainto_tsquery('${SEARCH_LANGUAGE}', $2)::text, ' & ', ' | '))`,
};

const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2';

/**
 * Ranks the best chunks first and builds snippets for those only (ts_headline re-parses the
 * text, so it runs on `limit` rows, not on every match). A query of only stop words or
 * punctuation becomes an empty tsquery, which matches nothing: an empty result, not an error.
 */
export const searchSql = (mode: keyof typeof TSQUERY): string => `
  WITH query AS (SELECT ${TSQUERY[mode]} AS tsquery),
  ranked AS (
    SELECT chunk.id, chunk.document_id, chunk.heading_path, chunk.text,
           ts_rank(chunk.search_vector, query.tsquery) AS score
    FROM document_chunks chunk, query
    WHERE chunk.organization_id = $1
      AND chunk.search_vector @@ query.tsquery
      AND ($4::uuid IS NULL OR chunk.document_id = $4::uuid)
    ORDER BY score DESC, chunk.id
    LIMIT $3
  )
  SELECT ranked.id AS chunk_id, ranked.document_id, document.title AS document_title, ranked.heading_path,
         ts_headline('${SEARCH_LANGUAGE}', ranked.text, query.tsquery, '${HEADLINE_OPTIONS}') AS snippet,
         ranked.text, ranked.score
  FROM ranked
  JOIN documents document ON document.id = ranked.document_id AND document.organization_id = $1
  CROSS JOIN query
  ORDER BY ranked.score DESC, ranked.id`;

@Injectable()
export class KnowledgeSearchService implements PassageRetriever {
  constructor(private readonly tenant: TenantTransaction) {}

  /** `GET /v1/knowledge/search`. */
  async search(actor: Actor, query: SearchQuery): Promise<SearchHitView[]> {
    const rows = await this.find(actor, 'search', query.q, query.limit, query.documentId);
    return rows.map(({ text: _text, ...hit }) => hit);
  }

  /** The assistant's retrieval: the same search, any word of the question, with the whole text. */
  retrieve(actor: Actor, question: string, limit: number): Promise<Passage[]> {
    return this.find(actor, 'question', question, limit);
  }

  private async find(
    actor: Actor,
    mode: keyof typeof TSQUERY,
    text: string,
    limit: number,
    documentId?: string,
  ): Promise<Passage[]> {
    const rows = await this.tenant.run(actor.organizationId, (manager) =>
      manager.query<HitRow[]>(searchSql(mode), [actor.organizationId, text, limit, documentId ?? null]),
    );
    return rows.map((row) => ({
      chunkId: row.chunk_id,
      documentId: row.document_id,
      documentTitle: row.document_title,
      headingPath: row.heading_path,
      snippet: row.snippet,
      text: row.text,
      score: Number(row.score),
    }));
  }
}
