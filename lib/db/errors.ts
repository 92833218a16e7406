/**
 * What kind of database error an exception is, whichever way the statement went: a Prisma model
 * query reports a unique violation as P2002, a raw query (`$queryRaw`, used on hot paths where one
 * statement replaces a transaction) as P2010 with the driver adapter's error inside.
 */
interface DriverAdapterCause {
  kind?: string;
  originalCode?: string;
  constraint?: { index?: string; fields?: string[] };
}

function adapterCause(error: unknown): DriverAdapterCause | undefined {
  return (error as { meta?: { driverAdapterError?: { cause?: DriverAdapterCause } } })?.meta?.driverAdapterError?.cause;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code === "P2002") return true;
  const cause = adapterCause(error);
  return code === "P2010" && (cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505");
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code === "P2003") return true;
  const cause = adapterCause(error);
  return code === "P2010" && (cause?.kind === "ForeignKeyConstraintViolation" || cause?.originalCode === "23503");
}
