import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Identity1795264148797 } from './migrations/1795264148797-Identity';
import { Knowledge1795265074354 } from './migrations/1795265074354-Knowledge';
import { Assistant1795265347305 } from './migrations/1795265347305-Assistant';
import { Tickets1795266595128 } from './migrations/1795266595128-Tickets';
import { IdentityRowLevelSecurity1795300000000 } from './migrations/1795300000000-IdentityRowLevelSecurity';
import { Billing1795310000000 } from './migrations/1795310000000-Billing';
import { OutboundMail1795400000000 } from './migrations/1795400000000-OutboundMail';
import { PasswordReset1795400000100 } from './migrations/1795400000100-PasswordReset';
import { TwoFactor1795400000200 } from './migrations/1795400000200-TwoFactor';
import { LexicalRanking1795668000000 } from './migrations/1795668000000-LexicalRanking';
import { HotPathFunctions1795670000000 } from './migrations/1795670000000-HotPathFunctions';
import { SemanticSearch1795700000000 } from './migrations/1795700000000-SemanticSearch';
import { SearchVectorWithoutTags1795710000000 } from './migrations/1795710000000-SearchVectorWithoutTags';
import { SignupConfirmation1795720000000 } from './migrations/1795720000000-SignupConfirmation';
import { RelatedTermsAndPassageWindows1795730000000 } from './migrations/1795730000000-RelatedTermsAndPassageWindows';
import { AnsweringPassageOfEachDocument1795740000000 } from './migrations/1795740000000-AnsweringPassageOfEachDocument';
import { VectorPartition1795750000000 } from './migrations/1795750000000-VectorPartition';
import { RankingAtScale1795760000000 } from './migrations/1795760000000-RankingAtScale';
import { PassageChosenByItsOwnWords1795780000000 } from './migrations/1795780000000-PassageChosenByItsOwnWords';
import { AsManyPassagesAsAsked1795790000000 } from './migrations/1795790000000-AsManyPassagesAsAsked';
import { ClusteredWordsWeighMore1795800000000 } from './migrations/1795800000000-ClusteredWordsWeighMore';
import { MoreDocumentsReScored1795810000000 } from './migrations/1795810000000-MoreDocumentsReScored';
import { SynonymsChooseThePassage1795820000000 } from './migrations/1795820000000-SynonymsChooseThePassage';

/** The statements a migration sends, in order, with their parameters. */
async function statementsOf(migration: MigrationInterface, direction: 'up' | 'down'): Promise<unknown[]> {
  const sent: unknown[] = [];
  const runner = { query: (sql: string, parameters?: unknown[]) => sent.push({ sql, parameters }) };
  await migration[direction](runner as unknown as QueryRunner);
  return sent;
}

// These migrations are released: whatever changes in how they are written, the statements they
// send must stay, to the byte, what they sent when they were released (each snapshot was taken from
// the migration as released, before any rewrite).
const released = [
  Identity1795264148797,
  Knowledge1795265074354,
  Assistant1795265347305,
  Tickets1795266595128,
  IdentityRowLevelSecurity1795300000000,
  Billing1795310000000,
  OutboundMail1795400000000,
  PasswordReset1795400000100,
  TwoFactor1795400000200,
  LexicalRanking1795668000000,
  HotPathFunctions1795670000000,
  SemanticSearch1795700000000,
  SearchVectorWithoutTags1795710000000,
  SignupConfirmation1795720000000,
  RelatedTermsAndPassageWindows1795730000000,
  AnsweringPassageOfEachDocument1795740000000,
  VectorPartition1795750000000,
  RankingAtScale1795760000000,
  PassageChosenByItsOwnWords1795780000000,
  AsManyPassagesAsAsked1795790000000,
  ClusteredWordsWeighMore1795800000000,
  MoreDocumentsReScored1795810000000,
  SynonymsChooseThePassage1795820000000,
];

describe.each(released)('released migration %p', (Migration) => {
  it.each(['up', 'down'] as const)('%s sends the statements it always sent', async (direction) => {
    expect(await statementsOf(new Migration(), direction)).toMatchSnapshot();
  });
});

it('snapshots every migration in the folder, so a new one is frozen once released', () => {
  const inFolder = readdirSync(join(__dirname, 'migrations'))
    .filter((file) => /^\d+-\w+\.ts$/.test(file))
    .map((file) => file.replace(/^(\d+)-(\w+)\.ts$/, '$2$1'));
  expect(released.map((migration) => migration.name).sort()).toEqual(inFolder.sort());
});
