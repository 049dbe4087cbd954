// One runner for every suite: unit specs sit beside the code (src/, projections/),
// contract, e2e and acceptance suites live under test/.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  // hyparquet(-writer) ship ES modules only: compiled to CommonJS like our own files (Node 20 runs them natively)
  transform: { '^.+\\.ts$': swc, '/node_modules/hyparquet(-writer)?/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!hyparquet)'],
  testMatch: ['<rootDir>/{src,projections,test}/**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};
