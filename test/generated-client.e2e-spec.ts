import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { uniqueEmail } from './support/api-client';
import { startTestApp, type TestApp } from './support/test-app';

const CLIENT_DIR = join(__dirname, 'client');
const PROGRAM = join(CLIENT_DIR, 'deskbase-client.ts');

/** The program's entry point; its own types are checked by compileErrors(), not by this suite's. */
interface ClientProgram {
  runClientScenario(baseUrl: string, email: string): Promise<unknown>;
}

/** Types from the document, as a client author makes them: the openapi-typescript command. */
async function generateTypes(document: string): Promise<void> {
  const input = join(CLIENT_DIR, 'generated', 'openapi.json');
  mkdirSync(join(CLIENT_DIR, 'generated'), { recursive: true });
  writeFileSync(input, document);
  const cli = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
  await promisify(execFile)(process.execPath, [cli, input, '-o', join(CLIENT_DIR, 'generated', 'deskbase-api.d.ts')]);
}

/** Type errors of the client program under test/client/tsconfig.json (strict). */
function compileErrors(): string[] {
  const { config } = ts.readConfigFile(join(CLIENT_DIR, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, CLIENT_DIR);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** `as`, `<T>x`, `x!` and `satisfies` in the program: each would hide a gap in the generated types. */
function casts(): string[] {
  const source = ts.createSourceFile(PROGRAM, ts.sys.readFile(PROGRAM) ?? '', ts.ScriptTarget.ES2023, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isAsExpression(node) ||
      ts.isTypeAssertionExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      found.push(node.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * A client generated from the live document (openapi-typescript types + openapi-fetch) must
 * compile under --strict without a cast and work against the API: sign up and in, create,
 * list with filters, comment, and get a typed 409 for a stale version.
 */
describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await generateTypes(await (await fetch(`${t.url}/docs/json`)).text());
  }, 60_000);
  afterAll(() => t.close());

  it('compiles under --strict with no cast', () => {
    expect(compileErrors()).toEqual([]);
    expect(casts()).toEqual([]);
  });

  it('signs in, creates, lists with filters, comments and handles a 409 against the running API', async () => {
    // Imported only now: the program's types are the ones generated above.
    const { runClientScenario } = (await import(PROGRAM)) as ClientProgram;
    const result = await runClientScenario(t.url, uniqueEmail('generated-client'));
    expect(result).toEqual({
      ticketNumber: 1,
      listedSubjects: ['Printer on fire'],
      listTotal: 1,
      commentBody: 'Fire brigade called.',
      updatedVersion: 2,
      conflictCode: 'conflict',
      conflictStatus: 409,
    });
  });
});
