import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { TenantTransaction } from '../src/core/database/tenant-transaction';
import { MAX_QUOTED_CHUNKS } from '../src/knowledge/passage-retriever';
import { ApiClient, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import {
  type DocumentBody,
  type SearchHitBody,
  startInProcessWorker,
  waitForIndexing,
} from './support/knowledge-client';
import { startTestApp, type TestApp } from './support/test-app';
import { testConfig } from './support/test-config';

jest.setTimeout(120_000);

/** A generic heading over many chunks, against one rare word in one body. */
const installGuide = (n: number): string =>
  `## Install a package\n\nTo install a package, open the package manager and choose install. Guide ${n}.`;

/** Ranking, search syntax, snippets and term statistics of the knowledge base, through the API. */
describe('knowledge ranking', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let api: ApiClient;
  let owner: Session;
  let other: Session;
  const documents: Record<string, DocumentBody> = {};

  const upload = async (who: Session, title: string, content: string, format = 'markdown'): Promise<DocumentBody> => {
    const response = await api.post<{ data: DocumentBody }>('/v1/knowledge/documents', {
      token: who.accessToken,
      body: { title, content, format },
    });
    expect(response.status).toBe(202);
    const document = await waitForIndexing(api, who.accessToken, response.body.data.id);
    expect(document.status).toBe('ready');
    return document;
  };
  const search = async (query: string, who = owner): Promise<SearchHitBody[]> => {
    const response = await api.get<{ data: SearchHitBody[] }>(
      `/v1/knowledge/search?q=${encodeURIComponent(query)}&limit=10`,
      { token: who.accessToken },
    );
    expect(response.status).toBe(200);
    return response.body.data;
  };
  const titles = (hits: SearchHitBody[]): string[] => hits.map((hit) => hit.documentTitle);

  /** The statistics as stored, and as recounted from the chunks themselves. */
  const statistics = async (organizationId: string) => {
    const [stored, recounted, corpus, chunks] = await Promise.all([
      sql<{ term: string; chunk_count: number }>(
        'SELECT term, chunk_count FROM knowledge_terms WHERE organization_id = $1 ORDER BY term',
        [organizationId],
      ),
      sql<{ term: string; chunk_count: number }>(
        `SELECT lexeme AS term, count(*)::int AS chunk_count FROM document_chunks, unnest(search_vector)
         WHERE organization_id = $1 GROUP BY lexeme ORDER BY lexeme`,
        [organizationId],
      ),
      sql<{ chunk_count: number; term_count: string }>(
        'SELECT chunk_count, term_count FROM knowledge_corpus WHERE organization_id = $1',
        [organizationId],
      ),
      sql<{ chunk_count: number; term_count: string }>(
        `SELECT count(*)::int AS chunk_count, coalesce(sum(length(search_vector)), 0)::text AS term_count
         FROM document_chunks WHERE organization_id = $1`,
        [organizationId],
      ),
    ]);
    return { stored, recounted, corpus: corpus[0] ?? { chunk_count: 0, term_count: '0' }, chunks: chunks[0] };
  };
  const expectExactStatistics = async (organizationId: string): Promise<void> => {
    const { stored, recounted, corpus, chunks } = await statistics(organizationId);
    expect(stored).toEqual(recounted);
    expect(corpus).toEqual(chunks);
  };

  beforeAll(async () => {
    t = await startTestApp();
    worker = await startInProcessWorker();
    api = new ApiClient(t.url);
    owner = await signUp(api, 'ranking');
    other = await signUp(api, 'ranking-other');
    const uploads: Record<string, [Session, string, string, string?]> = {
      guides: [owner, 'Install guides', [1, 2, 3, 4].map(installGuide).join('\n\n')],
      rare: [
        owner,
        'Printer drivers',
        '# Printers\n\n## Setup\n\nThe quokkaprinter driver needs the vendor firmware before you install it.',
      ],
      code: [
        owner,
        'Token handling',
        [
          '# Tokens',
          '',
          'Call jwt.decode(token, key) to read the claims; it raises on a bad signature.',
          '',
          'Set max_retry_count in /etc/deskbase/agent.conf and start the ReconnectingSocket with --no-color.',
        ].join('\n'),
      ],
      many: [
        owner,
        'Wombat almanac',
        Array.from(
          { length: 8 },
          (_, i) => `## Wombat chapter ${i}\n\n${'Wombat burrows are dug at night by the wombat. '.repeat(25)}`,
        ).join('\n\n'),
      ],
      syntax: [
        owner,
        'Refunds',
        '# Refunds\n\n## Gift cards\n\nA gift card is refunded as store credit.\n\n## Vouchers\n\nA voucher card is never refunded.',
      ],
      hostile: [
        owner,
        'Hostile',
        '<img src=x onerror=alert(document.cookie)> quokkaprinter <mark>forged</mark> &lt;script&gt;alert(1)&lt;/script&gt;',
        'text',
      ],
      hostileHtml: [
        owner,
        'Hostile HTML',
        '<html><body><p>The zebrafinch guide: &lt;script&gt;alert(2)&lt;/script&gt; and &lt;mark&gt;fake&lt;/mark&gt;.</p></body></html>',
        'html',
      ],
      others: [other, 'Printer drivers', 'The quokkaprinter driver of another organization.'],
      bundles: [owner, 'Shipping bundles', 'Every bundle ships with a printed invoice.'],
      parcels: [owner, 'Parcel post', 'A parcel sent abroad needs a customs declaration.'],
      colours: [owner, 'Banner colours', 'The banner colour follows the theme.'],
      // Written in the documentation's words: a customer says the machine "froze" or "locked up".
      lockups: [owner, 'Console recovery', 'When the console hangs, hold Alt and SysRq and type REISUB.'],
      lantern: [
        owner,
        'Lantern care',
        [
          // Sections that name the question's words more often, apart, than the one that answers it
          // (a few: the passage is chosen among the document's best four by their words alone).
          ...Array.from(
            { length: 3 },
            (_, i) =>
              `## Lantern part ${i}\n\n${'The lantern wick burns oil. Each week the glass needs a soft cloth; trimming scissors stay in the box. '.repeat(8)}`,
          ),
          '## Flame\n\nA smoking flame means it is time to trim the wick weekly, level with the burner.',
        ].join('\n\n'),
      ],
      // Lists and names are common words here; the manual page's name is not.
      guests: [
        owner,
        'Guest lists',
        Array.from(
          { length: 6 },
          (_, i) => `## Guest list ${i}\n\nThe guest list names every visitor of day ${i}.`,
        ).join('\n\n'),
      ],
      // A manual page: its short NAME section repeats the title's word, the OPTIONS one answers.
      manual: [
        owner,
        'zorblat',
        [
          '# zorblat',
          '## NAME',
          'zorblat - send a signal to a process',
          '## OPTIONS',
          '-s, --signal SIGNAL: specify the signal to be sent, by number or by its symbolic form.',
          '-q, --queue VALUE: use sigqueue rather than kill, and send an integer with the signal.',
          '-p, --pid: print the process identifier of each named process instead of sending anything.',
          '-a, --all: do not restrict the command-name-to-pid conversion to processes with the same user id.',
          '-l, --list: list signal names. With an argument, convert a number to its symbolic form.',
          '-t, --table: print a table of the known signals with their numbers.',
          '--timeout MILLISECONDS: wait that long, then follow up with a second signal, usually a final one.',
          '--verbose: report what is sent to which process, one line for each, on the standard error stream.',
        ].join('\n\n'),
      ],
    };
    // All at once: the worker indexes them side by side.
    const indexed = await Promise.all(Object.values(uploads).map((args) => upload(...args)));
    Object.keys(uploads).forEach((name, i) => (documents[name] = indexed[i]));
  }, 300_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('ranks the passage holding the rare term above generic headings that match common words', async () => {
    const hits = await search('how do I install the quokkaprinter');
    expect(hits[0].documentId).toBe(documents.rare.id);
  });

  it('answers a question by any of its meaningful words, ordinary words never acting as operators', async () => {
    // "nightly", "VM" and "fix" appear nowhere; "or" and "-x" are words here, not syntax.
    expect(titles(await search('nightly VM fix for the quokkaprinter driver or the scanner?'))[0]).toBe(
      'Printer drivers',
    );
    expect(titles(await search('quokkaprinter -firmware'))[0]).toBe('Printer drivers');
  });

  it("finds a passage by a word meaning the same as the question's, below one holding the question's own word", async () => {
    const found = titles(await search('bundle'));
    expect(found[0]).toBe('Shipping bundles');
    expect(found).toContain('Parcel post');
    // No document has the question's own word: its synonym alone finds the passage.
    expect(titles(await search('sheaf'))).toContain('Shipping bundles');
  });

  it("finds a passage by the domain thesaurus's synonym of a customer's word or phrase, which WordNet does not know", async () => {
    expect(titles(await search('it froze again'))).toContain('Console recovery');
    expect(titles(await search('it locked up again'))).toContain('Console recovery');
  });

  it('finds a British spelling by the American one', async () => {
    expect(titles(await search('color'))).toContain('Banner colours');
  });

  it('applies phrases, exclusions and OR when the input is clearly search syntax', async () => {
    const phrase = await search('"gift card" -voucher');
    expect(phrase.map((hit) => hit.headingPath.at(-1))).toEqual(['Gift cards']);
    const either = await search('zebrafinch OR wombat');
    expect(new Set(titles(either))).toEqual(new Set(['Wombat almanac', 'Hostile HTML']));
  });

  it('finds code-like tokens by their parts and whole', async () => {
    for (const query of [
      'PyJWT decode',
      'jwt.decode',
      'max retry count',
      'reconnecting socket',
      'agent.conf',
      '--no-color',
    ]) {
      expect(titles(await search(query))[0]).toBe('Token handling');
    }
  });

  it("returns one passage of each document among the results, and a document's passages when searching within it", async () => {
    const hits = await search('wombat burrows');
    expect(hits.filter((hit) => hit.documentId === documents.many.id)).toHaveLength(1);
    const within = await api.get<{ data: SearchHitBody[] }>(
      `/v1/knowledge/search?q=wombat+burrows&limit=5&documentId=${documents.many.id}`,
      { token: owner.accessToken },
    );
    expect(within.body.data).toHaveLength(5);
    expect(new Set(within.body.data.map((hit) => hit.chunkId)).size).toBe(5);
    const scores = within.body.data.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("shows, of a document, the passage where the question's words stand together, not the one repeating them", async () => {
    const [hit] = await search('how often should I trim the wick?');
    expect(hit.documentId).toBe(documents.lantern.id);
    expect(hit.headingPath).toEqual(['Flame']);
  });

  it("shows the passage answering the rest of the question, not the short one repeating the document's title", async () => {
    const [hit] = await search('zorblat: list signal names');
    expect(hit.documentId).toBe(documents.manual.id);
    expect(hit.headingPath.at(-1)).toBe('OPTIONS');
  });

  it("quotes a document's best few passages in one chat source, the best one first", async () => {
    const asked = await api.post<{ data: { sources: Array<SearchHitBody & { chunkIds: string[] }> } }>('/v1/chat', {
      token: owner.accessToken,
      body: { message: 'how often should I trim the lantern wick?' },
    });
    expect(asked.status).toBe(200);
    const sources = asked.body.data.sources;
    expect(new Set(sources.map((source) => source.documentId)).size).toBe(sources.length);
    const lantern = sources.find((source) => source.documentId === documents.lantern.id);
    expect(lantern?.chunkIds[0]).toBe(lantern?.chunkId);
    expect(lantern?.chunkIds.length).toBeGreaterThan(1);
    const quoted = await sql<{ document_id: string; heading_path: string[] }>(
      'SELECT document_id, heading_path FROM document_chunks WHERE id = ANY($1::uuid[])',
      [lantern?.chunkIds],
    );
    expect(quoted).toHaveLength(lantern?.chunkIds.length ?? 0);
    expect(new Set(quoted.map((row) => row.document_id))).toEqual(new Set([documents.lantern.id]));
  });

  it('quotes as many passages of a document in one chat source as a source may hold, when it has that many', async () => {
    const asked = await api.post<{ data: { sources: Array<SearchHitBody & { chunkIds: string[] }> } }>('/v1/chat', {
      token: owner.accessToken,
      body: { message: 'when are wombat burrows dug?' },
    });
    expect(asked.status).toBe(200);
    const almanac = asked.body.data.sources.find((source) => source.documentId === documents.many.id);
    // The almanac has eight chunks that match; five is the most a source quotes (MAX_QUOTED_CHUNKS).
    expect(new Set(almanac?.chunkIds)).toHaveProperty('size', MAX_QUOTED_CHUNKS);
    const quoted = await sql<{ document_id: string }>(
      'SELECT document_id FROM document_chunks WHERE id = ANY($1::uuid[])',
      [almanac?.chunkIds],
    );
    expect(quoted.map((row) => row.document_id)).toEqual(Array(MAX_QUOTED_CHUNKS).fill(documents.many.id));
  });

  it('snippets are the best sentence, escaped, with only our <mark> tags, in search and in the chat sources', async () => {
    const [hit] = await search('quokkaprinter forged');
    const inChat = await api.post<{ data: { sources: SearchHitBody[] } }>('/v1/chat', {
      token: owner.accessToken,
      body: { message: 'quokkaprinter forged' },
    });
    expect(inChat.status).toBe(200);
    const source = inChat.body.data.sources.find((s) => s.documentId === documents.hostile.id);
    for (const snippet of [hit.snippet, source?.snippet ?? '']) {
      expect(snippet).toContain('&lt;img src=x onerror=alert(document.cookie)&gt;');
      expect(snippet).toContain('<mark>quokkaprinter</mark>');
      expect(snippet).toContain('&lt;mark&gt;<mark>forged</mark>&lt;/mark&gt;');
      expect(snippet).toContain('&amp;lt;script&amp;gt;');
      expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    }
    const [html] = await search('zebrafinch');
    expect(html.snippet).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html.snippet).toContain('&lt;mark&gt;fake&lt;/mark&gt;');
    expect(html.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);

    const [printer] = await search('vendor firmware');
    expect(printer.snippet).toBe(
      'The quokkaprinter driver needs the <mark>vendor</mark> <mark>firmware</mark> before you install it.',
    );
  });

  it('keeps term statistics exact as documents are indexed, re-indexed and deleted, per organization', async () => {
    await expectExactStatistics(owner.organizationId);
    await expectExactStatistics(other.organizationId);

    const reindexed = await api.post<{ data: DocumentBody }>(`/v1/knowledge/documents/${documents.code.id}/reindex`, {
      token: owner.accessToken,
    });
    expect(reindexed.status).toBeLessThan(300);
    await waitForIndexing(api, owner.accessToken, documents.code.id);
    await expectExactStatistics(owner.organizationId);

    const before = await statistics(owner.organizationId);
    const deleted = await api.delete(`/v1/knowledge/documents/${documents.rare.id}`, { token: owner.accessToken });
    expect(deleted.status).toBeLessThan(300);
    await expectExactStatistics(owner.organizationId);
    const after = await statistics(owner.organizationId);
    expect(after.corpus.chunk_count).toBeLessThan(before.corpus.chunk_count);
    expect(after.stored.find((row) => row.term === 'quokkaprint')?.chunk_count).toBe(1); // the hostile text still has it
    expect(await search('firmware vendor')).toEqual([]);
    // The other organization's statistics did not move.
    await expectExactStatistics(other.organizationId);
    expect((await statistics(other.organizationId)).stored.find((row) => row.term === 'quokkaprint')?.chunk_count).toBe(
      1,
    );
  });

  it("keeps each document's stored title terms those of its title, as indexed and when the title changes", async () => {
    const recount = (organizationId: string) =>
      sql<{ stored: string[]; parsed: string[] }>(
        `SELECT title_terms AS stored,
                tsvector_to_array(to_tsvector('english', title || ' ' || knowledge_code_parts(title))) AS parsed
         FROM documents WHERE organization_id = $1`,
        [organizationId],
      );
    const rows = await recount(owner.organizationId);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row.stored).toEqual(row.parsed);

    await sql(`UPDATE documents SET title = 'Quokkaprinter firmware_update guide' WHERE id = $1`, [
      documents.others.id,
    ]);
    const [renamed] = await sql<{ title_terms: string[] }>('SELECT title_terms FROM documents WHERE id = $1', [
      documents.others.id,
    ]);
    expect([...renamed.title_terms].sort()).toEqual(['firmwar', 'guid', 'quokkaprint', 'updat']);
  });

  describe('the ranking function under row-level security', () => {
    let dataSource: DataSource;
    let tenants: TenantTransaction;
    const rank = 'SELECT * FROM knowledge_rank_passages($1, ARRAY[$2], NULL, 0.3, 0.5, NULL, NULL, 10, 1, NULL, 1)';

    beforeAll(async () => {
      dataSource = await new DataSource(dataSourceOptions(testConfig(), 'ranking-rls-spec')).initialize();
      tenants = new TenantTransaction(dataSource);
    });
    afterAll(() => dataSource?.destroy());

    it("ranks the transaction's organization only", async () => {
      const rows = await tenants.run(other.organizationId, (m) =>
        m.query<Array<{ document_id: string }>>(rank, [other.organizationId, 'quokkaprint']),
      );
      expect(rows.map((row) => row.document_id)).toEqual([documents.others.id]);
    });

    it("refuses another organization's id, and returns nothing without a tenant", async () => {
      await expect(
        tenants.run(other.organizationId, (m) => m.query(rank, [owner.organizationId, 'quokkaprint'])),
      ).rejects.toThrow(/limited to the organization of the transaction/);
      expect(await dataSource.query(rank, [owner.organizationId, 'quokkaprint'])).toEqual([]);
    });
  });
});
