"use server";
import { authorizedAction } from "@/lib/auth/action";
import { prisma } from "@/lib/db";
import { decideDrift } from "@/lib/sync/decide-drift";
import { enqueueSyncRun } from "@/lib/sync/enqueue-sync";
import { startSync } from "@/lib/sync/start-sync";
import { decideDriftSchema, startSyncSchema } from "@/lib/sync/sync-schemas";

export const startSyncAction = authorizedAction({ name: "sync.start", permission: "syncWithSectigo", schema: startSyncSchema }, (actor, input) =>
  startSync(actor, input, { db: prisma, enqueue: enqueueSyncRun }),
);

export const decideDriftAction = authorizedAction({ name: "sync.decide", permission: "syncWithSectigo", schema: decideDriftSchema }, (actor, input) =>
  decideDrift(actor, input, { db: prisma }),
);
