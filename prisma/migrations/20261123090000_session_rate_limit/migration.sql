-- CreateTable
CREATE TABLE "SessionRateLimit" (
    "sessionId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilledAt" TIMESTAMP(3) NOT NULL,
    "allowed" BOOLEAN NOT NULL,

    CONSTRAINT "SessionRateLimit_pkey" PRIMARY KEY ("sessionId","scope")
);

-- AddForeignKey
ALTER TABLE "SessionRateLimit" ADD CONSTRAINT "SessionRateLimit_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
