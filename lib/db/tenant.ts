import "server-only";
import { database } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type TenantTx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `work` in a transaction that belongs to one tenant: it acts as the non-superuser role
 * lore_app with app.tenant_id set, so row-level security confines every statement to that tenant
 * even where a query forgets its own tenant filter. All tenant data is read and written through here.
 */
export async function withTenant<T>(
  tenantId: string,
  work: (tx: TenantTx) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error("withTenant needs a tenant id");
  return database().prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      await tx.$executeRawUnsafe("SET LOCAL ROLE lore_app");
      return work(tx);
    },
    { timeout: options.timeoutMs ?? 15_000, maxWait: 15_000 },
  );
}
