// Nest 12 ships ESM: its JS is transformed to CommonJS by swc along with our TypeScript.
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '\\.(spec|int\\.spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs/|cookie/|light-my-request/node_modules/cookie/|content-disposition/))',
  ],
  moduleNameMapper: {
    '^@fresh/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  // dist/ is built once here; suites that run the CLI, server or bench as processes use it.
  globalSetup: '<rootDir>/test/support/build-dist.ts',
  testTimeout: 30000,
};
