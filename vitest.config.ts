import { defineConfig } from "vitest/config";
import path from "node:path";

// `server-only` throws outside Next's server bundle; tests import server modules directly.
const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/model/**/*.test.ts"],
          // Model-based runs need the database and the sandbox: the integration project runs them.
          exclude: ["tests/model/**/*.model.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        // Sectigo client + sandbox over real HTTP on loopback (no database).
        resolve: { alias },
        test: { name: "sectigo", include: ["tests/sectigo/**/*.test.ts"], environment: "node" },
      },
      {
        // Real embedded PostgreSQL on its own port and data dir per file, so two files can run at once:
        // on 2 cores, 2 workers took the integration files from ~310 s to ~203 s (all 50 green).
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/model/**/*.model.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
