import fs from "node:fs";
import path from "node:path";
import { can, ROLES, type Permission, type Role } from "@/lib/auth/roles";

/** A page of the app, read from app/**\/page.tsx: its route and who may open it. */
export interface AppPage {
  /** `/orders/[id]` */
  route: string;
  /** What the page asks of requireActor(...): null when any signed-in user may open it. */
  permission: Permission | null;
  /** Roles that may open it. */
  roles: Role[];
}

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
/** Pages that are not pages of the signed-in app: sign-in redirects a signed-in user, sign-out ends the session. */
const OUTSIDE_THE_APP = new Set(["/signin", "/signout", "/forbidden"]);

function pageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageFiles(full);
    return entry.name === "page.tsx" ? [full] : [];
  });
}

/** Every page of the app, generated from the route files (route groups like `(app)` are not in the URL). */
export function appPages(): AppPage[] {
  return pageFiles(APP_DIR)
    .map((file) => {
      const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
      const route = `/${segments.join("/")}`;
      const permission = (/requireActor\("(\w+)"\)/.exec(fs.readFileSync(file, "utf8"))?.[1] ?? null) as Permission | null;
      return { route, permission, roles: ROLES.filter((role) => !permission || can(role, permission)) };
    })
    .filter((p) => !OUTSIDE_THE_APP.has(p.route))
    .sort((a, b) => a.route.localeCompare(b.route));
}

/**
 * A real address for a route: a dynamic segment takes an id from a link the app itself shows on
 * the pages already visited (`/orders/[id]` -> the first `/orders/<id>` link that is not another
 * page's static path). Null when no visited page links to one.
 */
export function realAddress(route: string, links: Iterable<string>, staticRoutes: Set<string>): string | null {
  if (!route.includes("[")) return route;
  const at = route.indexOf("/[");
  const prefix = route.slice(0, at);
  const rest = route.slice(route.indexOf("]", at) + 1);
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/([^/?#]+)$`);
  for (const link of links) {
    const id = pattern.exec(link)?.[1];
    if (id && !staticRoutes.has(`${prefix}/${id}`)) return realAddress(`${prefix}/${id}${rest}`, links, staticRoutes);
  }
  return null;
}
