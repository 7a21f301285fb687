import { defineConfig } from "vitest/config";

// Three projects, from fastest to slowest:
// - unit: pure functions, the emulator and the providers over real HTTP on 127.0.0.1, component wiring
//   under Pulumi mocks;
// - serialization: providers compiled with `tsc` and loaded back in a plain Node process;
// - e2e: the real Pulumi CLI and engine against the emulator (builds the CLI on first run).
export default defineConfig({
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "test/serialization/**", "**/node_modules/**"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "serialization",
          include: ["test/serialization/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 1_800_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
