import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'search/**/*.test.ts', 'emails/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/worker-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A console error during a test fails it (see worker-setup.ts).
    onConsoleLog: () => true,
  },
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  esbuild: { jsx: 'automatic' },
});
