import path from "node:path";
import { prisma } from "@/lib/db";
import { isDraining } from "@/lib/runtime/draining";
import { createReadinessCheck } from "@/lib/observability/readiness";

/** Readiness (lib/observability/readiness.ts): 200 when this instance may take traffic, else 503 naming the failed checks. */
export const dynamic = "force-dynamic";

// One per process: the migrations comparison is kept once it holds. The folder is read from the
// app's root (the launcher and the serve command start Next there).
const check = createReadinessCheck({ db: prisma, migrationsDir: path.join(process.cwd(), "prisma/migrations"), draining: isDraining });

export async function GET() {
  const readiness = await check();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
