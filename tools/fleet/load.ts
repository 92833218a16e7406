/**
 * The load generator: N clients, each signed in through nginx, each in a loop of page views and, every
 * `orderEvery`-th request, an order POST (placeOrderAction with its own submission key and domain),
 * until stopped. A failure is an HTTP status outside 2xx/3xx, a connection error, or an order answer
 * that is not a placed order. Every order's submission key is kept, to look its order up afterwards.
 */
import { randomUUID } from "node:crypto";
import { signIn, page, timed } from "./http";
import { orderInput, postOrder, placed, describe } from "./orders";
import { Tally } from "./report";

const PAGES = ["/", "/orders", "/licenses", "/customers", "/renewals", "/orders/new"];

export interface Load {
  tally: Tally;
  orderKeys: string[];
  ordersPlaced: number;
  /** Statuses seen, by request kind (e.g. "order 409"). */
  statuses: Map<string, number>;
  stop(): Promise<void>;
  /** Resolves once `n` more requests have completed (a condition to wait on instead of a sleep). */
  afterRequests(n: number): Promise<void>;
}

export async function startLoad(opts: { base: string; clients: number; orderEvery: number; actionId: () => string; email: string; password: string; tag: string }): Promise<Load> {
  const tally = new Tally();
  const statuses = new Map<string, number>();
  const orderKeys: string[] = [];
  let ordersPlaced = 0;
  let running = true;
  const waiters: Array<{ at: number; resolve: () => void }> = [];
  const done = () => {
    for (const w of waiters.filter((w) => tally.requests >= w.at)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  const note = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  // One after the other, as people sign in: parallel sign-ins of one account from one address are
  // counted by the sign-in throttle before their passwords are checked (lib/auth/sign-in-throttle.ts),
  // and more than five at once are refused.
  const cookies: string[] = [];
  for (let c = 0; c < opts.clients; c++) {
    const s = await signIn(opts.base, opts.email, opts.password);
    if (!s.ok) throw new Error(`load client sign-in failed: ${s.error}`);
    cookies.push(s.cookie);
  }
  let seq = 0;
  const client = async (cookie: string, c: number) => {
    let i = 0;
    while (running) {
      i++;
      if (i % opts.orderEvery === 0) {
        const key = randomUUID();
        orderKeys.push(key);
        const n = seq++;
        try {
          const { ms, value } = await timed(() => postOrder(opts.base, opts.actionId(), cookie, orderInput(`load-${opts.tag}-${c}-${n}.fleet.example`, key)));
          const ok = placed(value);
          if (ok) ordersPlaced++;
          note(`order ${describe(value)}`);
          tally.record(ms, ok, `order ${describe(value)}`);
        } catch (error) {
          note("order connection error");
          tally.record(0, false, `order connection error (${(error as Error).cause ? String((error as { cause: { code?: string } }).cause.code) : (error as Error).message})`);
        }
      } else {
        const pathname = PAGES[i % PAGES.length]!;
        try {
          const { ms, value } = await timed(() => page(opts.base, pathname, cookie));
          const ok = value.status < 400 && !(value.status >= 300 && (value.location ?? "").includes("/signin"));
          note(`page ${value.status}`);
          tally.record(ms, ok, `page ${value.status}`);
        } catch (error) {
          note("page connection error");
          tally.record(0, false, `page connection error (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`);
        }
      }
      done();
    }
  };
  const loops = cookies.map((cookie, c) => client(cookie, c));
  return {
    tally,
    orderKeys,
    get ordersPlaced() {
      return ordersPlaced;
    },
    statuses,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
    afterRequests(n) {
      return new Promise((resolve) => {
        waiters.push({ at: tally.requests + n, resolve });
      });
    },
  };
}
