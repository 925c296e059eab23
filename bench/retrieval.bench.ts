/**
 * Retrieval-quality benchmark (measured, not a test): `npm run bench:retrieval`.
 * Renders the manual pages installed on this machine to Markdown (nothing of it is committed),
 * uploads them through the API to one organization, lets the real worker index them, then asks
 * every question of bench/retrieval/questions.ts twice: the search route
 * (`GET /v1/knowledge/search`) and the assistant (`POST /v1/chat`, its `sources`).
 * Prints recall@1/@5, MRR, how often the expected document's first passage holds the answering
 * phrase, empty answers and latency, overall and by kind of question; writes
 * bench/results/retrieval-<timestamp>.json. Knobs: BENCH_RETRIEVAL_DOCS (corpus size, 200),
 * BENCH_RETRIEVAL_MODE (lexical, semantic or hybrid) and BENCH_RETRIEVAL_REPHRASE=1
 * (retrieval/retrieval-settings.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiClient, signUp } from '../test/support/api-client';
import { uploadFile, waitForIndexing } from '../test/support/knowledge-client';
import { startAppStack } from './app-stack';
import { buildCorpus } from './retrieval/man-corpus';
import { QUESTIONS } from './retrieval/questions';
import { retrievalSettings } from './retrieval/retrieval-settings';
import { normalize, type Outcome, type Summary, summarizeByKind } from './retrieval/scoring';

const DOCUMENTS = Number(process.env.BENCH_RETRIEVAL_DOCS ?? 200);
const SEARCH_LIMIT = 10;
const say = (line: string): boolean => process.stdout.write(`${line}\n`);

interface Hit {
  chunkId: string;
  documentId: string;
}

async function main(): Promise<void> {
  say(`rendering up to ${DOCUMENTS} manual pages...`);
  const { documents, missing } = buildCorpus([...new Set(QUESTIONS.map((q) => q.page))], DOCUMENTS);
  const questions = QUESTIONS.filter((q) => !missing.includes(q.page));
  if (missing.length > 0) say(`not installed here, their questions skipped: ${missing.join(', ')}`);

  const mode = await retrievalSettings();
  const stack = await startAppStack(mode.env);
  const api = new ApiClient(stack.url);
  const owner = await signUp(api, 'retrieval');
  const superuser = new Client({ connectionString: stack.postgres.superuserUrl });
  await superuser.connect();

  say(`uploading ${documents.length} documents...`);
  const indexStart = performance.now();
  const documentIds = new Map<string, string>();
  for (const document of documents) {
    const upload = await uploadFile(
      stack.url,
      owner.accessToken,
      Buffer.from(document.markdown),
      `${document.page}.md`,
      document.page,
    );
    if (upload.status !== 202) throw new Error(`upload of ${document.page} answered ${upload.status}`);
    documentIds.set(document.page, upload.body.data.id);
  }
  let chunks = 0;
  for (const [page, id] of documentIds) {
    const indexed = await waitForIndexing(api, owner.accessToken, id, 600_000);
    if (indexed.status !== 'ready') throw new Error(`${page} failed to index: ${indexed.error?.code}`);
    chunks += indexed.chunkCount;
  }
  await mode.waitForEmbeddings(api, owner.accessToken, documentIds.values());
  const indexSeconds = (performance.now() - indexStart) / 1000;
  say(`${documents.length} documents, ${chunks} chunks indexed in ${indexSeconds.toFixed(1)} s`);

  const chunkText = async (chunkId: string): Promise<string> =>
    (await superuser.query<{ text: string }>('SELECT text FROM document_chunks WHERE id = $1', [chunkId])).rows[0]
      ?.text ?? '';
  const judge = async (question: (typeof questions)[number], hits: Hit[], ms: number): Promise<Outcome> => {
    const expected = documentIds.get(question.page);
    const index = hits.findIndex((hit) => hit.documentId === expected);
    const passageAnswers =
      index >= 0 && normalize(await chunkText(hits[index].chunkId)).includes(normalize(question.answer));
    return { kind: question.kind, rank: index >= 0 ? index + 1 : null, passageAnswers, empty: hits.length === 0, ms };
  };

  const search: Outcome[] = [];
  const assistant: Outcome[] = [];
  const perQuestion: Array<{
    text: string;
    page: string;
    kind: string;
    searchRank: number | null;
    assistantRank: number | null;
  }> = [];
  for (const question of questions) {
    let started = performance.now();
    const found = await api.get<{ data: Hit[] }>(
      `/v1/knowledge/search?q=${encodeURIComponent(question.text)}&limit=${SEARCH_LIMIT}${mode.query}`,
      { token: owner.accessToken },
    );
    if (found.status !== 200) throw new Error(`search answered ${found.status} for "${question.text}"`);
    const searchOutcome = await judge(question, found.body.data, performance.now() - started);
    search.push(searchOutcome);

    started = performance.now();
    const asked = await api.post<{ data: { sources: Hit[] } }>('/v1/chat', {
      token: owner.accessToken,
      body: { message: question.text },
    });
    if (asked.status !== 200) throw new Error(`chat answered ${asked.status} for "${question.text}"`);
    const assistantOutcome = await judge(question, asked.body.data.sources, performance.now() - started);
    assistant.push(assistantOutcome);
    perQuestion.push({
      text: question.text,
      page: question.page,
      kind: question.kind,
      searchRank: searchOutcome.rank,
      assistantRank: assistantOutcome.rank,
    });
  }

  const results = {
    measuredAt: new Date().toISOString(),
    mode: mode.mode,
    rephrasing: mode.rephrasing,
    corpus: {
      documents: documents.length,
      chunks,
      indexSeconds: Number(indexSeconds.toFixed(1)),
      skippedPages: missing,
    },
    questions: questions.length,
    search: summarizeByKind(search),
    assistant: summarizeByKind(assistant),
    perQuestion,
  };
  const line = (label: string, s: Summary): string =>
    `${label.padEnd(22)} ${String(s.questions).padStart(3)}  R@1 ${String(s.recallAt1).padStart(3)}  R@5 ${String(s.recallAt5).padStart(3)}  MRR ${s.mrr.toFixed(3)}  first passage answers ${String(s.firstPassageAnswers).padStart(3)}  empty ${String(s.empty).padStart(3)}  p50 ${s.latencyMs.p50} ms  p95 ${s.latencyMs.p95} ms`;
  for (const [route, byKind] of [
    ['search', results.search],
    ['assistant', results.assistant],
  ] as const) {
    for (const kind of ['all', 'paraphrase', 'terms', 'keyword'] as const) say(line(`${route} ${kind}`, byKind[kind]));
  }
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = join(__dirname, 'results', `retrieval-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  say(`written to ${file}`);

  await superuser.end();
  await stack.stop();
  await mode.stop();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
