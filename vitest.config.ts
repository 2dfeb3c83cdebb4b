import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each test file starts its own instances; forks isolate native better-sqlite3 handles.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
