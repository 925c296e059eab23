import { type DynamicModule, Module } from '@nestjs/common';
import { AppModule } from '../../src/app.module';
import type { Actor } from '../../src/access/actor';
import type { AppConfig } from '../../src/core/config/app-config';
import { PASSAGE_RETRIEVER, type Passage, type PassageRetriever } from '../../src/knowledge/passage-retriever';

/**
 * Test stand-in for the knowledge base's search: passages per organization, set by the test.
 * Like the real one it answers only with the actor's organization's passages, so isolation
 * tests mean something; it records every call.
 */
export class PassageFixture implements PassageRetriever {
  readonly calls: Array<{ organizationId: string; question: string; limit: number }> = [];
  private readonly byOrganization = new Map<string, Passage[]>();

  set(organizationId: string, passages: Passage[]): void {
    this.byOrganization.set(organizationId, passages);
  }

  retrieve(actor: Actor, question: string, limit: number): Promise<Passage[]> {
    this.calls.push({ organizationId: actor.organizationId, question, limit });
    return Promise.resolve((this.byOrganization.get(actor.organizationId) ?? []).slice(0, limit));
  }
}

let counter = 0;

/** A passage with fresh ids; `over` sets what a test cares about. */
export function passage(over: Partial<Passage> = {}): Passage {
  counter += 1;
  const id = (n: number) => `00000000-0000-4000-8000-${String(counter * 10 + n).padStart(12, '0')}`;
  return {
    chunkId: id(1),
    documentId: id(2),
    documentTitle: `Document ${counter}`,
    headingPath: ['Guide'],
    snippet: `snippet ${counter}`,
    text: `Passage text ${counter}.`,
    score: 1,
    ...over,
  };
}

/** `startTestApp(overrides, withPassages(fixture))`: the real app, with the fixture as knowledge base. */
export const withPassages =
  (fixture: PassageFixture) =>
  (config: AppConfig): DynamicModule => {
    @Module({ providers: [{ provide: PASSAGE_RETRIEVER, useValue: fixture }], exports: [PASSAGE_RETRIEVER] })
    class PassageFixtureModule {}
    return AppModule.forRoot(config, { passageRetrieval: PassageFixtureModule });
  };
