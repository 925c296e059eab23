/**
 * Retrieval-quality benchmark (measured, not a test): `npm run bench:retrieval`.
 * Builds each corpus of retrieval/corpora.ts from documentation installed on this machine
 * (manual pages rendered to Markdown; Debian's documentation under the doc root; nothing of it
 * is committed), uploads it through the API to an organization of its own, lets the real worker
 * index it, then asks each of its questions twice: the search route (`GET /v1/knowledge/search`)
 * and the assistant (`POST /v1/chat`, its `sources`).
 * Prints recall@1/@5, MRR, how often the expected document's first passage holds the answering
 * phrase, empty answers and latency, overall and by kind of question; writes
 * bench/results/retrieval-<timestamp>.json. Knobs: BENCH_RETRIEVAL_CORPUS (`man,debian`),
 * BENCH_RETRIEVAL_DOCS (documents per corpus; each corpus has its default), BENCH_RETRIEVAL_MODE
 * (lexical, semantic or hybrid) and BENCH_RETRIEVAL_REPHRASE=1 (retrieval/retrieval-settings.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiClient, signUp } from '../test/support/api-client';
import { uploadFile, waitForIndexing } from '../test/support/knowledge-client';
import { type AppStack, startAppStack } from './app-stack';
import { CORPORA, type Corpus } from './retrieval/corpora';
import type { Question } from './retrieval/questions';
import { type RetrievalSettings, retrievalSettings } from './retrieval/retrieval-settings';
import { normalize, type Outcome, type Summary, summarizeByKind } from './retrieval/scoring';

const CHOSEN = (process.env.BENCH_RETRIEVAL_CORPUS ?? 'man,debian').split(',').map((name) => name.trim());
const SEARCH_LIMIT = 10;
/** A corpus missing more than this share of its questions' documents is skipped, not measured. */
const MOST_MISSING = 0.5;
const say = (line: string): boolean => process.stdout.write(`${line}\n`);

interface Hit {
  chunkId: string;
  /** An assistant's source: every chunk it quotes, chunkId first. */
  chunkIds?: string[];
  documentId: string;
}

const line = (label: string, s: Summary): string =>
  `${label.padEnd(22)} ${String(s.questions).padStart(3)}  R@1 ${String(s.recallAt1).padStart(3)}  R@5 ${String(s.recallAt5).padStart(3)}  MRR ${s.mrr.toFixed(3)}  first passage answers ${String(s.firstPassageAnswers).padStart(3)} (its best chunk ${String(s.firstChunkAnswers).padStart(3)})  empty ${String(s.empty).padStart(3)}  p50 ${s.latencyMs.p50} ms  p95 ${s.latencyMs.p95} ms`;

export interface IndexedCorpus {
  corpus: Corpus;
  questions: Question[];
  token: string;
  documentIds: Map<string, string>;
  summary: { name: string; documents: number; chunks: number; indexSeconds: number; skipped: string[] };
}

/** Uploads the corpus to an organization of its own and waits for indexing; null when it is not installed. */
export async function indexCorpus(
  stack: AppStack,
  superuser: Client,
  corpus: Corpus,
  mode: RetrievalSettings,
): Promise<IndexedCorpus | null> {
  const size = Number(process.env.BENCH_RETRIEVAL_DOCS ?? corpus.size);
  say(`[${corpus.name}] building up to ${size} documents...`);
  const { documents, missing } = corpus.build([...new Set(corpus.questions.map((q) => q.page))], size);
  const questions = corpus.questions.filter((q) => !missing.includes(q.page));
  if (questions.length < corpus.questions.length * (1 - MOST_MISSING)) {
    say(`[${corpus.name}] skipped: ${missing.length} of its documents are not installed here (${corpus.installHint})`);
    return null;
  }
  if (missing.length > 0) say(`[${corpus.name}] not installed here, their questions skipped: ${missing.join(', ')}`);

  const api = new ApiClient(stack.url);
  const owner = await signUp(api, `retrieval-${corpus.name}`);
  say(`[${corpus.name}] uploading ${documents.length} documents...`);
  const indexStart = performance.now();
  const documentIds = new Map<string, string>();
  for (const document of documents) {
    const upload = await uploadFile(stack.url, owner.accessToken, document.content, document.filename, document.title);
    if (upload.status !== 202) throw new Error(`upload of ${document.key} answered ${upload.status}`);
    documentIds.set(document.key, upload.body.data.id);
  }
  let chunks = 0;
  for (const [key, id] of documentIds) {
    const indexed = await waitForIndexing(api, owner.accessToken, id, 600_000);
    if (indexed.status !== 'ready') throw new Error(`${key} failed to index: ${indexed.error?.code}`);
    chunks += indexed.chunkCount;
  }
  await mode.waitForEmbeddings(api, owner.accessToken, documentIds.values());
  const indexSeconds = (performance.now() - indexStart) / 1000;
  say(`[${corpus.name}] ${documents.length} documents, ${chunks} chunks indexed in ${indexSeconds.toFixed(1)} s`);

  // A question whose answering phrase is in no chunk of its document cannot score a first passage: say so.
  for (const question of questions) {
    const { rows } = await superuser.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM document_chunks
                       WHERE document_id = $1 AND lower(regexp_replace(text, '\\s+', ' ', 'g')) LIKE '%' || $2 || '%') AS found`,
      [documentIds.get(question.page), normalize(question.answer).replace(/[\\%_]/g, '\\$&')],
    );
    if (!rows[0].found)
      say(`[${corpus.name}] answering phrase not in any chunk of ${question.page}: "${question.answer}"`);
  }
  return {
    corpus,
    questions,
    token: owner.accessToken,
    documentIds,
    summary: {
      name: corpus.name,
      documents: documents.length,
      chunks,
      indexSeconds: Number(indexSeconds.toFixed(1)),
      skipped: missing,
    },
  };
}

/** Asks every question of an indexed corpus of the search route and of the assistant, and prints the measures. */
export async function askQuestions(
  stack: AppStack,
  superuser: Client,
  indexed: IndexedCorpus,
  mode: RetrievalSettings,
): Promise<object> {
  const { corpus, questions, token, documentIds } = indexed;
  const api = new ApiClient(stack.url);
  // One statement for all of a source's chunks: a pg client runs one query at a time.
  const chunkTexts = async (chunkIds: string[]): Promise<string[]> => {
    const { rows } = await superuser.query<{ id: string; text: string }>(
      'SELECT id, text FROM document_chunks WHERE id = ANY($1::uuid[])',
      [chunkIds],
    );
    const byId = new Map(rows.map((row) => [row.id, row.text]));
    return chunkIds.map((id) => byId.get(id) ?? '');
  };
  const answers = async (chunkIds: string[], question: Question): Promise<boolean> =>
    normalize((await chunkTexts(chunkIds)).join(' ')).includes(normalize(question.answer));
  const judge = async (question: Question, hits: Hit[], ms: number): Promise<Outcome> => {
    const expected = documentIds.get(question.page);
    const index = hits.findIndex((hit) => hit.documentId === expected);
    const hit = index >= 0 ? hits[index] : null;
    return {
      kind: question.kind,
      rank: hit ? index + 1 : null,
      passageAnswers: hit !== null && (await answers(hit.chunkIds ?? [hit.chunkId], question)),
      chunkAnswers: hit !== null && (await answers([hit.chunkId], question)),
      empty: hits.length === 0,
      ms,
    };
  };

  const search: Outcome[] = [];
  const assistant: Outcome[] = [];
  const perQuestion: Array<{
    text: string;
    page: string;
    kind: string;
    searchRank: number | null;
    searchPassageAnswers: boolean;
    assistantRank: number | null;
    assistantPassageAnswers: boolean;
    assistantChunkAnswers: boolean;
  }> = [];
  for (const question of questions) {
    let started = performance.now();
    const found = await api.get<{ data: Hit[] }>(
      `/v1/knowledge/search?q=${encodeURIComponent(question.text)}&limit=${SEARCH_LIMIT}${mode.query}`,
      { token },
    );
    if (found.status !== 200) throw new Error(`search answered ${found.status} for "${question.text}"`);
    const searchOutcome = await judge(question, found.body.data, performance.now() - started);
    search.push(searchOutcome);

    started = performance.now();
    const asked = await api.post<{ data: { sources: Hit[] } }>('/v1/chat', { token, body: { message: question.text } });
    if (asked.status !== 200) throw new Error(`chat answered ${asked.status} for "${question.text}"`);
    const assistantOutcome = await judge(question, asked.body.data.sources, performance.now() - started);
    assistant.push(assistantOutcome);
    perQuestion.push({
      text: question.text,
      page: question.page,
      kind: question.kind,
      searchRank: searchOutcome.rank,
      searchPassageAnswers: searchOutcome.passageAnswers,
      assistantRank: assistantOutcome.rank,
      assistantPassageAnswers: assistantOutcome.passageAnswers,
      assistantChunkAnswers: assistantOutcome.chunkAnswers,
    });
  }

  const results = {
    corpus: indexed.summary,
    questions: questions.length,
    search: summarizeByKind(search),
    assistant: summarizeByKind(assistant),
    perQuestion,
  };
  for (const [route, byKind] of [
    ['search', results.search],
    ['assistant', results.assistant],
  ] as const) {
    for (const kind of ['all', 'paraphrase', 'terms', 'keyword'] as const) {
      say(line(`${corpus.name} ${route} ${kind}`, byKind[kind]));
    }
  }
  return results;
}

async function main(): Promise<void> {
  const corpora = CORPORA.filter((corpus) => CHOSEN.includes(corpus.name));
  if (corpora.length === 0)
    throw new Error(`BENCH_RETRIEVAL_CORPUS names no corpus of ${CORPORA.map((c) => c.name).join(', ')}`);
  const mode = await retrievalSettings();
  const stack = await startAppStack(mode.env);
  const superuser = new Client({ connectionString: stack.postgres.superuserUrl });
  await superuser.connect();
  const measured: Record<string, object | null> = {};
  for (const corpus of corpora) {
    const indexed = await indexCorpus(stack, superuser, corpus, mode);
    measured[corpus.name] = indexed ? await askQuestions(stack, superuser, indexed, mode) : null;
  }

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const file = join(__dirname, 'results', `retrieval-${Date.now()}.json`);
  const run = { measuredAt: new Date().toISOString(), mode: mode.mode, rephrasing: mode.rephrasing };
  writeFileSync(file, JSON.stringify({ ...run, corpora: measured }, null, 2));
  say(`written to ${file}`);

  await superuser.end();
  await stack.stop();
  await mode.stop();
}

if (require.main === module)
  void main().catch((error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  });
