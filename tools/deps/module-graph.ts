/**
 * Collapses dependency-cruiser's file graph to modules and finds the module-level cycles.
 *
 * dependency-cruiser's own `circular` rule sees loops of files only: lib/a/x.ts → lib/b/y.ts and
 * lib/b/z.ts → lib/a/w.ts form no file loop, yet the modules a and b import each other. Collapsing
 * each file to its module and looking for strongly connected components finds those too.
 */

/** The part of a dependency-cruiser result this file reads (ICruiseResult["modules"]). */
export type CruisedFile = { source: string; dependencies: ReadonlyArray<{ resolved: string }> };

/** One module-to-module import, with the file imports that make it (for the message). */
export type ModuleEdge = { from: string; to: string; files: Array<{ from: string; to: string }> };

/**
 * The module a file belongs to: a folder directly under lib/ or tools/ (a file directly under lib/
 * is a module of its own name: lib/db.ts joins lib/db). Everything else (routes, components, tests,
 * prisma/) is outside this graph: lib/ never imports routes or components and nothing imports tests
 * (file-level rules in .dependency-cruiser.mjs); routes and components are two layers of one screen
 * (a component calls its route's server action), not modules.
 */
export function moduleOf(file: string): string | null {
  const [top, second, ...rest] = file.split("/");
  if ((top !== "lib" && top !== "tools") || second === undefined) return null;
  return `${top}/${rest.length === 0 ? second.replace(/\.(d\.)?[cm]?[jt]sx?$/, "") : second}`;
}

/** Module edges (no self-edges), each listing the file imports that make it. */
export function moduleEdges(files: ReadonlyArray<CruisedFile>): ModuleEdge[] {
  const edges = new Map<string, ModuleEdge>();
  for (const file of files) {
    const from = moduleOf(file.source);
    if (from === null) continue;
    for (const dep of file.dependencies) {
      const to = moduleOf(dep.resolved);
      if (to === null || to === from) continue;
      const key = `${from}\0${to}`;
      const edge = edges.get(key) ?? { from, to, files: [] };
      edge.files.push({ from: file.source, to: dep.resolved });
      edges.set(key, edge);
    }
  }
  return [...edges.values()];
}

/**
 * Groups of modules that reach each other (Tarjan's strongly connected components), each sorted,
 * only those with two or more modules. Empty means the module graph is one-way.
 */
export function moduleCycles(edges: ReadonlyArray<ModuleEdge>): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    if (!next.has(e.to)) next.set(e.to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1) groups.push(group.sort());
  };

  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The module edges inside one cycle group, for a message that says which imports to look at. */
export function edgesWithin(group: ReadonlyArray<string>, edges: ReadonlyArray<ModuleEdge>): ModuleEdge[] {
  const inGroup = new Set(group);
  return edges
    .filter((e) => inGroup.has(e.from) && inGroup.has(e.to))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** A module cycle tolerated for now: exactly these modules, with why and what will end it. */
export interface KnownCycle {
  modules: string[];
  why: string;
}

/**
 * Splits the cycles found into those on the known list (exactly the same modules) and the rest.
 * A known cycle that grew (another module joined it) is not known: it fails like any new one.
 * `gone` lists known entries no longer found, so the list is pruned.
 */
export function judgeCycles(groups: ReadonlyArray<string[]>, known: ReadonlyArray<KnownCycle>) {
  const key = (modules: ReadonlyArray<string>) => [...modules].sort().join(" ");
  const knownByKey = new Map(known.map((k) => [key(k.modules), k]));
  const found = new Set(groups.map(key));
  return {
    unexpected: groups.filter((g) => !knownByKey.has(key(g))),
    tolerated: groups.flatMap((g) => (knownByKey.has(key(g)) ? [{ modules: g, why: knownByKey.get(key(g))!.why }] : [])),
    gone: known.filter((k) => !found.has(key(k.modules))),
  };
}
