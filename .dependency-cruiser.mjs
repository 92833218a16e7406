/**
 * The import rules `npm test` enforces (`npm run lint:deps`; tools/deps/check.ts runs it).
 *
 * A module is a folder directly under lib/ or tools/ (lib/orders, tools/sandbox; lib/db.ts belongs to
 * lib/db). Modules import in one direction: the file-level `no-circular` rule below catches a loop of
 * files; tools/deps/check.ts also collapses the graph to modules and fails on any module-level cycle
 * (two modules can import each other through files that form no file-level loop).
 *
 * Type-only imports count: a type is part of a module's surface, and `import type` from a module that
 * imports you back is still two rooms with a door each way.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A loop of imports between files, which decides load order at run time (a value read before " +
        "its module ran). Move the piece both sides need to the file that owns it. A loop closed only " +
        "by an `import type` loads nothing and is left out here; between modules, tools/deps/check.ts " +
        "counts those too.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "product-not-tools",
      severity: "error",
      comment:
        "Product code (app/, components/, lib/, proxy.ts, instrumentation-client.ts) never imports a tool " +
        "(tools/: sandbox, launcher, demo, bench). Tools serve the product; they are not part of it.",
      from: { path: "^(app|components|lib)/|^(proxy|instrumentation-client)\\.ts$" },
      to: { path: "^tools/" },
    },
    {
      name: "sandbox-not-app",
      severity: "error",
      comment:
        "The Sectigo sandbox is an oracle only if it reads Sectigo's documents, not the app: " +
        "tools/sandbox imports nothing from lib/, app/ or components/.",
      from: { path: "^tools/sandbox/" },
      to: { path: "^(lib|app|components)/" },
    },
    {
      name: "model-independent",
      severity: "error",
      comment:
        "tests/model holds an independent model of Sectigo's lifecycle written from the documents: the " +
        "model (every file there but the *.test.ts that drive it against the app) reaches nothing in " +
        "lib/, tools/, app/ or components/, directly or through another file.",
      from: { path: "^tests/model/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(lib|tools|app|components)/", reachable: true },
    },
    {
      name: "lib-not-ui",
      severity: "error",
      comment: "lib/ is everything that is not UI: it never imports a route (app/) or a component (components/).",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "An import the checker cannot resolve is an import no rule can see. Fix the path (or teach " +
        "this config the alias) so the rules above keep covering it.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    includeOnly: "^(app|components|lib|tools|tests|prisma|node_modules)/|^(proxy|instrumentation-client)\\.ts$|^@/|^\\.{1,2}/",
    exclude: { path: "^lib/generated/|^\\.next" },
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    skipAnalysisNotInRules: true,
  },
};

/**
 * Module cycles tolerated for now (tools/deps/check.ts): exactly these modules, each with why it is
 * still here and what ends it. Printed on every run; a cycle that gains a module, or any other cycle,
 * fails. Keep this list empty: an entry is a debt, not a rule.
 */
export const knownModuleCycles = [];
