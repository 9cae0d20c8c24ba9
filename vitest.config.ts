import { defineConfig } from "vitest/config";

// Integration tests start their own local runtime on free ports, so files may run side by side.
export const config = defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default"]
  }
});

// vitest reads the default export; named above for the house style.
// eslint-disable-next-line no-restricted-syntax
export default config;
