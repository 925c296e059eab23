/** Unit specs beside the code, e2e specs in test/; one run, one PostgreSQL and Redis for all. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j)s$': swc },
  // NestJS 12, uuid and a few of their dependencies ship ESM only; Jest's CommonJS runtime needs them compiled.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|content-disposition|cookie|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit|load-esm|uid|uuid|unpdf|marked|htmlparser2|domhandler|domutils|domelementtype|dom-serializer|entities|docx|nanoid)/)',
  ],
  reporters: ['default', ['<rootDir>/test/support/results-file-reporter.cjs', { name: 'main' }]],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // The contract test: a response the OpenAPI document does not describe fails its test.
  setupFilesAfterEnv: ['<rootDir>/test/support/contract-guard.ts'],
  testTimeout: 30_000,
  // Each worker boots whole applications; two match the two cores CI has.
  maxWorkers: 2,
};
