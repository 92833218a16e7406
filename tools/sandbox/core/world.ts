/**
 * The sandbox world: tables in memory with the indexes the endpoints need, a clock, transactions,
 * and persistence (core/persistence.ts: snapshot + journal). Every call's cost depends on what it
 * touches, never on how much the world holds.
 *
 * Transactions: inside `transaction(fn)` every record handed out by a lookup is remembered with its
 * JSON as it was (the undo log: a copy of each touched record, not of the world). When `fn`
 * returns, the records whose JSON changed are written to the journal as changed fields (new
 * records whole), and the call is answered only after that write. When `fn` throws, the touched
 * records, the counters and the clock are put back. `dryRun` (test=Y) always puts them back, except
 * the order-number counter, as Sectigo consumes a number for a test order. A call that changes
 * nothing writes nothing.
 *
 * Rule for callers: change records only inside `transaction`/`dryRun` and only records obtained
 * from this class inside it; outside a transaction, records are read-only views.
 *
 * Indexes (kept in step on insert; the keys they use never change after a record is created):
 * customers by (login, e-mail), licenses by (login, domain), add-ons by parent, orders by (login,
 * foreignOrderNumber), each login's order numbers in order (WebHostReport pages), and a heap of
 * licenses by the instant their auto-renewal falls due.
 *
 * Memory (issue 19 item 5: a million licences under 1 GB of RSS, it was 2.7 GB): the tables hold
 * each record packed into one short string (core/record-codec.ts), not as an object; a lookup
 * unpacks it. Inside a transaction the unpacked record is kept (`live`) and handed out again, so
 * every reference the call holds is the same object; the undo log keeps its JSON as before, and the
 * commit packs back the records whose JSON changed. The pair indexes are keyed
 * by a hash of the pair (core/hash-index.ts) and every lookup keeps only the records that really
 * have it. Order numbers are table keys as numbers.
 */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { Clock, type ClockState } from "./clock";
import {
  CorruptStateError,
  emptyImage,
  encodeEntry,
  JOURNAL_FILE,
  journalTail,
  keyOf,
  LEGACY_STATE_FILE,
  readJournal,
  readSnapshotRows,
  SNAPSHOT_FILE,
  TABLES,
  writeSnapshot,
  type Change,
  type Counters,
  type Image,
  type JournalEntry,
  type Row,
  type TableName,
} from "./persistence";
import { productOf } from "./catalog";
import { HashIndex, type Key } from "./hash-index";
import { RecordArena } from "./record-arena";
import { RecordCodec } from "./record-codec";
import { withTightHeap } from "./seeding-heap";
import { FIRST_ORDER_NUMBER, type Account, type Customer, type License, type Order, type SandboxState } from "./types";

export interface BulkRecords {
  accounts?: Account[];
  customers?: Customer[];
  licenses?: License[];
  orders?: Order[];
}

export interface WorldOptions {
  /** Omit for an in-memory world. */
  dataDir?: string;
  /** Where load-time notices go (a torn journal tail); default stderr. */
  warn?: (message: string) => void;
  /** Compact (rewrite the snapshot, empty the journal) once the journal exceeds this; default 64 MiB or the snapshot's size. */
  compactAfterBytes?: number;
  /** A compaction also moves the live records to a fresh arena once the dead bytes exceed the live ones and this; default 64 MiB. */
  reclaimAfterBytes?: number;
}

interface Touched {
  table: TableName;
  key: string;
  /** JSON of the record when the transaction first saw it (the undo log); null = created in this transaction. */
  before: string | null;
}

interface Tx {
  touched: Map<string, Touched>;
  counters: Counters;
  clock: ClockState;
  /** Index insertions to take back on rollback, newest last. */
  undo: Array<() => void>;
}

/** Each table: key -> handle of the record, packed by its codec, in the arena. */
type Tables = { [T in TableName]: Map<Key, number> };
type Codecs = { [T in TableName]: RecordCodec<Row[T]> };

const DEFAULT_COMPACT_BYTES = 64 << 20;

export class World {
  readonly clock = new Clock();
  /** loginName -> call timestamps (sandbox clock, ms) for the -42 call limit; not persisted. */
  readonly calls = new Map<string, number[]>();

  private tables: Tables = emptyTables();
  private arena = new RecordArena();
  /** In memory only; shapes and interned values only ever grow, so old packed strings stay readable. */
  private readonly codecs: Codecs = newCodecs();
  /** Records unpacked inside the open transaction(s), by touched id: the objects the call changes. */
  private live = new Map<string, Row[TableName]>();
  private counters: Counters = { nextOrderNumber: FIRST_ORDER_NUMBER, nextId: 1, nextAccountId: 500_001 };
  private seq = 0;
  /** Open transactions, outermost first: a dryRun (test=Y) may run inside a call's transaction. */
  private txs: Tx[] = [];

  private ix = newIndexes();

  private readonly dataDir: string | undefined;
  private readonly warn: (message: string) => void;
  private readonly compactAfter: number | undefined;
  private readonly reclaimAfter: number;
  private journalFd: number | undefined;
  private lockFile: string | undefined;
  private journalBytes = 0;
  private snapshotBytes = 0;

  private constructor(options: WorldOptions) {
    this.dataDir = options.dataDir;
    this.warn = options.warn ?? ((message) => console.error(message));
    this.compactAfter = options.compactAfterBytes;
    this.reclaimAfter = options.reclaimAfterBytes ?? 64 << 20;
  }

  /**
   * Opens the world saved in `dataDir` (snapshot + journal, or a version 1 state.json, converted),
   * or an empty one; `fresh` says whether nothing was saved yet.
   */
  static open(options: WorldOptions): { world: World; fresh: boolean } {
    const world = new World(options);
    const dir = options.dataDir;
    if (!dir) return { world, fresh: true };
    world.lock();
    try {
      // A start is a bulk load like the seeding (a million licences read from the snapshot, each
      // parsed into an object that dies at once): the same heap policy keeps its peak RSS down.
      return withTightHeap(() => World.load(world, dir));
    } catch (error) {
      world.close();
      throw error;
    }
  }

  private static load(world: World, dir: string): { world: World; fresh: boolean } {
    const snapshot = path.join(dir, SNAPSHOT_FILE);
    const legacy = path.join(dir, LEGACY_STATE_FILE);
    const journal = path.join(dir, JOURNAL_FILE);
    if (fs.existsSync(snapshot)) {
      // Streamed into the packed tables record by record (a million licences never as objects at once).
      const header = readSnapshotRows(snapshot, (table, row) => world.restoreRow(table, row));
      world.counters = { ...header.counters };
      world.seq = header.seq;
      world.clock.restore(header.clock);
    } else if (fs.existsSync(legacy)) {
      world.load(imageOfLegacy(legacy));
    } else {
      if (fs.existsSync(journal) && fs.statSync(journal).size > 0) {
        throw new CorruptStateError(`Sandbox journal ${journal} has no snapshot ${snapshot} to start from.`);
      }
      return { world, fresh: true };
    }
    // Applied frame by frame as read (a journal may be as large as the snapshot before it is folded in).
    const read = readJournal(journal, world.seq, (entry) => world.applyEntry(entry));
    if (read.tornBytes > 0) {
      const kept = `${journal}.torn-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      fs.writeFileSync(kept, journalTail(journal, read.goodBytes), { mode: 0o600 });
      fs.truncateSync(journal, read.goodBytes);
      world.warn(
        `Sectigo sandbox: the journal ${journal} ended with an incomplete record (${read.tornBytes} bytes), the trace of a write cut off by a crash. ` +
          `That call was never answered, so the record is refused (kept in ${kept}); the ${read.entries} complete records after the snapshot are loaded.`,
      );
    }
    world.journalBytes = read.goodBytes;
    world.snapshotBytes = fs.existsSync(snapshot) ? fs.statSync(snapshot).size : 0;
    if (!fs.existsSync(snapshot)) {
      world.compact();
      fs.rmSync(legacy, { force: true });
    }
    return { world, fresh: false };
  }

  // ---- clock -------------------------------------------------------------------------------

  now(): Date {
    return this.clock.now();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  // ---- reads (inside a transaction, each record is remembered before it is handed out) --------

  account(loginName: string | undefined): Account | undefined {
    return this.get("accounts", loginName);
  }

  order(orderNumber: string | undefined): Order | undefined {
    return this.get("orders", orderNumber);
  }

  customer(id: string | null | undefined): Customer | undefined {
    return this.get("customers", id ?? undefined);
  }

  license(id: string | null | undefined): License | undefined {
    return this.get("licenses", id ?? undefined);
  }

  /** Customers of a login with this e-mail (case-insensitive), oldest first. */
  customersByEmailOf(loginName: string, email: string): Customer[] {
    const lower = email.toLowerCase();
    return this.many("customers", this.ix.customersByEmail.candidates(loginName, lower)).filter(
      (c) => c.loginName === loginName && c.email.toLowerCase() === lower,
    );
  }

  /** Licenses of a login for this domain (case-insensitive), oldest first. */
  licensesForDomain(loginName: string, domainName: string): License[] {
    const lower = domainName.toLowerCase();
    return this.many("licenses", this.ix.licensesByDomain.candidates(loginName, lower)).filter(
      (l) => l.loginName === loginName && l.domainName.toLowerCase() === lower,
    );
  }

  addOnsOf(licenseId: string): License[] {
    return this.many("licenses", this.ix.addOnsByParent.candidates("", licenseId)).filter((l) => l.parentId === licenseId);
  }

  ordersByForeignNumber(loginName: string, foreignOrderNumber: string): Order[] {
    return this.many("orders", this.ix.ordersByForeign.candidates(loginName, foreignOrderNumber)).filter(
      (o) => o.loginName === loginName && o.foreignOrderNumber === foreignOrderNumber,
    );
  }

  /** A login's order numbers, ascending (for paging, without touching the orders). */
  orderNumbersOf(loginName: string): readonly number[] {
    return this.ix.ordersByLogin.get(loginName) ?? [];
  }

  accounts(): Account[] {
    return this.many("accounts", [...this.tables.accounts.keys()]);
  }

  /**
   * Every order or license: for the admin API's unindexed filters only (a scan, read-only). Each
   * record is unpacked as it is reached: filter as you go, a million at once would not fit.
   */
  *scan<T extends "orders" | "licenses">(table: T): Generator<Row[T]> {
    for (const key of this.tables[table].keys()) {
      const row = this.current(table, String(key));
      if (row) yield row;
    }
  }

  size(table: TableName): number {
    return this.tables[table].size;
  }

  /** Bytes the record arena holds, dead records included (tests and the bench). */
  arenaBytes(): number {
    return this.arena.bytes;
  }

  /** Licenses whose auto-renewal is due at `now`, taken off the due list (they go back when touched). */
  dueForAutoRenewal(now: number): License[] {
    const due: License[] = [];
    const seen = new Set<string>();
    for (const entry of this.ix.renewals.popUntil(now)) {
      if (seen.has(entry.id)) continue;
      const raw = this.current("licenses", entry.id);
      if (!raw || autoRenewDue(raw) !== entry.due) continue;
      seen.add(entry.id);
      due.push(this.license(entry.id)!);
    }
    return due;
  }

  /** Licenses touched by the current transaction (to bring their orders' statuses in step). */
  touchedLicenses(): License[] {
    const out: License[] = [];
    for (const t of this.txs.at(-1)?.touched.values() ?? []) {
      if (t.table !== "licenses") continue;
      const license = this.current("licenses", t.key);
      if (license) out.push(license);
    }
    return out;
  }

  // ---- writes ------------------------------------------------------------------------------

  insertAccount(account: Account): void {
    this.insert("accounts", account);
  }

  insertCustomer(customer: Customer): void {
    this.insert("customers", customer);
  }

  insertLicense(license: License): void {
    this.insert("licenses", license);
  }

  insertOrder(order: Order): void {
    this.insert("orders", order);
  }

  /** Replaces an account's record (admin upsert); the login is the key and never changes. */
  putAccount(account: Account): void {
    if (this.tables.accounts.has(tableKey(account.loginName))) {
      const existing = this.account(account.loginName)!;
      for (const key of Object.keys(existing)) delete (existing as unknown as Record<string, unknown>)[key];
      Object.assign(existing, account);
    } else {
      this.insertAccount(account);
    }
  }

  nextOrderNumber(): string {
    this.requireTx();
    return String(this.counters.nextOrderNumber++);
  }

  newId(prefix: string): string {
    this.requireTx();
    return `${prefix}-${this.counters.nextId++}`;
  }

  nextAccountId(): number {
    this.requireTx();
    return this.counters.nextAccountId++;
  }

  /** Runs `fn`; on return its changes are journaled, on throw they are taken back. */
  transaction<T>(fn: () => T): T {
    if (this.txs.length > 0) return fn();
    this.begin();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      this.rollback({ keepOrderNumbers: false });
      throw error;
    }
    this.commit();
    return result;
  }

  /** Runs `fn` and always takes its changes back (test=Y). Order numbers stay consumed. */
  dryRun<T>(fn: () => T): T {
    this.begin();
    try {
      return fn();
    } finally {
      this.rollback({ keepOrderNumbers: true });
    }
  }

  /**
   * Bulk seeding (admin route /__sandbox/seed, world:scale): inserts whole records, one batch after
   * another (a generator of batches keeps a million licences from being objects all at once), then
   * writes a fresh snapshot. A key that exists already (or twice) is a RecordExistsError and every
   * batch placed before it is taken back: nothing changes. Within a batch, orders are checked
   * first, then customers, licenses and accounts.
   */
  bulkInsert(records: BulkRecords | Iterable<BulkRecords>): void {
    if (this.txs.length > 0) throw new Error("bulkInsert cannot run inside a transaction");
    const batches: Iterable<BulkRecords> = Symbol.iterator in records ? records : [records as BulkRecords];
    // What was placed is each table's tail (a Map keeps insertion order and a bulk insert only
    // adds): remembered as the sizes before, not as a list of 2.7 million keys.
    const sizesBefore = TABLES.map((table) => this.tables[table].size);
    try {
      for (const batch of batches) {
        const tables = BULK_CHECK_ORDER.map((table) => [table, (batch[table] ?? []) as Array<Row[TableName]>] as const);
        for (const [table, rows] of tables) {
          const seen = new Set<string>();
          for (const row of rows) {
            const key = keyOf(table, row);
            if (seen.has(key) || this.tables[table].has(tableKey(key))) throw new RecordExistsError(table, key);
            seen.add(key);
          }
        }
        for (const table of TABLES) {
          for (const row of (batch[table] ?? []) as Array<Row[TableName]>) this.place(table, row);
        }
      }
      this.compact();
    } catch (error) {
      // Not on disk, so not kept: memory goes back to what the snapshot and journal hold.
      TABLES.forEach((table, t) => {
        const placed = [...this.tables[table].keys()].slice(sizesBefore[t]);
        for (let i = placed.length - 1; i >= 0; i--) {
          const row = this.current(table, String(placed[i]));
          if (row) this.unplace(table, row);
        }
      });
      throw error;
    }
  }

  /** Replaces the whole world (reset, demo seed) and writes a fresh snapshot. */
  replaceState(next: SandboxState): void {
    if (this.txs.length > 0) throw new Error("replaceState cannot run inside a transaction");
    const image = imageOfState(next);
    image.clock = this.clock.snapshot();
    image.seq = this.seq;
    const before = this.memory();
    try {
      this.load(image);
      this.compact();
    } catch (error) {
      this.restoreMemory(before);
      throw error;
    }
    this.calls.clear();
  }

  /** Writes the snapshot and empties the journal (also the first save of a new data dir). */
  compact(): void {
    if (!this.dataDir) return;
    this.snapshotBytes = writeSnapshot(this.dataDir, {
      seq: this.seq,
      counters: { ...this.counters },
      clock: this.clock.snapshot(),
      rows: (table) => this.scanAll(table),
    });
    // The snapshot holds everything up to `seq`: the journal's frames are all older now (and are
    // skipped on load if this truncation does not happen).
    this.closeJournal();
    fs.writeFileSync(path.join(this.dataDir, JOURNAL_FILE), "", { mode: 0o600 });
    fs.chmodSync(path.join(this.dataDir, JOURNAL_FILE), 0o600);
    this.journalBytes = 0;
    this.reclaimArena();
  }

  /**
   * Changed records are written anew in the arena: once the dead bytes outweigh the live ones
   * (and 64 MiB), the live records move to a fresh arena. Only after a compaction or a bulk write
   * that worked: nothing may hold an old handle then.
   */
  private reclaimArena(): void {
    let live = 0;
    for (const table of TABLES) for (const handle of this.tables[table].values()) live += this.arena.size(handle);
    if (this.arena.bytes - live < Math.max(live, this.reclaimAfter)) return;
    const fresh = new RecordArena();
    for (const table of TABLES) {
      const rows = this.tables[table];
      for (const [key, handle] of rows) rows.set(key, fresh.put(this.arena.get(handle)));
    }
    this.arena = fresh;
  }

  close(): void {
    this.closeJournal();
    if (this.lockFile) {
      fs.rmSync(this.lockFile, { force: true });
      this.lockFile = undefined;
    }
  }

  /**
   * One process per data dir: a second one appending to the same journal would interleave frames
   * and make the world unreadable. The lock holds the owner's pid; a lock whose process is gone
   * (kill -9) is taken over.
   */
  private lock(): void {
    const dir = this.dataDir!;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
        this.lockFile = file;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const owner = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
        if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
          throw new Error(`Another Sectigo sandbox (process ${owner}) is using ${dir}. Stop it, or give this one another SANDBOX_DATA_DIR.`);
        }
        fs.rmSync(file, { force: true }); // its process is gone
      }
    }
    throw new Error(`Could not take the lock ${file}.`);
  }

  /** Everything a failed bulk write must put back. */
  private memory() {
    return {
      tables: this.tables,
      counters: { ...this.counters },
      seq: this.seq,
      ix: this.ix,
      clock: this.clock.snapshot(),
    };
  }

  private restoreMemory(m: ReturnType<World["memory"]>): void {
    this.tables = m.tables;
    this.counters = m.counters;
    this.seq = m.seq;
    this.ix = m.ix;
    this.clock.restore(m.clock);
  }

  // ---- internals ---------------------------------------------------------------------------

  private requireTx(): void {
    if (this.txs.length === 0) throw new Error("World: changes happen inside world.transaction()");
  }

  private get<T extends TableName>(table: T, key: string | undefined): Row[T] | undefined {
    if (key === undefined) return undefined;
    const handle = this.tables[table].get(tableKey(key));
    if (handle === undefined) return undefined;
    const packed = this.arena.get(handle);
    if (this.txs.length === 0) return this.unpack(table, key, packed); // a read-only view
    const id = `${table}\n${key}`;
    let row = this.live.get(id) as Row[T] | undefined;
    if (!row) {
      row = this.unpack(table, key, packed);
      this.live.set(id, row);
    }
    // The undo log's copy as JSON, as before the records were packed: comparing JSON at the commit
    // is cheaper than packing every record a call looked at (a report page reads ~260).
    let before: string | undefined;
    for (const tx of this.txs) {
      if (!tx.touched.has(id)) tx.touched.set(id, { table, key, before: (before ??= JSON.stringify(row)) });
    }
    return row;
  }

  /** The record as it is now (the transaction's object, else unpacked), without touching it. */
  private current<T extends TableName>(table: T, key: string): Row[T] | undefined {
    const live = this.live.get(`${table}\n${key}`) as Row[T] | undefined;
    if (live) return live;
    const handle = this.tables[table].get(tableKey(key));
    return handle === undefined ? undefined : this.unpack(table, key, this.arena.get(handle));
  }

  /** Every record of a table as it is stored (the snapshot). */
  private *scanAll<T extends TableName>(table: T): Generator<Row[T]> {
    for (const [key, handle] of this.tables[table]) yield this.unpack(table, String(key), this.arena.get(handle));
  }

  private pack<T extends TableName>(table: T, row: Row[T]): string {
    return (this.codecs[table] as RecordCodec<Row[T]>).encode(row);
  }

  private unpack<T extends TableName>(table: T, key: string, packed: string): Row[T] {
    return (this.codecs[table] as RecordCodec<Row[T]>).decode(key, packed);
  }

  private many<T extends TableName>(table: T, keys: readonly Key[] | undefined): Array<Row[T]> {
    const out: Array<Row[T]> = [];
    for (const key of keys ?? []) {
      const row = this.get(table, String(key));
      if (row) out.push(row);
    }
    return out;
  }

  private insert<T extends TableName>(table: T, row: Row[T]): void {
    this.requireTx();
    const key = keyOf(table, row);
    if (this.tables[table].has(tableKey(key))) throw new Error(`World: ${table} ${key} exists already`);
    this.place(table, row);
    const id = `${table}\n${key}`;
    this.live.set(id, row); // the caller goes on filling it in: packed again at commit
    for (const tx of this.txs) tx.touched.set(id, { table, key, before: null });
    this.txs.at(-1)!.undo.push(() => {
      this.unplace(table, row);
      this.live.delete(id);
    });
  }

  /** Adds a record and its index entries (no transaction bookkeeping). */
  private place<T extends TableName>(table: T, row: Row[T]): void {
    const id = ownCopy(keyOf(table, row));
    const key = tableKey(id);
    this.tables[table].set(key, this.arena.put(this.pack(table, row)));
    switch (table) {
      case "customers": {
        const c = row as Customer;
        this.ix.customersByEmail.add(c.loginName, c.email.toLowerCase(), key);
        break;
      }
      case "licenses": {
        const l = row as License;
        this.ix.licensesByDomain.add(l.loginName, l.domainName.toLowerCase(), key);
        if (l.parentId !== null) this.ix.addOnsByParent.add("", l.parentId, key);
        const due = autoRenewDue(l);
        if (due !== undefined) this.ix.renewals.push(due, id);
        break;
      }
      case "orders": {
        const o = row as Order;
        if (o.foreignOrderNumber) this.ix.ordersByForeign.add(o.loginName, o.foreignOrderNumber, key);
        insertSorted(this.ix.ordersByLogin, o.loginName, Number(o.orderNumber));
        break;
      }
    }
  }

  private unplace<T extends TableName>(table: T, row: Row[T]): void {
    const key = tableKey(keyOf(table, row));
    this.tables[table].delete(key);
    switch (table) {
      case "customers": {
        const c = row as Customer;
        this.ix.customersByEmail.remove(c.loginName, c.email.toLowerCase(), key);
        break;
      }
      case "licenses": {
        const l = row as License;
        this.ix.licensesByDomain.remove(l.loginName, l.domainName.toLowerCase(), key);
        if (l.parentId !== null) this.ix.addOnsByParent.remove("", l.parentId, key);
        break; // a stale due-heap entry is skipped when popped
      }
      case "orders": {
        const o = row as Order;
        if (o.foreignOrderNumber) this.ix.ordersByForeign.remove(o.loginName, o.foreignOrderNumber, key);
        removeSorted(this.ix.ordersByLogin, o.loginName, Number(o.orderNumber));
        break;
      }
    }
  }

  /**
   * A record read from disk: placed, or (its key already there) its packed record replaced in place,
   * as a Map.set on the old image did: the indexes keep their order (their keys never change).
   */
  private restoreRow<T extends TableName>(table: T, row: Row[T]): void {
    const key = tableKey(keyOf(table, row));
    if (!this.tables[table].has(key)) return this.place(table, row);
    this.tables[table].set(key, this.arena.put(this.pack(table, row)));
    if (table === "licenses") {
      const due = autoRenewDue(row as License);
      if (due !== undefined) this.ix.renewals.push(due, (row as License).id); // the old entry is skipped when popped
    }
  }

  /** A journal record on load, applied to the packed tables (a new record placed, a change re-packed, a deletion unplaced). */
  private applyEntry(entry: JournalEntry): void {
    for (const change of entry.changes) {
      const existing = this.current(change.t, change.k);
      if ("new" in change) this.restoreRow(change.t, change.new as Row[TableName]);
      else if ("del" in change) {
        if (existing) this.unplace(change.t, existing);
      } else {
        if (!existing) throw new CorruptStateError(`Sandbox journal record ${entry.seq} changes ${change.t} ${change.k}, which does not exist.`);
        const row = existing as unknown as Record<string, unknown>;
        Object.assign(row, change.set ?? {});
        for (const field of change.unset ?? []) delete row[field];
        this.restoreRow(change.t, existing);
      }
    }
    if (entry.counters) this.counters = { ...entry.counters };
    if (entry.clock) this.clock.restore(entry.clock);
    this.seq = entry.seq;
  }

  private load(image: Image): void {
    this.tables = emptyTables();
    this.ix = newIndexes();
    for (const table of TABLES) for (const row of image.tables[table].values()) this.place(table, row);
    this.counters = { ...image.counters };
    this.seq = image.seq;
    this.clock.restore(image.clock);
  }

  private begin(): void {
    const tx: Tx = { touched: new Map(), counters: { ...this.counters }, clock: this.clock.snapshot(), undo: [] };
    // Nested (test=Y inside a call): records the outer transaction already handed out may be
    // changed through those references, so the inner one remembers them as they are now.
    for (const [id, t] of this.txs.at(-1)?.touched ?? []) {
      const row = this.current(t.table, t.key);
      if (row) tx.touched.set(id, { table: t.table, key: t.key, before: JSON.stringify(row) });
    }
    this.txs.push(tx);
  }

  private commit(): void {
    const tx = this.txs.at(-1)!;
    const changes: Change[] = [];
    const changedLicenses: string[] = [];
    const stores: Array<[TableName, Key, string]> = [];
    for (const [id, t] of tx.touched) {
      const key = tableKey(t.key);
      const exists = this.tables[t.table].has(key);
      const row = this.live.get(id);
      if (t.before === null) {
        if (exists && row) {
          changes.push({ t: t.table, k: t.key, new: row });
          stores.push([t.table, key, this.pack(t.table, row)]);
        }
        continue;
      }
      if (!exists) {
        changes.push({ t: t.table, k: t.key, del: true });
        continue;
      }
      if (!row) continue;
      if (JSON.stringify(row) === t.before) continue;
      if (t.table === "licenses") changedLicenses.push(t.key);
      stores.push([t.table, key, this.pack(t.table, row)]);
      changes.push({ t: t.table, k: t.key, ...diff(JSON.parse(t.before) as Record<string, unknown>, row as unknown as Record<string, unknown>) });
    }
    const counters = sameJson(tx.counters, this.counters) ? undefined : { ...this.counters };
    const clockNow = this.clock.snapshot();
    const clock = sameJson(tx.clock, clockNow) ? undefined : clockNow;
    // The packed records take the changes before the append: a compaction it triggers writes the
    // snapshot from the tables.
    const replaced: Array<[TableName, Key, number]> = [];
    for (const [table, key, packed] of stores) {
      replaced.push([table, key, this.tables[table].get(key)!]);
      this.tables[table].set(key, this.arena.put(packed));
    }
    if (changes.length > 0 || counters || clock) {
      try {
        this.append({ seq: this.seq + 1, changes, counters, clock });
      } catch (error) {
        // Not on disk, so not done: the caller answers with an error and memory goes back too.
        for (const [table, key, handle] of replaced) this.tables[table].set(key, handle);
        this.rollback({ keepOrderNumbers: false });
        throw error;
      }
    }
    this.txs.pop();
    this.live.clear(); // a commit is always the outermost transaction's
    this.requeue(changedLicenses);
  }

  /** Takes back the innermost transaction; an outer one still holds what it saw before. */
  private rollback({ keepOrderNumbers }: { keepOrderNumbers: boolean }): void {
    const tx = this.txs.pop()!;
    for (let i = tx.undo.length - 1; i >= 0; i--) tx.undo[i]!();
    for (const [id, t] of tx.touched) {
      if (t.before === null) continue;
      // The stored string is changed only by a commit that worked; the objects handed out were.
      // Put back in place: references handed out before (an outer call's, around a test order) stay live.
      const live = this.live.get(id) as unknown as Record<string, unknown> | undefined;
      if (!live) continue;
      const saved = JSON.parse(t.before) as Record<string, unknown>;
      for (const field of Object.keys(live)) if (!(field in saved)) delete live[field];
      Object.assign(live, saved);
    }
    if (this.txs.length === 0) this.live.clear();
    const used = this.counters.nextOrderNumber;
    this.counters = tx.counters;
    this.clock.restore(tx.clock);
    this.requeue([...tx.touched.values()].filter((t) => t.table === "licenses" && t.before !== null).map((t) => t.key));
    if (keepOrderNumbers && used !== this.counters.nextOrderNumber) {
      this.counters.nextOrderNumber = used;
      // Inside a call's transaction its commit journals the counter; alone, journal it now. If that
      // write fails, a test order's number may be used again after a restart: harmless, no order has it.
      if (this.txs.length === 0) {
        try {
          this.append({ seq: this.seq + 1, changes: [], counters: { ...this.counters } });
        } catch (error) {
          this.warn(`Sectigo sandbox: could not record a test order's number: ${(error as Error).message}`);
        }
      }
    }
  }

  /**
   * Changed licenses go back on the due heap as they now are (a renewal moved the due date, a
   * rollback restored one taken off it); the add-ons of a changed base too, as they renew only
   * while it is live. An unchanged license taken off the heap stays off: it was not renewable.
   */
  private requeue(keys: string[]): void {
    for (const key of keys) {
      const license = this.current("licenses", key);
      if (!license) continue;
      const due = autoRenewDue(license);
      if (due !== undefined) this.ix.renewals.push(due, license.id);
      if (license.parentId === null) {
        for (const id of this.ix.addOnsByParent.candidates("", license.id)) {
          const addOn = this.current("licenses", String(id));
          const addOnDue = addOn?.parentId === license.id ? autoRenewDue(addOn) : undefined;
          if (addOnDue !== undefined) this.ix.renewals.push(addOnDue, addOn!.id);
        }
      }
    }
    if (this.ix.renewals.size > 2 * this.tables.licenses.size + 1024) {
      this.ix.renewals = new DueHeap();
      for (const license of this.scan("licenses")) {
        const due = autoRenewDue(license);
        if (due !== undefined) this.ix.renewals.push(due, license.id);
      }
    }
  }

  private append(entry: { seq: number; changes: Change[]; counters?: Counters; clock?: ClockState }): void {
    if (!this.dataDir) {
      this.seq = entry.seq;
      return;
    }
    if (this.journalFd === undefined) {
      fs.mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
      this.journalFd = fs.openSync(path.join(this.dataDir, JOURNAL_FILE), "a", 0o600);
      fs.fchmodSync(this.journalFd, 0o600); // a journal left 0644 by hand or an older tool: it holds passwords
    }
    const frame = encodeEntry(entry);
    // The whole frame or nothing: write(2) may write part of it (a full disk) and Node does not
    // retry; a partial frame followed by later ones would make the journal unreadable.
    try {
      for (let done = 0; done < frame.length; ) done += fs.writeSync(this.journalFd, frame, done, frame.length - done);
    } catch (error) {
      try {
        fs.ftruncateSync(this.journalFd, this.journalBytes);
      } catch {
        /* the next start refuses the torn tail with a message */
      }
      throw error;
    }
    this.seq = entry.seq;
    this.journalBytes += frame.length;
    if (this.journalBytes > (this.compactAfter ?? Math.max(DEFAULT_COMPACT_BYTES, this.snapshotBytes))) {
      try {
        this.compact();
      } catch (error) {
        // The frame is written: the journal simply stays longer until a later compaction works.
        this.warn(`Sectigo sandbox: compaction failed, the journal keeps growing: ${(error as Error).message}`);
      }
    }
  }

  private closeJournal(): void {
    if (this.journalFd === undefined) return;
    fs.closeSync(this.journalFd);
    this.journalFd = undefined;
  }
}

/** When an auto-renew license falls due (its expiry), or undefined when it will not auto-renew. */
export function autoRenewDue(license: License): number | undefined {
  if (license.status !== "active" || !license.autoRenew || license.termDays <= 0) return undefined;
  const kind = productOf(license.productCode)?.kind;
  if (kind !== "base" && kind !== "addon") return undefined;
  // A renewal that failed for want of funds is not retried: the license is left to expire.
  if (license.autoRenewFailedAt === license.expiresAt) return undefined;
  return Date.parse(license.expiresAt);
}

/**
 * A binary min-heap of (due instant, license id) with lazy deletion: an entry whose license no
 * longer falls due at that instant is skipped when popped. Hand-written (40 lines) because the
 * lazy-deletion contract is the point, and a generic heap package would add nothing. Held as two
 * parallel arrays rather than an object per entry (a million entries at 1,000,000 licences).
 */
export class DueHeap {
  private dues: number[] = [];
  private ids: string[] = [];

  get size(): number {
    return this.dues.length;
  }

  push(due: number, id: string): void {
    const { dues, ids } = this;
    let i = dues.length;
    dues.push(due);
    ids.push(id);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (dues[parent]! <= due) break;
      dues[i] = dues[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    dues[i] = due;
    ids[i] = id;
  }

  /** The entry with the earliest due instant, taken off the heap. */
  popMin(): { due: number; id: string } | undefined {
    return this.dues.length > 0 ? this.popUntil(this.dues[0]!, 1)[0] : undefined;
  }

  popUntil(now: number, limit = Infinity): Array<{ due: number; id: string }> {
    const out: Array<{ due: number; id: string }> = [];
    const { dues, ids } = this;
    while (dues.length > 0 && dues[0]! <= now && out.length < limit) {
      out.push({ due: dues[0]!, id: ids[0]! });
      const lastDue = dues.pop()!;
      const lastId = ids.pop()!;
      const n = dues.length;
      if (n === 0) break;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = -1;
        let best = lastDue;
        if (l < n && dues[l]! < best) {
          m = l;
          best = dues[l]!;
        }
        if (r < n && dues[r]! < best) m = r;
        if (m < 0) break;
        dues[i] = dues[m]!;
        ids[i] = ids[m]!;
        i = m;
      }
      dues[i] = lastDue;
      ids[i] = lastId;
    }
    return out;
  }
}

const LOCK_FILE = "lock";

/** The lookups kept in step with the tables (see the file comment). */
function newIndexes() {
  return {
    customersByEmail: new HashIndex(),
    licensesByDomain: new HashIndex(),
    /** Keyed by ("", parent id). */
    addOnsByParent: new HashIndex(),
    ordersByForeign: new HashIndex(),
    ordersByLogin: new Map<string, number[]>(),
    renewals: new DueHeap(),
  };
}

function emptyTables(): Tables {
  return { accounts: new Map(), customers: new Map(), licenses: new Map(), orders: new Map() };
}

/** Interned fields: those with few distinct values (see core/record-codec.ts). */
function newCodecs(): Codecs {
  return {
    accounts: new RecordCodec<Account>("loginName", new Set(["currency"])),
    customers: new RecordCodec<Customer>("id", new Set(["loginName", "countryName"])),
    licenses: new RecordCodec<License>("id", new Set(["loginName", "status"])),
    orders: new RecordCodec<Order>("orderNumber", new Set(["loginName", "source", "kind", "status", "reseller"])),
  };
}

/**
 * A flat copy of a key: ids made as `lic-${key}` are trees of pieces in V8 (32 bytes more each,
 * a million times); the copy is one string.
 */
function ownCopy(key: string): string {
  return key.length < 13 ? key : (JSON.parse(JSON.stringify(key)) as string);
}

/** A canonical integer key (an order number) is held as a number: no string per order. */
function tableKey(key: string): Key {
  return key.length <= 15 && /^[1-9]\d*$/.test(key) ? Number(key) : key;
}

/** Bulk inserts check orders first: a seed run twice is named by its first order. */
const BULK_CHECK_ORDER: readonly TableName[] = ["orders", "customers", "licenses", "accounts"];

/** bulkInsert: a record whose key is taken (nothing was changed). */
export class RecordExistsError extends Error {
  constructor(
    readonly table: TableName,
    readonly key: string,
  ) {
    super(`bulkInsert: ${table} ${key} exists already`);
    this.name = "RecordExistsError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function insertSorted(index: Map<string, number[]>, key: string, value: number): void {
  const list = index.get(key);
  if (!list) return void index.set(key, [value]);
  if (list.length === 0 || list[list.length - 1]! < value) return void list.push(value);
  list.splice(lowerBound(list, value), 0, value);
}

function removeSorted(index: Map<string, number[]>, key: string, value: number): void {
  const list = index.get(key);
  if (!list) return;
  const at = lowerBound(list, value);
  if (list[at] === value) list.splice(at, 1);
}

export function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): { set?: Record<string, unknown>; unset?: string[] } {
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) {
      if (field in before) unset.push(field);
    } else if (JSON.stringify(value) !== JSON.stringify(before[field])) {
      set[field] = value;
    }
  }
  for (const field of Object.keys(before)) if (!(field in after)) unset.push(field);
  return { ...(Object.keys(set).length > 0 ? { set } : {}), ...(unset.length > 0 ? { unset } : {}) };
}

function imageOfState(state: SandboxState): Image {
  const image = emptyImage({ nextOrderNumber: state.nextOrderNumber, nextId: state.nextId, nextAccountId: state.nextAccountId });
  image.clock = state.clock;
  for (const table of TABLES) {
    for (const row of Object.values(state[table])) (image.tables[table] as Map<string, unknown>).set(keyOf(table, row), row);
  }
  return image;
}

function imageOfLegacy(file: string): Image {
  let parsed: SandboxState;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8")) as SandboxState;
  } catch {
    throw new CorruptStateError(`Sandbox state ${file} is not valid JSON.`);
  }
  if (parsed.version !== 1) throw new CorruptStateError(`Unsupported sandbox state version in ${file}.`);
  return imageOfState(parsed);
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
