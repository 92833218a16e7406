/**
 * The sandbox world: state + clock + persistence. Every API call runs inside `transaction`, which
 * restores a snapshot when the handler throws, so a rejected request never leaves half an order.
 * Persistence: the whole state is written as JSON to `<dataDir>/state.json` via a temp file and an
 * atomic rename after every mutating call.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { Clock } from "./clock";
import type { Account, SandboxState } from "./types";

export const STATE_FILE = "state.json";

export class World {
  state: SandboxState;
  readonly clock = new Clock();
  /** loginName -> call timestamps (sandbox clock, ms) for the -42 call limit; not persisted. */
  readonly calls = new Map<string, number[]>();

  constructor(
    private readonly dataDir: string | undefined,
    initial: SandboxState,
  ) {
    this.state = initial;
    this.clock.restore(initial.clock);
  }

  static load(dataDir: string | undefined): SandboxState | undefined {
    if (!dataDir) return undefined;
    const file = path.join(dataDir, STATE_FILE);
    if (!fs.existsSync(file)) return undefined;
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as SandboxState;
    if (parsed.version !== 1) throw new Error(`Unsupported sandbox state version in ${file}`);
    return parsed;
  }

  now(): Date {
    return this.clock.now();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  replaceState(next: SandboxState): void {
    this.state = next;
    this.state.clock = this.clock.snapshot();
    this.calls.clear();
    this.persist();
  }

  persist(): void {
    this.state.clock = this.clock.snapshot();
    if (!this.dataDir) return;
    fs.mkdirSync(this.dataDir, { recursive: true });
    const file = path.join(this.dataDir, STATE_FILE);
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 1));
    fs.renameSync(tmp, file);
  }

  /** Runs `fn`; on throw the state is restored to what it was before. */
  transaction<T>(fn: () => T): T {
    const snapshot = structuredClone(this.state);
    try {
      return fn();
    } catch (error) {
      this.state = snapshot;
      throw error;
    }
  }

  /** Runs `fn` and always discards its state changes (test=Y). Order numbers stay consumed. */
  dryRun<T>(fn: () => T): T {
    const snapshot = structuredClone(this.state);
    try {
      return fn();
    } finally {
      const used = this.state.nextOrderNumber;
      this.state = snapshot;
      this.state.nextOrderNumber = used;
    }
  }

  nextOrderNumber(): string {
    return String(this.state.nextOrderNumber++);
  }

  newId(prefix: string): string {
    return `${prefix}-${this.state.nextId++}`;
  }

  account(loginName: string | undefined): Account | undefined {
    if (loginName === undefined) return undefined;
    return Object.hasOwn(this.state.accounts, loginName) ? this.state.accounts[loginName] : undefined;
  }
}

/** Short alphanumeric token (AutoApplyOrder `uniqueValue`, SiteLock site IDs). */
export function randomToken(length: number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

export function randomDigits(length: number): string {
  let out = String(1 + crypto.randomInt(9));
  while (out.length < length) out += String(crypto.randomInt(10));
  return out;
}

export function money(amount: number): string {
  return (Math.round(amount * 100) / 100).toFixed(2);
}
