-- Issue 19 (observability): each job worker process writes a heartbeat every ~10 s; readiness
-- (lib/observability/readiness.ts) fails when no worker beat within a minute.
CREATE TABLE "WorkerHeartbeat" (
    "workerId" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("workerId")
);

CREATE INDEX "WorkerHeartbeat_beatAt_idx" ON "WorkerHeartbeat"("beatAt");

-- Readiness compares the migrations folder with what was applied. `_prisma_migrations` is the
-- owner's alone (lib/db/app-role.ts grants the app nothing on it); this function, owned by the
-- owner, lets the app read the applied names and nothing else (no checksums, no logs).
CREATE FUNCTION "orderdesk_applied_migrations"() RETURNS SETOF TEXT
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
    SELECT migration_name FROM public."_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
$$;
