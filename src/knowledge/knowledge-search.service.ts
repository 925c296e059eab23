import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { TenantTransaction } from '../core/database/tenant-transaction';
import type { SearchQuery } from './dto/search.query';
import { SEARCH_LANGUAGE } from './search-language';
import type { SearchHitView } from './search-hit.view';

interface HitRow {
  chunk_id: string;
  document_id: string;
  document_title: string;
  heading_path: string[];
  snippet: string;
  score: number;
}

const HEADLINE_OPTIONS = 'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2';

/**
 * Ranks the best chunks first and builds snippets for those only (ts_headline re-parses the
 * text, so it runs on `limit` rows, not on every match). A query of only stop words or
 * punctuation becomes an empty tsquery, which matches nothing: an empty result, not an error.
 */
export const SEARCH_SQL = `
  WITH query AS (SELECT websearch_to_tsquery('${SEARCH_LANGUAGE}', $2) AS tsquery),
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
         ranked.score
  FROM ranked
  JOIN documents document ON document.id = ranked.document_id AND document.organization_id = $1
  CROSS JOIN query
  ORDER BY ranked.score DESC, ranked.id`;

@Injectable()
export class KnowledgeSearchService {
  constructor(private readonly tenant: TenantTransaction) {}

  async search(actor: Actor, query: SearchQuery): Promise<SearchHitView[]> {
    const rows = await this.tenant.run(actor.organizationId, (manager) =>
      manager.query<HitRow[]>(SEARCH_SQL, [actor.organizationId, query.q, query.limit, query.documentId ?? null]),
    );
    return rows.map((row) => ({
      chunkId: row.chunk_id,
      documentId: row.document_id,
      documentTitle: row.document_title,
      headingPath: row.heading_path,
      snippet: row.snippet,
      score: Number(row.score),
    }));
  }
}
