import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { ApiClient, ApiResponse } from './api-client';
import { testConfig } from './test-config';
import { WorkerModule } from '../../src/worker.module';

export interface DocumentBody {
  id: string;
  title: string;
  status: 'queued' | 'processing' | 'ready' | 'failed';
  format: string;
  chunkCount: number;
  version: number;
  progress: number;
  error: { code: string; message: string } | null;
}

export interface SearchHitBody {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  headingPath: string[];
  snippet: string;
  score: number;
}

/** POSTs a file as multipart/form-data, the way a browser form would. */
export async function uploadFile(
  baseUrl: string,
  token: string,
  bytes: Buffer,
  filename: string,
  title?: string,
): Promise<ApiResponse<{ data: DocumentBody; error?: { code: string } }>> {
  const form = new FormData();
  if (title !== undefined) form.append('title', title);
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  const response = await fetch(`${baseUrl}/v1/knowledge/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** Polls a document until it leaves queued/processing. */
export async function waitForIndexing(
  api: ApiClient,
  token: string,
  id: string,
  timeoutMs = 90_000,
): Promise<DocumentBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.get<{ data: DocumentBody }>(`/v1/knowledge/documents/${id}`, { token });
    if (body.data.status === 'ready' || body.data.status === 'failed') return body.data;
    if (Date.now() > deadline) throw new Error(`document ${id} still ${body.data.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface EmbeddedDocument extends DocumentBody {
  embedding?: { status: string; progress: number; code: string | null };
}

/** Embeddings follow indexing: polls a document until its embeddings are no longer on their way. */
export async function waitForEmbedding(
  api: ApiClient,
  token: string,
  id: string,
  timeoutMs = 30_000,
): Promise<EmbeddedDocument> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const { body } = await api.get<{ data: EmbeddedDocument }>(`/v1/knowledge/documents/${id}`, { token });
    if (body.data.embedding && body.data.embedding.status !== 'embedding') return body.data;
    if (Date.now() > deadline) throw new Error(`document ${id} still embedding`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads Markdown as JSON and waits until it is indexed and its embeddings are done. */
export async function uploadAndEmbed(
  api: ApiClient,
  token: string,
  title: string,
  content: string,
): Promise<EmbeddedDocument> {
  const response = await api.post<{ data: DocumentBody }>('/v1/knowledge/documents', {
    token,
    body: { title, content, format: 'markdown' },
  });
  if (response.status !== 200 && response.status !== 202) throw new Error(`upload answered ${response.status}`);
  await waitForIndexing(api, token, response.body.data.id);
  return waitForEmbedding(api, token, response.body.data.id);
}

/** The worker process's module, run in this process: its indexing worker consumes the test Redis. */
export async function startInProcessWorker(overrides: Record<string, string> = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(overrides)), {
    logger: false,
  });
  await app.init();
  return app;
}
