import { Client } from 'pg';
import { testStack } from './test-stack';

/**
 * Runs SQL as the superuser, behind the application's back: to check what was (not) stored,
 * or to arrange a state the API cannot reach (an expired row). Never used by the app itself.
 */
export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: testStack().superuserUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
