import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "~": path.resolve(__dirname, "app") };

/** Integration tests on a real database, one per test file (tests/support/integration-setup.ts). */
function integration(name: string, env: Record<string, string>) {
  return {
    resolve: { alias },
    esbuild: { jsx: "automatic" as const },
    test: {
      name,
      include: ["tests/integration/**/*.test.ts"],
      environment: "node",
      env,
      setupFiles: ["tests/support/integration-setup.ts"],
      pool: "forks" as const,
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig({
  resolve: { alias },
  esbuild: { jsx: "automatic" },
  test: {
    projects: [
      {
        resolve: { alias },
        esbuild: { jsx: "automatic" },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
          environment: "node",
        },
      },
      integration("integration", {}),
      // The same integration tests, on PostgreSQL (scripts/test.sh runs it when one is reachable).
      integration("integration-postgres", { TEST_DB: "postgres" }),
      {
        resolve: { alias },
        esbuild: { jsx: "automatic" },
        test: {
          name: "documents",
          // Word documents opened by LibreOffice (tests/support/libreoffice.ts): seconds each.
          include: ["tests/documents/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        esbuild: { jsx: "automatic" },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          // The browser needs more than the default second to show a change (saves wait a pause).
          expect: { poll: { timeout: 10_000 } },
          environment: "node",
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          fileParallelism: false,
          // A journey that fails twice in a row fails the run (docs/decisions/042).
          retry: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
