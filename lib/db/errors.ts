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

/** SQLSTATE of the trigger that refuses an order for a disabled reseller account (migration 20261207150500). */
const ACCOUNT_DISABLED_STATE = "OD001";

export const ACCOUNT_DISABLED_MESSAGE = "This reseller account is disabled: an admin can enable it again under Settings → Reseller accounts.";

export function isAccountDisabled(error: unknown): boolean {
  const cause = adapterCause(error) as (DriverAdapterCause & { code?: string; message?: string }) | undefined;
  if (cause?.originalCode === ACCOUNT_DISABLED_STATE || cause?.code === ACCOUNT_DISABLED_STATE) return true;
  // Whatever wrapping the statement went through, the trigger's own message says it.
  return /reseller account \S+ is disabled/.test(String((error as { message?: string })?.message ?? ""));
}
