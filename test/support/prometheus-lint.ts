/**
 * The rules of `promtool check metrics` that a scrape must pass, over a small parser of the
 * Prometheus text format (0.0.4): every sample belongs to a family with HELP and TYPE given once
 * and before its samples; counters end in `_total`, nothing else does; histogram and summary
 * samples use only their suffixes; names and labels are valid identifiers, label values properly
 * quoted and escaped, no label repeated; sample values are numbers.
 */
const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const SUFFIXES: Record<string, string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};
/** What Go's strconv.ParseFloat reads, as Prometheus does: NaN and Inf in any case (prom-client writes "Nan"). */
const VALUE = /^(?:[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)|[+-]?inf(?:inity)?|nan)$/i;

interface Family {
  help?: string;
  type?: string;
  sampled: boolean;
}

/** Parses `{a="x",b="y"}` from `at` (just after the metric name); returns the label names and where it ended. */
function parseLabels(line: string, at: number, problems: string[]): { names: string[]; end: number } {
  const names: string[] = [];
  let i = at + 1;
  while (i < line.length && line[i] !== '}') {
    const eq = line.indexOf('=', i);
    if (eq < 0) break;
    const name = line.slice(i, eq).trim();
    if (!LABEL.test(name) || name.startsWith('__')) problems.push(`invalid label name "${name}": ${line}`);
    if (names.includes(name)) problems.push(`label "${name}" repeated: ${line}`);
    names.push(name);
    if (line[eq + 1] !== '"') {
      problems.push(`label value not quoted: ${line}`);
      return { names, end: line.length };
    }
    let j = eq + 2;
    for (; j < line.length && line[j] !== '"'; j += 1) {
      if (line[j] === '\\') {
        if (!['\\', '"', 'n'].includes(line[j + 1] ?? '')) problems.push(`invalid escape in label value: ${line}`);
        j += 1;
      }
    }
    if (j >= line.length) {
      problems.push(`unterminated label value: ${line}`);
      return { names, end: line.length };
    }
    i = j + 1;
    if (line[i] === ',') i += 1;
  }
  if (line[i] !== '}') problems.push(`unterminated label set: ${line}`);
  return { names, end: i + 1 };
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(name: string, families: Map<string, Family>): string | undefined {
  if (families.has(name)) return name;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && families.has(base)) return base;
  }
  return undefined;
}

/** Every rule broken by `text`, one readable line each; empty when it would pass. */
export function lintExposition(text: string): string[] {
  const problems: string[] = [];
  const families = new Map<string, Family>();
  const family = (name: string): Family => {
    if (!families.has(name)) families.set(name, { sampled: false });
    return families.get(name)!;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
    if (meta) {
      const [, kind, name, rest = ''] = meta;
      if (!NAME.test(name)) problems.push(`invalid metric name "${name}"`);
      const f = family(name);
      if (f.sampled) problems.push(`${kind} for ${name} after its samples`);
      if (kind === 'HELP') {
        if (f.help !== undefined) problems.push(`second HELP for ${name}`);
        if (rest.trim() === '') problems.push(`empty HELP for ${name}`);
        f.help = rest;
      } else {
        if (f.type !== undefined) problems.push(`second TYPE for ${name}`);
        if (!TYPES.includes(rest)) problems.push(`unknown TYPE "${rest}" for ${name}`);
        f.type = rest;
        if (rest === 'counter' && !name.endsWith('_total')) problems.push(`counter ${name} should end in _total`);
        if (rest !== 'counter' && name.endsWith('_total'))
          problems.push(`non-counter ${name} should not end in _total`);
        if (rest !== 'histogram' && rest !== 'summary' && /_(bucket|sum|count)$/.test(name)) {
          problems.push(`${rest} ${name} should not end in _bucket, _sum or _count`);
        }
      }
      continue;
    }
    if (line.startsWith('#')) continue;
    const name = /^[^\s{]+/.exec(line)?.[0] ?? '';
    if (!NAME.test(name)) {
      problems.push(`invalid sample line: ${line}`);
      continue;
    }
    let rest = line.slice(name.length);
    if (rest.startsWith('{')) {
      const { names, end } = parseLabels(line, name.length, problems);
      const base = familyOf(name, families);
      if (base && families.get(base)!.type === 'histogram' && name.endsWith('_bucket') && !names.includes('le')) {
        problems.push(`histogram bucket without le: ${line}`);
      }
      rest = line.slice(end);
    }
    const [value, timestamp, ...extra] = rest.trim().split(/\s+/);
    if (!VALUE.test(value ?? '') || (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) || extra.length > 0) {
      problems.push(`invalid value: ${line}`);
    }
    const base = familyOf(name, families);
    if (!base) {
      problems.push(`sample ${name} has no HELP or TYPE`);
      continue;
    }
    const f = families.get(base)!;
    f.sampled = true;
    if (f.type === undefined || f.help === undefined) problems.push(`${base} lacks HELP or TYPE`);
    else if (!SUFFIXES[f.type].includes(name.slice(base.length)))
      problems.push(`sample ${name} does not fit ${f.type} ${base}`);
  }
  return [...new Set(problems)];
}
