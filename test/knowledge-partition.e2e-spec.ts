import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { listCountFor } from '../src/knowledge/embedding/k-means';
import { PartitionMaintenance } from '../src/knowledge/embedding/partition-maintenance';
import { PartitionTrainer } from '../src/knowledge/embedding/partition-trainer';
import { probesFor } from '../src/knowledge/embedding/partition-probes';
import { dot, unitVector, vectorFromBytes } from '../src/knowledge/embedding/vector-codec';
import { ApiClient, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { FakeEmbeddingServer } from './support/fake-embedding-server';
import {
  type SearchHitBody,
  startInProcessWorker,
  uploadAndEmbed,
  waitForEmbedding,
  waitForIndexing,
} from './support/knowledge-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testConfig } from './support/test-config';
import { testStack } from './support/test-stack';

const CLUSTERS = 10;
const DOCUMENTS = 40;
const SECTIONS = 5;
const DIMENSIONS = 32;

/** A deterministic pseudo-random unit vector for `seed`. */
function randomUnit(seed: number): Float32Array {
  let state = seed >>> 0;
  const vector = new Float32Array(DIMENSIONS).map(() => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296 - 0.5;
  });
  return unitVector(vector);
}

const hashOf = (text: string): number =>
  [...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);

/**
 * The provider's vectors for the generated set: a text naming `cluster<c>` lies near that
 * cluster's centre (plus its own noise, none when it says `centre`); anything else is random.
 */
function clusteredVector(text: string): Float32Array {
  const cluster = /cluster(\d+)/.exec(text);
  if (!cluster) return randomUnit(hashOf(text));
  const centre = randomUnit(1_000 + Number(cluster[1]));
  if (text.includes('centre')) return centre;
  const noise = randomUnit(hashOf(text));
  return unitVector(centre.map((value, index) => value + 0.6 * noise[index]));
}

/** Document d's section s is about cluster (d * SECTIONS + s) mod CLUSTERS: every cluster spans many documents. */
const generatedDocument = (document: number): string =>
  [
    `# Generated ${document}`,
    ...Array.from({ length: SECTIONS }, (_, section) => {
      const cluster = (document * SECTIONS + section) % CLUSTERS;
      return `## Part ${section}\n\nNotes on cluster${cluster} item ${document}-${section}.`;
    }),
  ].join('\n\n');

/**
 * The vector partition with the real worker and a local OpenAI-compatible provider: an
 * organization past EMBEDDING_PARTITION_MIN_VECTORS is partitioned, and searching a few of its
 * lists finds what an exact scan of every vector finds.
 */
describe('vector partition', () => {
  const provider = new FakeEmbeddingServer({ vectorOf: clusteredVector });
  let t: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let owner: Session;
  let other: Session;
  let appRole: DataSource;

  const semantic = async (who: Session, query: string): Promise<SearchHitBody[]> => {
    const response = await api.get<{ data: SearchHitBody[] }>(
      `/v1/knowledge/search?q=${encodeURIComponent(query)}&mode=semantic&limit=10`,
      { token: who.accessToken },
    );
    expect(response.headers.get('x-search-mode')).toBe('semantic');
    return response.body.data;
  };

  /** The exact top 10 of `query` (one passage per document, as the search keeps), from every stored vector. */
  const exactTop = async (organizationId: string, query: string): Promise<string[]> => {
    const rows = await sql<{ chunk_id: string; document_id: string; vector: Buffer }>(
      'SELECT chunk_id, document_id, vector FROM chunk_embeddings WHERE organization_id = $1',
      [organizationId],
    );
    const vector = clusteredVector(query);
    const ranked = rows
      .map((row) => ({ ...row, score: dot(vector, vectorFromBytes(row.vector)) }))
      .sort((a, b) => b.score - a.score);
    const seen = new Set<string>();
    return ranked
      .filter((row) => !seen.has(row.document_id) && seen.add(row.document_id))
      .slice(0, 10)
      .map((row) => row.chunk_id);
  };

  const maintain = (organizationId: string): Promise<number> =>
    worker.get(PartitionMaintenance).maintain(organizationId);

  beforeAll(async () => {
    await provider.start();
    const settings = {
      REDIS_URL: `${testStack().redisUrl}/10`,
      EMBEDDING_PROVIDER: 'openai',
      EMBEDDING_BASE_URL: provider.url,
      EMBEDDING_MODEL: 'clusters-1',
      EMBEDDING_DIMENSIONS: String(DIMENSIONS),
      EMBEDDING_PARTITION_MIN_VECTORS: '150',
      // Maintenance runs when a test asks it to.
      KNOWLEDGE_RECONCILE_INTERVAL_MS: '3600000',
    };
    t = await startTestApp(settings);
    worker = await startInProcessWorker(settings);
    api = new ApiClient(t.url);
    owner = await signUp(api, 'partition');
    other = await signUp(api, 'partition-other');
    appRole = await new DataSource(dataSourceOptions(testConfig(), 'partition-spec')).initialize();
    // One upload at a time (the upload memory budget answers 503 to a crowd), indexed side by side.
    const ids: string[] = [];
    for (let document = 0; document < DOCUMENTS; document++) {
      const { body } = await api.post<{ data: { id: string } }>('/v1/knowledge/documents', {
        token: owner.accessToken,
        body: { title: `Generated ${document}`, content: generatedDocument(document), format: 'markdown' },
      });
      ids.push(body.data.id);
    }
    for (const id of ids) {
      await waitForIndexing(api, owner.accessToken, id);
      await waitForEmbedding(api, owner.accessToken, id);
    }
  }, 180_000);
  afterAll(async () => {
    await appRole?.destroy();
    await worker?.close();
    await t?.close();
    await provider.stop();
  });

  it('leaves an organization below the threshold unpartitioned, and partitions one past it', async () => {
    const smallOne = await uploadAndEmbed(api, other.accessToken, 'Small', generatedDocument(0));
    expect(smallOne.embedding?.status).toBe('ready');
    expect(await maintain(other.organizationId)).toBe(0);
    expect(await sql('SELECT 1 FROM embedding_partitions WHERE organization_id = $1', [other.organizationId])).toEqual(
      [],
    );

    expect(await maintain(owner.organizationId)).toBe(1);
    const [partition] = await sql<{ lists: number; trained_on: number; generation: number }>(
      'SELECT lists, trained_on, generation FROM embedding_partitions WHERE organization_id = $1',
      [owner.organizationId],
    );
    // About sqrt(n) lists: 14 for 200 vectors.
    expect(partition).toEqual({
      lists: listCountFor(DOCUMENTS * SECTIONS),
      trained_on: DOCUMENTS * SECTIONS,
      generation: 1,
    });
    const lists = await sql<{ list: number | null }>(
      'SELECT DISTINCT list FROM chunk_embeddings WHERE organization_id = $1',
      [owner.organizationId],
    );
    expect(lists.map((row) => row.list)).not.toContain(null);
    // More lists hold vectors than a query probes: a probe really leaves some out.
    expect(lists.length).toBeGreaterThan(probesFor(partition.lists));

    // Maintenance again: nothing has grown, nothing is retrained.
    expect(await maintain(owner.organizationId)).toBe(0);
  });

  it('finds, probing a few lists, the same top results as an exact scan of every vector', async () => {
    for (let cluster = 0; cluster < CLUSTERS; cluster++) {
      const query = `cluster${cluster} question ${cluster * 7}`;
      const found = await semantic(owner, query);
      expect(found.map((hit) => hit.chunkId)).toEqual(await exactTop(owner.organizationId, query));
    }
  });

  it('keeps every vector in its nearest list when documents are written during a retraining', async () => {
    const key = { organizationId: owner.organizationId, model: 'clusters-1', dimensions: DIMENSIONS };
    const [{ count }] = await sql<{ count: number }>(
      'SELECT count(*)::int AS count FROM chunk_embeddings WHERE organization_id = $1',
      [owner.organizationId],
    );
    const [outcome] = await Promise.all([
      worker.get(PartitionTrainer).train(key, count, 1),
      (async () => {
        for (const index of [0, 1, 2]) {
          await uploadAndEmbed(api, owner.accessToken, `During ${index}`, generatedDocument(DOCUMENTS + index));
        }
      })(),
    ]);
    expect(outcome).not.toBeNull();
    await maintain(owner.organizationId);

    const centroids = (
      await sql<{ vector: Buffer }>('SELECT vector FROM embedding_centroids WHERE organization_id = $1 ORDER BY list', [
        owner.organizationId,
      ])
    ).map((row) => vectorFromBytes(row.vector));
    const rows = await sql<{ list: number | null; vector: Buffer }>(
      'SELECT list, vector FROM chunk_embeddings WHERE organization_id = $1',
      [owner.organizationId],
    );
    const misplaced = rows.filter((row) => {
      const vector = vectorFromBytes(row.vector);
      const scores = centroids.map((centroid) => dot(vector, centroid));
      return row.list === null || scores[row.list] < Math.max(...scores) - 1e-6;
    });
    expect({ vectors: rows.length, misplaced: misplaced.length }).toEqual({
      vectors: count + 3 * SECTIONS,
      misplaced: 0,
    });
  }, 120_000);

  it('assigns a vector written after training to its list at once, and finds a vector without a list too', async () => {
    const late = await uploadAndEmbed(api, owner.accessToken, 'Late', '# Late\n\nThe cluster3 centre itself.');
    const [row] = await sql<{ list: number | null }>('SELECT list FROM chunk_embeddings WHERE document_id = $1', [
      late.id,
    ]);
    expect(row.list).not.toBeNull();
    expect((await semantic(owner, 'cluster3 centre question'))[0].documentId).toBe(late.id);

    await sql('UPDATE chunk_embeddings SET list = NULL WHERE document_id = $1', [late.id]);
    expect((await semantic(owner, 'cluster3 centre question'))[0].documentId).toBe(late.id);
    // The next maintenance pass assigns it again.
    await maintain(owner.organizationId);
    expect(await sql('SELECT list FROM chunk_embeddings WHERE document_id = $1', [late.id])).toEqual([
      { list: row.list },
    ]);
  });

  it('removes a deleted document’s vectors, and no search finds it', async () => {
    const doomed = await uploadAndEmbed(api, owner.accessToken, 'Doomed', '# Doomed\n\nThe cluster5 centre itself.');
    expect((await semantic(owner, 'cluster5 centre question'))[0].documentId).toBe(doomed.id);
    const deleted = await api.delete(`/v1/knowledge/documents/${doomed.id}`, { token: owner.accessToken });
    expect(deleted.status).toBe(200);
    expect(await sql('SELECT 1 FROM chunk_embeddings WHERE document_id = $1', [doomed.id])).toEqual([]);
    expect((await semantic(owner, 'cluster5 centre question')).map((hit) => hit.documentId)).not.toContain(doomed.id);
  });

  it("keeps each organization's partition to itself under row-level security", async () => {
    const tenant = new TenantTransaction(appRole);
    const countIn = (organizationId: string, table: string) =>
      tenant.run(organizationId, async (manager) => {
        const [{ count }] = await manager.query<Array<{ count: number }>>(
          `SELECT count(*)::int AS count FROM ${table}`,
        );
        return count;
      });
    for (const table of ['embedding_partitions', 'embedding_centroids']) {
      expect(await countIn(owner.organizationId, table)).toBeGreaterThan(0);
      // Without a filter, as the other organization: nothing of the first one's.
      expect(await countIn(other.organizationId, table)).toBe(0);
    }
    await expect(
      tenant.run(other.organizationId, (manager) =>
        manager.query(
          `INSERT INTO embedding_centroids (organization_id, model, dimensions, list, vector) VALUES ($1, 'clusters-1', ${DIMENSIONS}, 99, '\\x00')`,
          [owner.organizationId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    // The other organization's search sees only its own document.
    const found = await semantic(other, 'cluster3 question');
    const ownerDocuments = await sql<{ id: string }>('SELECT id FROM documents WHERE organization_id = $1', [
      owner.organizationId,
    ]);
    const ownerIds = new Set(ownerDocuments.map((document) => document.id));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((hit) => ownerIds.has(hit.documentId))).toEqual([]);
  });
});
