import "server-only";
import { systemDatabase } from "@/lib/db/system";
import { withTenant } from "@/lib/db/tenant";
import { deploymentEmbedders, recordableSettings, type DeploymentEmbedders } from "@/lib/embeddings/active";
import { probedEmbedder } from "@/lib/embeddings/provider";
import type { EmbeddingSettings } from "@/lib/embeddings/settings";
import { otherSlot, SLOT_COLUMNS } from "@/lib/embeddings/slots";
import { dropVectorIndex, ensureVectorIndex } from "@/lib/embeddings/vector-index";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueJob, wakeIngestWorker } from "@/lib/ingest/jobs/queue";
import { documentsWithoutVectors } from "@/lib/ingest/store-chunks";
import { logger } from "@/lib/log";

// Switching embedder. The configuration names the embedder a deployment should use; the embedders
// table says which one the stored vectors come from. When they differ, the configured one becomes
// "pending": it gets the slot the active one does not use, every document gets a "reembed" job that
// fills that slot, and indexing meanwhile embeds new chunks with both. Search goes on embedding
// questions with the active embedder and searching its slot the whole time. Once every chunk has a
// pending vector, its HNSW index is built and, in one transaction that no chunk write can slip past,
// the pending embedder becomes the active one: the next question is embedded with it and searched in
// its slot. The old index is then dropped; the old vectors stay in their slot until a later switch
// overwrites them (switching back to the same embedder reuses them).

const SWITCH_LOCK = 72_707_370;
// A re-embed job that failed for good is tried again after this long (the server may be back).
const REEMBED_RETRY_AFTER_MS = 5 * 60_000;

/**
 * At start-up: probes the configured embedder (a wrong URL, key, model or path stops the server with
 * a clear message), records it as pending if it is not the active one (or drops the pending one when
 * the configuration went back), makes sure the active embedder's index exists, and moves the switch on.
 */
export async function reconcileEmbedders(settings: EmbeddingSettings): Promise<void> {
  const configured = await probedEmbedder(settings);
  const recorded = { ...recordableSettings(settings), ...(settings.provider === "openai-compatible" ? { dimensions: configured.dimensions } : {}) };
  const change = await systemDatabase("embedders").prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SWITCH_LOCK})`;
    const rows = await tx.embedder.findMany();
    const active = rows.find((row) => row.state === "active")!;
    const pending = rows.find((row) => row.state === "pending");
    if (active.id === configured.id) {
      if (active.dimensions !== configured.dimensions) {
        throw new Error(
          `The embedder ${configured.id} now returns ${configured.dimensions}-dimensional vectors, but the stored ones have ${active.dimensions}. ` +
            "Name the model differently (or fix EMBEDDINGS_DIMENSIONS) so that it is re-embedded as a new embedder.",
        );
      }
      await tx.embedder.update({ where: { id: active.id }, data: { settings: recorded } });
      if (pending) await tx.embedder.delete({ where: { id: pending.id } });
      return pending ? `abandoned the switch to ${pending.id}` : null;
    }
    if (pending?.id === configured.id && pending.dimensions === configured.dimensions) return null;
    if (pending) await tx.embedder.delete({ where: { id: pending.id } });
    await tx.embedder.create({
      data: { id: configured.id, dimensions: configured.dimensions, slot: otherSlot(active.slot), state: "pending", settings: recorded },
    });
    return `switching from ${active.id} to ${configured.id}`;
  });
  if (change) logger().info({ embedder: configured.id }, `embedders: ${change}`);
  await ensureVectorIndex((await deploymentEmbedders()).active);
  await advanceSwitch();
}

export type SwitchStep = "none" | "re-embedding" | "switched";

/**
 * Moves a pending switch on: queues re-embed jobs for documents with chunks that lack a pending
 * vector, or, when none lacks one, builds the pending embedder's index and makes it the active one.
 * Called at start-up and by the worker whenever re-embedding may have finished.
 */
export async function advanceSwitch(): Promise<SwitchStep> {
  const embedders = await deploymentEmbedders();
  const pending = embedders.pending;
  if (!pending) return "none";
  let incomplete = 0;
  for (const tenant of await tenantIds()) {
    // Chunks are under forced row-level security: each tenant's are counted in its own transaction.
    incomplete += await withTenant(tenant, async (tx) => {
      const documentIds = await documentsWithoutVectors(tx, tenant, pending);
      for (const documentId of documentIds) {
        const last = await tx.ingestJob.findFirst({ where: { documentId, kind: "reembed" }, orderBy: { createdAt: "desc" } });
        const stale = last?.status === "failed" && Date.now() - last.updatedAt.getTime() > REEMBED_RETRY_AFTER_MS;
        if (!last || last.status === "succeeded" || last.status === "cancelled" || stale)
          await enqueueJob(tx, { tenantId: tenant, documentId, kind: "reembed" });
      }
      return documentIds.length;
    });
  }
  if (incomplete > 0) {
    wakeIngestWorker();
    return "re-embedding";
  }
  await ensureVectorIndex(pending);
  if (!(await completeSwitch(embedders))) return "re-embedding";
  await dropVectorIndex(embedders.active);
  logger().info({ from: embedders.active.id, to: pending.id }, "embedders: switch complete; search now uses the new vectors");
  return "switched";
}

// SHARE mode lets searches read on but makes chunk writes wait: a write that began before has
// committed and is counted, and one after finds the pending embedder active and starts over.
async function completeSwitch(embedders: DeploymentEmbedders): Promise<boolean> {
  const pending = embedders.pending!;
  const model = Prisma.raw(SLOT_COLUMNS[pending.slot].model);
  return systemDatabase("embedders").prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SWITCH_LOCK})`;
      await tx.$executeRawUnsafe("LOCK TABLE chunks IN SHARE MODE");
      const rows = await tx.embedder.findMany();
      if (rows.find((row) => row.state === "pending")?.id !== pending.id) return false;
      for (const { id: tenant } of await tx.tenant.findMany({ select: { id: true } })) {
        await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenant}, true)`;
        const [missing] = await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM chunks WHERE tenant_id = ${tenant}::uuid AND ${model} IS DISTINCT FROM ${pending.id}`;
        if (missing && missing.n > 0) return false;
      }
      await tx.embedder.delete({ where: { id: embedders.active.id } });
      await tx.embedder.update({ where: { id: pending.id }, data: { state: "active", activatedAt: new Date() } });
      return true;
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
}

async function tenantIds(): Promise<string[]> {
  return (await systemDatabase("embedders").prisma.tenant.findMany({ select: { id: true } })).map((tenant) => tenant.id);
}

/** How far the tenant's chunks are in a switch, for the documents page; null when none is under way. */
export async function switchProgress(tenantId: string) {
  const { active, pending } = await deploymentEmbedders();
  if (!pending) return { active: active.id, pending: null };
  const model = Prisma.raw(SLOT_COLUMNS[pending.slot].model);
  const [counts] = await withTenant(
    tenantId,
    (tx) =>
      tx.$queryRaw<{ done: number; total: number }[]>`
      SELECT count(*) FILTER (WHERE ${model} = ${pending.id})::int AS done, count(*)::int AS total FROM chunks WHERE tenant_id = ${tenantId}::uuid`,
  );
  return { active: active.id, pending: { id: pending.id, done: counts?.done ?? 0, total: counts?.total ?? 0 } };
}
