/**
 * `BENCH_RETRIEVAL_MODE=lexical|semantic|hybrid` (default lexical, the app's default without a
 * provider): semantic and hybrid start the tests' local embeddings server and turn embeddings on.
 * Its vectors come from a small table of concepts (test/support/fake-embedding-server.ts), not
 * from a language model: figures taken with it say how the fusion behaves with a weak semantic
 * side, nothing about a real model's quality on these documents.
 */
import type { ApiClient } from '../../test/support/api-client';
import { FakeEmbeddingServer } from '../../test/support/fake-embedding-server';

export interface RetrievalMode {
  mode: string;
  /** Settings the app stack starts with. */
  env: Record<string, string>;
  /** The search route's query parameter for the mode ('' for the app's default). */
  query: string;
  /** Resolves once every document's embeddings are done (at once without a provider). */
  waitForEmbeddings(api: ApiClient, token: string, ids: Iterable<string>): Promise<void>;
  stop(): Promise<void>;
}

export async function retrievalMode(): Promise<RetrievalMode> {
  const mode = process.env.BENCH_RETRIEVAL_MODE ?? 'lexical';
  if (mode === 'lexical') {
    const done = (): Promise<void> => Promise.resolve();
    return { mode, env: {}, query: '', waitForEmbeddings: done, stop: done };
  }
  if (mode !== 'semantic' && mode !== 'hybrid')
    throw new Error(`BENCH_RETRIEVAL_MODE must be lexical, semantic or hybrid`);
  const provider = await new FakeEmbeddingServer().start();
  return {
    mode,
    env: { EMBEDDING_PROVIDER: 'openai', EMBEDDING_BASE_URL: provider.url, EMBEDDING_MODEL: 'concepts-1' },
    query: `&mode=${mode}`,
    async waitForEmbeddings(api, token, ids) {
      for (const id of ids) {
        for (;;) {
          const { body } = await api.get<{ data: { embedding?: { status: string } } }>(
            `/v1/knowledge/documents/${id}`,
            {
              token,
            },
          );
          if (body.data.embedding?.status !== 'embedding') break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    },
    stop: () => provider.stop(),
  };
}
