import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { config } from "@/lib/config";
import { database } from "@/lib/db/client";
import { LoreError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The tenant-context layer: the way all tenant data is read and written.
 *
 *   withTenant(tenantId, async (tx) => ...)   work for one workspace (jobs, tenant-wide reads)
 *   withCaller(user, async (tx) => ...)       work for a signed-in person: also binds their id and role
 *
 * `tx` is a Prisma transaction that acts as the non-superuser role lore_app with app.tenant_id set, so
 * row-level security confines every statement to that tenant even where a query forgets its own
 * tenant filter (and withCaller sets app.user_id and app.user_role for SQL that wants them). Every
 * statement in it runs under a statement timeout (DB_STATEMENT_TIMEOUT_MS, or `statementTimeoutMs`):
 * one that overruns is stopped, the transaction rolls back, and a LoreError "unavailable" with a plain
 * message is thrown (on the embedded database too: lib/db/embedded/wire-host.ts enforces it there).
 * Work needing more time than a request should (bulk maintenance) goes through lib/db/system.ts.
 *
 * Inside `work`, use `tx` for everything: opening another transaction (or the system module) there
 * throws. It would be a second connection waiting for the first, which on the embedded database (one
 * session, held by the open transaction) waits until the transaction's own timeout.
 */
export type TenantTx = Prisma.TransactionClient;

export type Caller = { tenantId: string; id: string; role: Role };

export type TenantOptions = {
  /** Limit on the whole transaction (Prisma's interactive transaction timeout). */
  timeoutMs?: number;
  /** Limit on each statement in it; defaults to DB_STATEMENT_TIMEOUT_MS. */
  statementTimeoutMs?: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function withTenant<T>(tenantId: string, work: (tx: TenantTx) => Promise<T>, options: TenantOptions = {}): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error("withTenant needs a tenant id");
  return bound({ tenantId }, work, options);
}

export function withCaller<T>(caller: Caller, work: (tx: TenantTx) => Promise<T>, options: TenantOptions = {}): Promise<T> {
  if (!UUID.test(caller.tenantId) || !UUID.test(caller.id)) throw new Error("withCaller needs a signed-in user");
  return bound({ tenantId: caller.tenantId, userId: caller.id, role: caller.role }, work, options);
}

// Marks the async work running inside a tenant transaction (cleared when it ends), so that a nested one is caught.
const openTransaction = new AsyncLocalStorage<{ open: boolean }>();

/** Throws when called from inside a tenant transaction's work (see the module comment). */
export function refuseInsideTransaction(what: string): void {
  if (openTransaction.getStore()?.open) {
    throw new Error(`${what} inside a tenant transaction: use the transaction you were given (a second connection would wait for it)`);
  }
}

async function bound<T>(scope: { tenantId: string; userId?: string; role?: Role }, work: (tx: TenantTx) => Promise<T>, options: TenantOptions): Promise<T> {
  refuseInsideTransaction("withTenant");
  const statementTimeoutMs = Math.round(options.statementTimeoutMs ?? config().dbStatementTimeoutMs);
  const marker = { open: true };
  try {
    return await openTransaction.run(marker, () =>
      database().prisma.$transaction(
        async (tx) => {
          // One round trip for the tenant, the person, the statement timeout and the role. The timeout
          // is a literal, in the form the embedded database's host looks for (it enforces it there).
          await tx.$queryRawUnsafe(
            `SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true), set_config('app.user_role', $3, true),
                    set_config('statement_timeout', '${statementTimeoutMs}', true), set_config('role', 'lore_app', true)`,
            scope.tenantId,
            scope.userId ?? "",
            scope.role ?? "",
          );
          return work(tx);
        },
        { timeout: options.timeoutMs ?? 15_000, maxWait: 15_000 },
      ),
    );
  } catch (error) {
    if (isStatementTimeout(error)) {
      throw new LoreError(
        "unavailable",
        "database",
        `This took the database longer than the ${seconds(statementTimeoutMs)} allowed for one step, so it was stopped. Please try again.`,
      );
    }
    throw error;
  } finally {
    marker.open = false;
  }
}

/** Postgres' "canceling statement due to statement timeout" (SQLSTATE 57014), however the driver wrapped it. */
export function isStatementTimeout(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const fields = cause as { code?: unknown; meta?: { code?: unknown }; message?: unknown; cause?: unknown };
    if (fields.code === "57014" || fields.meta?.code === "57014") return true;
    if (typeof fields.message === "string" && fields.message.includes("statement timeout")) return true;
    cause = fields.cause;
  }
  return false;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
