/** Environment variable through which global-setup tells test workers where the services are. */
export const TEST_STACK = 'DESKBASE_TEST_STACK';

export interface TestStack {
  /** The application role (no superuser, no BYPASSRLS). */
  databaseUrl: string;
  /** The schema owner, as the migrations run (BYPASSRLS, owns the tables). */
  ownerUrl: string;
  /** A superuser, to inspect or arrange state behind the application's back. */
  superuserUrl: string;
  redisUrl: string;
  /** The product's OpenAPI document, which every test app's responses are checked against. */
  openApiFile: string;
}

export function testStack(): TestStack {
  const raw = process.env[TEST_STACK];
  if (!raw) throw new Error('The test stack is not running: run the suite with `npm test`.');
  return JSON.parse(raw) as TestStack;
}
