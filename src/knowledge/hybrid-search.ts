import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor';
import type { Passage } from './passage-retriever';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { Metrics } from '../core/metrics/metrics';
import { loadPassages } from './chunk-passages';
import { QueryEmbedder } from './embedding/query-embedder';
import { atMostPerDocument } from './embedding/at-most-per-document';
import { PartitionCentroids } from './embedding/partition-centroids';
import { listsToProbe } from './embedding/partition-probes';
import { candidatesFor, rankBySimilarity, type SemanticHit } from './embedding/semantic-ranking';
import { fuseRankings } from './fuse-rankings';
import type { SearchFallback, SearchMode } from './search-mode';
import { PASSAGES_PER_DOCUMENT } from './knowledge-bounds';

/** Passages of the lexical ranking, best first, at most `limit`. */
export type LexicalRanking = (limit: number) => Promise<Passage[]>;

export interface Retrieved {
  passages: Passage[];
  /** The ranking that answered. */
  mode: SearchMode;
  fallback?: SearchFallback;
}

/** Each side of a fusion ranks this many per result asked for, so a passage second-best on both still surfaces. */
const FUSION_DEPTH = 3;

/**
 * Semantic and hybrid retrieval around the lexical ranking (which stays the search service's):
 * embeds the query, ranks the organization's vectors of the configured model, and fuses the
 * two lists by reciprocal rank. A query that cannot be embedded answers lexically and says so.
 */
@Injectable()
export class HybridSearch {
  constructor(
    private readonly embedder: QueryEmbedder,
    private readonly tenant: TenantTransaction,
    private readonly metrics: Metrics,
    private readonly partitions: PartitionCentroids,
  ) {}

  /** `hybrid` when a provider is configured, `lexical` otherwise. */
  get defaultMode(): SearchMode {
    return this.embedder.provider ? 'hybrid' : 'lexical';
  }

  async retrieve(
    actor: Actor,
    mode: SearchMode,
    text: string,
    limit: number,
    lexical: LexicalRanking,
    documentId?: string,
  ): Promise<Retrieved> {
    if (mode === 'lexical') return { passages: await lexical(limit), mode };
    if (!this.embedder.provider) {
      return { passages: await lexical(limit), mode: 'lexical', fallback: 'embedding_not_configured' };
    }
    const depth = mode === 'hybrid' ? limit * FUSION_DEPTH : limit;
    // The lexical side does not wait for the query's vector: the two rankings run side by side.
    // The semantic side re-scores as many candidates as `limit` results need: the deeper ranks
    // only feed the fusion, and each candidate costs a full vector read.
    const [semantic, lexicalPassages] = await Promise.all([
      this.rankByMeaning(actor, text, depth, candidatesFor(limit), documentId),
      mode === 'hybrid' ? lexical(depth) : Promise.resolve(null),
    ]);
    if (!semantic) {
      this.metrics.recordSearchFallback();
      const passages = lexicalPassages?.slice(0, limit) ?? (await lexical(limit));
      return { passages, mode: 'lexical', fallback: 'embedding_unavailable' };
    }
    const chosen = lexicalPassages ? this.fuse(lexicalPassages, semantic, limit) : semantic;
    const known = new Map((lexicalPassages ?? []).map((passage) => [passage.chunkId, passage]));
    const unknown = chosen.filter((hit) => !known.has(hit.chunkId)).map((hit) => hit.chunkId);
    const loaded =
      unknown.length === 0
        ? new Map<string, Omit<Passage, 'score'>>()
        : await this.tenant.run(actor.organizationId, (manager) =>
            loadPassages(manager, actor.organizationId, unknown),
          );
    const passages = chosen.flatMap((hit) => {
      const passage = known.get(hit.chunkId) ?? loaded.get(hit.chunkId);
      return passage ? [{ ...passage, score: hit.score }] : [];
    });
    return { passages, mode };
  }

  /**
   * Each query retrieved in the default mode, the lists fused by reciprocal rank (the assistant's
   * question and its rephrasings); a passage found by several keeps its first query's snippet.
   */
  async retrieveFused(
    actor: Actor,
    queries: string[],
    limit: number,
    lexicalOf: (query: string) => LexicalRanking,
  ): Promise<Passage[]> {
    const lists = await Promise.all(
      queries.map(
        async (query) => (await this.retrieve(actor, this.defaultMode, query, limit, lexicalOf(query))).passages,
      ),
    );
    if (lists.length === 1) return lists[0];
    const passages = new Map<string, Passage>();
    for (const passage of lists.flat()) if (!passages.has(passage.chunkId)) passages.set(passage.chunkId, passage);
    const fused = fuseRankings(lists.map((list) => list.map((passage) => passage.chunkId)));
    return atMostPerDocument(
      fused.map(({ id, score }) => ({ ...(passages.get(id) as Passage), score })),
      PASSAGES_PER_DOCUMENT,
    ).slice(0, limit);
  }

  /** The organization's chunks nearest to the query's vector, or null when the query cannot be embedded now. */
  private async rankByMeaning(
    actor: Actor,
    text: string,
    depth: number,
    candidates: number,
    documentId?: string,
  ): Promise<SemanticHit[] | null> {
    const vector = await this.embedder.embed(text);
    const model = this.embedder.provider?.model;
    if (!vector || !model) return null;
    return this.tenant.run(actor.organizationId, async (manager) =>
      rankBySimilarity(manager, actor.organizationId, model, vector, depth, {
        candidates,
        documentId,
        perDocument: documentId ? depth : PASSAGES_PER_DOCUMENT,
        // Within one document every vector of it is a candidate: there are few, and no list holds them all.
        lists: documentId
          ? undefined
          : await listsToProbe(manager, this.partitions, actor.organizationId, model, vector),
      }),
    );
  }

  private fuse(lexical: Passage[], semantic: SemanticHit[], limit: number): SemanticHit[] {
    return fuseRankings([lexical.map((passage) => passage.chunkId), semantic.map((hit) => hit.chunkId)])
      .slice(0, limit)
      .map(({ id, score }) => ({ chunkId: id, score }));
  }
}
