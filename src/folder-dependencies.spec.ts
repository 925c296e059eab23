import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SRC = __dirname;
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.[^']+)'/g;

/** The top-level folder of src/ a file belongs to; files at the top (the composition roots) belong to none. */
const folderOf = (file: string): string | null => {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : null;
};

const sourceFiles = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

/** For each top-level folder, the other folders its files import, with one file that does. */
function folderImports(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const to = folderOf(resolve(dirname(file), specifier));
      if (!to || to === from) continue;
      const targets = graph.get(from) ?? new Map<string, string>();
      if (!targets.has(to)) targets.set(to, relative(SRC, file));
      graph.set(from, targets);
    }
  }
  return graph;
}

/** Every path that leads from a folder back to itself, each step with a file that takes it. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  const explain = (path: string[]): string =>
    path
      .slice(1)
      .map((to, i) => `${path[i]} -> ${to} (${graph.get(path[i])!.get(to)})`)
      .join(', ');
  // Each cycle once: walked from its alphabetically first folder.
  const walk = (path: string[]): void => {
    for (const next of graph.get(path.at(-1)!)?.keys() ?? []) {
      if (next === path[0]) found.push(explain([...path, next]));
      else if (!path.includes(next) && next > path[0]) walk([...path, next]);
    }
  };
  for (const folder of graph.keys()) walk([folder]);
  return found;
}

// Imports between the folders of src/ run one way (README, "How it is built"): a cycle between two
// domains, or core importing a domain, fails here with the files that close it.
describe('imports between the folders of src/', () => {
  const graph = folderImports();

  it('form no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('leave core importing no domain', () => {
    expect(Object.fromEntries(graph.get('core') ?? [])).toEqual({});
  });
});
