import type { EntityManager } from 'typeorm';
import type { Passage } from './passage-retriever';
import { escapeHtml } from './snippet';

/** Characters of a passage shown as the snippet of a hit found by meaning (no matched words to center on). */
const SNIPPET_CHARS = 320;

/** The passage's opening, cut on a word, escaped: the same HTML contract as a lexical snippet, without marks. */
export function openingSnippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_CHARS) return escapeHtml(flat);
  return `${escapeHtml(flat.slice(0, SNIPPET_CHARS).replace(/\s+\S*$/, ''))} …`;
}

const PASSAGES_SQL = `
  SELECT chunk.id AS chunk_id, chunk.document_id, document.title AS document_title, chunk.heading_path, chunk.text
  FROM document_chunks chunk
  JOIN documents document ON document.id = chunk.document_id AND document.organization_id = $1
  WHERE chunk.organization_id = $1 AND chunk.id = ANY($2::uuid[])`;

interface PassageRow {
  chunk_id: string;
  document_id: string;
  document_title: string;
  heading_path: string[];
  text: string;
}

/** Passages of these chunks of the organization, keyed by chunk id (a chunk deleted meanwhile is absent). */
export async function loadPassages(
  manager: EntityManager,
  organizationId: string,
  chunkIds: string[],
): Promise<Map<string, Omit<Passage, 'score'>>> {
  if (chunkIds.length === 0) return new Map();
  const rows = await manager.query<PassageRow[]>(PASSAGES_SQL, [organizationId, chunkIds]);
  return new Map(
    rows.map((row) => [
      row.chunk_id,
      {
        chunkId: row.chunk_id,
        documentId: row.document_id,
        documentTitle: row.document_title,
        headingPath: row.heading_path,
        snippet: openingSnippet(row.text),
        text: row.text,
      },
    ]),
  );
}
