/**
 * Carries the request id into jobs (pg-boss): a job sent while a request (or another job) is under
 * way gets `requestId` in its data, and the worker works it inside that id's context, so its log
 * lines and its Sectigo calls name the request that queued it. lib/queue/boss.ts applies this to
 * every PgBoss it creates, the web app's sending side and the worker alike.
 */
import type PgBoss from "pg-boss";
import { currentRequestId, runWithRequestContext } from "./context";
import { log } from "./logger";
import { isSafeRequestId, newRequestId } from "./request-id";

/** `data` with the current request id added (unchanged outside any request, or when it names one already). */
export function withRequestId<T>(data: T): T {
  const requestId = currentRequestId();
  if (!requestId) return data;
  if (data === undefined || data === null) return { requestId } as T;
  if (typeof data !== "object" || Array.isArray(data) || "requestId" in (data as object)) return data;
  return { ...(data as object), requestId } as T;
}

/** The id a job runs under: the one it was sent with, or a new one (a scheduled job: no request sent it). */
export function jobRequestId(data: unknown): string {
  const id = data && typeof data === "object" ? (data as { requestId?: unknown }).requestId : undefined;
  return isSafeRequestId(id) ? id : newRequestId();
}

type AnyHandler = (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>;

export function carryRequestIds(boss: PgBoss): PgBoss {
  const send = boss.send.bind(boss) as (...args: unknown[]) => Promise<string | null>;
  boss.send = ((...args: unknown[]) => {
    if (typeof args[0] === "string") return send(args[0], withRequestId(args[1]), ...args.slice(2));
    const request = args[0] as PgBoss.Request;
    return send({ ...request, data: withRequestId(request.data) });
  }) as PgBoss["send"];

  const work = boss.work.bind(boss) as (...args: unknown[]) => Promise<string>;
  boss.work = ((name: string, ...rest: unknown[]) => {
    const handler = rest.pop() as AnyHandler;
    return work(name, ...rest, (jobs: PgBoss.Job<unknown>[]) => workInContext(name, jobs, handler));
  }) as PgBoss["work"];
  return boss;
}

/** One batch (pg-boss hands one job at a time unless batchSize says otherwise): the first job's id for the batch. */
async function workInContext(queue: string, jobs: PgBoss.Job<unknown>[], handler: AnyHandler): Promise<unknown> {
  const first = jobs[0];
  if (!first) return handler(jobs);
  const context = { requestId: jobRequestId(first.data), job: { queue, id: first.id } };
  return runWithRequestContext(context, async () => {
    const started = performance.now();
    const ms = () => Math.round((performance.now() - started) * 10) / 10;
    log().debug({ msg: "job started" });
    try {
      const result = await handler(jobs);
      log().info({ msg: "job done", ms: ms(), ...(jobs.length > 1 ? { batch: jobs.length } : {}) });
      return result;
    } catch (error) {
      // The message only: an error's other fields may hold a query's parameters.
      log().warn({ msg: "job failed", ms: ms(), error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  });
}
