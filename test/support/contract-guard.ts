import { takeContractProblems } from './openapi-contract';

/**
 * Jest setup (setupFilesAfterEnv): a response the OpenAPI document does not describe fails the
 * test during which it was sent (or the file, when it came after the last test).
 */
const failOnContractProblems = (): void => {
  const problems = takeContractProblems();
  if (problems.length > 0) {
    throw new Error(`Responses that break the OpenAPI document:\n- ${problems.join('\n- ')}`);
  }
};

afterEach(failOnContractProblems);
afterAll(failOnContractProblems);
