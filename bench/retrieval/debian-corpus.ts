/**
 * The retrieval benchmark's second corpus: Debian's own documentation as installed on this
 * machine under /usr/share/doc (Debian Reference chapters in HTML, READMEs, FAQs and Markdown
 * guides; gzipped files are inflated). Nothing of it is committed. It needs the
 * `debian-reference-en` package for most of its questions; a document that is not installed is
 * simply absent and its questions skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CorpusDocument } from './corpus-document';

const DOC_ROOT = '/usr/share/doc';
/** Files that are documentation prose, not licences, change logs or build data. */
const PROSE = /(^|\/)(README[^/]*|FAQ|faq\.txt|[^/]+\.md|[^/]+\.txt|[^/]+\.html)(\.gz)?$/;
const NOT_PROSE = /changelog|copyright|NEWS|THANKS|AUTHORS|\.pdf|\/api\//i;
const MIN_BYTES = 2_000;
const MAX_BYTES = 2_000_000;
/** Fillers stay small, so the corpus has about the size of a small team's knowledge base. */
const MAX_FILLER_BYTES = 100_000;

/** `dir/file` relative to the documentation root, `.gz` dropped: a document's key and title. */
const keyOf = (path: string): string => relative(DOC_ROOT, path).replace(/\.gz$/, '');

// eslint-disable-next-line no-control-regex -- a file holding control characters is not text the API accepts
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** The file's bytes (inflated), or null when it is not UTF-8 text, as the upload route requires. */
function read(path: string): Buffer | null {
  try {
    const raw = readFileSync(path);
    const bytes = path.endsWith('.gz') ? gunzipSync(raw) : raw;
    return CONTROL.test(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) ? null : bytes;
  } catch {
    return null;
  }
}

/** Documentation files installed here, by key, sorted. */
function installedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (directory: string, depth: number): void => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory() && depth < 4) walk(path, depth + 1);
      else if (
        stat.isFile() &&
        PROSE.test(path) &&
        !NOT_PROSE.test(path) &&
        stat.size >= 500 &&
        stat.size <= MAX_BYTES
      ) {
        files.set(keyOf(path), path);
      }
    }
  };
  if (existsSync(DOC_ROOT)) walk(DOC_ROOT, 0);
  return files;
}

/**
 * The corpus: every document a question names, then filler files spread over the installed
 * packages until `size` documents, so the answers hide among unrelated documentation.
 */
export function buildDebianCorpus(
  questionDocuments: string[],
  size: number,
): { documents: CorpusDocument[]; missing: string[] } {
  const installed = installedFiles();
  const documents: CorpusDocument[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  // One copy of a file installed twice (symbolic links, a package's copy of another's).
  const seenContent = new Set<string>();
  const add = (key: string, filler: boolean): boolean => {
    if (seen.has(key)) return true;
    const path = installed.get(key);
    const content = path ? read(path) : null;
    if (!path || !content) return false;
    const digest = createHash('sha256').update(content).digest('hex');
    if (filler && (content.length < MIN_BYTES || content.length > MAX_FILLER_BYTES || seenContent.has(digest)))
      return false;
    seen.add(key);
    seen.add(keyOf(realpathSync(path)));
    seenContent.add(digest);
    documents.push({ key, title: key, filename: key.split('/').pop() ?? key, content });
    return true;
  };
  for (const key of questionDocuments) if (!add(key, false)) missing.push(key);
  // Fillers in rounds over the packages (each one's first file, then second, ...).
  const byPackage = new Map<string, string[]>();
  for (const key of installed.keys()) {
    const pkg = key.split('/')[0];
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), key]);
  }
  for (let round = 0; documents.length < size && [...byPackage.values()].some((keys) => keys.length > round); round++) {
    for (const keys of byPackage.values()) {
      if (documents.length >= size) break;
      if (keys.length > round) add(keys[round], true);
    }
  }
  return { documents, missing };
}
