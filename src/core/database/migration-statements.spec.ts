import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Identity1795264148797 } from './migrations/1795264148797-Identity';
import { Knowledge1795265074354 } from './migrations/1795265074354-Knowledge';
import { Assistant1795265347305 } from './migrations/1795265347305-Assistant';
import { Tickets1795266595128 } from './migrations/1795266595128-Tickets';
import { Billing1795310000000 } from './migrations/1795310000000-Billing';
import { OutboundMail1795400000000 } from './migrations/1795400000000-OutboundMail';

/** The statements a migration sends, in order, with their parameters. */
async function statementsOf(migration: MigrationInterface, direction: 'up' | 'down'): Promise<unknown[]> {
  const sent: unknown[] = [];
  const runner = { query: (sql: string, parameters?: unknown[]) => sent.push({ sql, parameters }) };
  await migration[direction](runner as unknown as QueryRunner);
  return sent;
}

// These migrations are released: whatever changes in how they are written, the statements they
// send must stay, to the byte, what they sent when they were released (the snapshots were taken then).
describe.each([
  Identity1795264148797,
  Knowledge1795265074354,
  Assistant1795265347305,
  Tickets1795266595128,
  Billing1795310000000,
  OutboundMail1795400000000,
])('released migration %p', (Migration) => {
  it.each(['up', 'down'] as const)('%s sends the statements it always sent', async (direction) => {
    expect(await statementsOf(new Migration(), direction)).toMatchSnapshot();
  });
});
