/**
 * The retrieval benchmark's optional settings, from the environment:
 * - `BENCH_RETRIEVAL_MODE=lexical|semantic|hybrid` (default lexical, the app's default without a
 *   provider): semantic and hybrid start the tests' local embeddings server and turn embeddings
 *   on. Its vectors come from a small table of concepts (test/support/fake-embedding-server.ts),
 *   not from a language model: figures taken with it say how the fusion behaves with a weak
 *   semantic side, nothing about a real model's quality on these documents.
 * - `BENCH_RETRIEVAL_REPHRASE=1`: the assistant asks a model for other wordings of each question
 *   (ASSISTANT_QUERY_REPHRASING), the OpenAI provider pointed at the tests' local model server.
 *   That server answers scripted text, not a rephrasing: the figures show the cost of the extra
 *   call and how the fusion copes with unhelpful wordings, not what a real model would gain.
 */
import type { ApiClient } from '../../test/support/api-client';
import { FakeEmbeddingServer } from '../../test/support/fake-embedding-server';
import { FakeModelServer } from '../../test/support/fake-model-server';
import { waitForEmbedding } from '../../test/support/knowledge-client';

export interface RetrievalSettings {
  mode: string;
  rephrasing: boolean;
  /** Settings the app stack starts with. */
  env: Record<string, string>;
  /** The search route's query parameter for the mode ('' for the app's default). */
  query: string;
  /** Resolves once every document's embeddings are done (at once without a provider). */
  waitForEmbeddings(api: ApiClient, token: string, ids: Iterable<string>): Promise<void>;
  stop(): Promise<void>;
}

async function waitForEmbeddings(api: ApiClient, token: string, ids: Iterable<string>): Promise<void> {
  for (const id of ids) await waitForEmbedding(api, token, id, 600_000);
}

export async function retrievalSettings(): Promise<RetrievalSettings> {
  const mode = process.env.BENCH_RETRIEVAL_MODE ?? 'lexical';
  if (!['lexical', 'semantic', 'hybrid'].includes(mode)) {
    throw new Error('BENCH_RETRIEVAL_MODE must be lexical, semantic or hybrid');
  }
  const rephrasing = process.env.BENCH_RETRIEVAL_REPHRASE === '1';
  const embeddings = mode === 'lexical' ? null : await new FakeEmbeddingServer().start();
  const model = rephrasing ? await new FakeModelServer().start() : null;
  return {
    mode,
    rephrasing,
    env: {
      ...(embeddings && {
        EMBEDDING_PROVIDER: 'openai',
        EMBEDDING_BASE_URL: embeddings.url,
        EMBEDDING_MODEL: 'concepts-1',
      }),
      ...(model && {
        ASSISTANT_PROVIDER: 'openai',
        OPENAI_BASE_URL: `${model.url}/v1`,
        ASSISTANT_QUERY_REPHRASING: 'true',
      }),
    },
    query: mode === 'lexical' ? '' : `&mode=${mode}`,
    waitForEmbeddings: embeddings ? waitForEmbeddings : () => Promise.resolve(),
    stop: async () => {
      await embeddings?.stop();
      await model?.stop();
    },
  };
}
