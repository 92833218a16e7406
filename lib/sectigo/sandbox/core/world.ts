/**
 * The sandbox world: state + clock + persistence. Every API call runs inside `transaction`, which
 * restores a snapshot when the handler throws, so a rejected request never leaves half an order.
 * Persistence: the whole state is written as JSON to `<dataDir>/state.json` via a temp file and an
 * atomic rename after every mutating call. The file holds reseller passwords: the temp file is
 * created 0600 (a rename keeps its mode), the directory 0700 when the sandbox creates it.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { Clock } from "./clock";
import type { Account, Customer, License, Order, SandboxState } from "./types";

export const STATE_FILE = "state.json";

export interface BulkRecords {
  accounts?: Account[];
  customers?: Customer[];
  licenses?: License[];
  orders?: Order[];
}

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
    fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dataDir, STATE_FILE);
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 1), { flag: "wx", mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  /** Runs `fn`; on throw the state and the clock are restored to what they were before. */
  transaction<T>(fn: () => T): T {
    const snapshot = structuredClone(this.state);
    const clock = this.clock.snapshot();
    try {
      return fn();
    } catch (error) {
      this.state = snapshot;
      this.clock.restore(clock);
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

  /**
   * Bulk seeding (admin route /__sandbox/seed, world:scale): inserts whole records at once, refusing
   * (before any change) a key that already exists, then persists once.
   */
  bulkInsert(records: BulkRecords): void {
    const tables = [
      ["accounts", records.accounts ?? [], (r: Account) => r.loginName],
      ["customers", records.customers ?? [], (r: Customer) => r.id],
      ["licenses", records.licenses ?? [], (r: License) => r.id],
      ["orders", records.orders ?? [], (r: Order) => r.orderNumber],
    ] as const;
    for (const [table, rows, key] of tables) {
      const seen = new Set<string>();
      for (const row of rows as Array<Account & Customer & License & Order>) {
        const k = (key as (r: typeof row) => string)(row);
        if (seen.has(k) || Object.hasOwn(this.state[table], k)) throw new Error(`bulkInsert: ${table} ${k} exists already`);
        seen.add(k);
      }
    }
    for (const [table, rows, key] of tables) {
      const target = this.state[table] as Record<string, unknown>;
      for (const row of rows as Array<Account & Customer & License & Order>) target[(key as (r: typeof row) => string)(row)] = row;
    }
    this.persist();
  }

  nextOrderNumber(): string {
    return String(this.state.nextOrderNumber++);
  }

  newId(prefix: string): string {
    return `${prefix}-${this.state.nextId++}`;
  }

  /**
   * Lookups by a key that came from a request: own keys only, so `__proto__`, `constructor` or
   * `toString` find nothing instead of Object.prototype's members.
   */
  account(loginName: string | undefined): Account | undefined {
    return own(this.state.accounts, loginName);
  }

  order(orderNumber: string | undefined): Order | undefined {
    return own(this.state.orders, orderNumber);
  }

  customer(id: string | null | undefined): Customer | undefined {
    return own(this.state.customers, id ?? undefined);
  }

  licence(id: string | null | undefined): License | undefined {
    return own(this.state.licenses, id ?? undefined);
  }
}

function own<T>(record: Record<string, T>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
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
