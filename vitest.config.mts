import { defineConfig } from "vitest/config";

// Integration tests start their own local runtime on free ports, so files may run side by side.
// vitest reads the default export.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2
  }
});
