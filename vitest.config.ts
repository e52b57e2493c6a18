import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    setupFiles: ['test/support/property-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
