import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { loadUser, type AuthenticatedUser } from "@/lib/auth/user";
import { EVERYONE } from "@/lib/auth/principals";
import { database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { deploymentEmbedders } from "@/lib/embeddings/active";
import { embeddingText } from "@/lib/ingest/embedding-text";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { insertChunks } from "@/lib/ingest/store-chunks";
import { advanceSwitch } from "@/lib/ingest/embedder-switch";
import { databaseReady } from "@/lib/server/startup";

const BATCH = 100;

/**
 * Prepares the database as a server start prepares it: migrations, then the configured embedder
 * (EMBEDDINGS_*), which on an empty database becomes active at once.
 */
export async function prepareDatabase(): Promise<void> {
  await databaseReady();
  for (let step = 0; step < 5 && (await advanceSwitch()) !== "none"; step++);
}

/**
 * Loads labelled passages into a tenant of their own as documents readable by everyone, chunked and
 * embedded as an upload would be (the passage under its title as heading, by the deployment's active
 * embedder). Returns a reader and the
 * map from stored document ids back to the data set's ids.
 */
export async function indexPassages(set: string, passages: { doc_id: string; title?: string; text: string }[]) {
  const tenant = await database().prisma.tenant.create({ data: { slug: `eval-${set}`.toLowerCase().replace(/[^a-z0-9-]/g, "-"), name: set } });
  const reader = await withTenant(tenant.id, async (tx) =>
    tx.user.create({
      data: { tenantId: tenant.id, email: "reader@eval.test", name: "Reader", role: "employee", passwordHash: await hashPassword(randomUUID()) },
    }),
  );
  const { active } = await deploymentEmbedders();
  const documentOf = new Map<string, string>();
  for (let i = 0; i < passages.length; i += BATCH) {
    const batch = passages.slice(i, i + BATCH).map((p) => {
      const title = p.title ?? p.doc_id;
      const drafts = chunkBlocks([
        { kind: "heading", level: 1, text: title },
        { kind: "paragraph", text: p.text },
      ]);
      return { id: randomUUID(), passage: p, title, drafts };
    });
    const embeddings = await active.embedder.embed(batch.flatMap((b) => b.drafts.map((d) => embeddingText(b.title, d))));
    await withTenant(
      tenant.id,
      async (tx) => {
        let offset = 0;
        for (const b of batch) {
          documentOf.set(b.id, b.passage.doc_id);
          await tx.document.create({
            data: {
              id: b.id,
              tenantId: tenant.id,
              title: b.title,
              fileName: `${b.passage.doc_id}.txt`,
              mimeType: "text/plain",
              sizeBytes: b.passage.text.length,
              contentHash: b.passage.doc_id,
              acl: [EVERYONE],
              status: "ready",
              chunkCount: b.drafts.length,
              uploadedBy: reader.id,
            },
          });
          await insertChunks(
            tx,
            { tenantId: tenant.id, documentId: b.id, acl: [EVERYONE], generation: 0 },
            b.drafts.map((draft, i) => ({ draft, vectors: [{ slot: active.slot, model: active.id, vector: embeddings[offset + i]! }] })),
          );
          offset += b.drafts.length;
        }
      },
      { timeoutMs: 120_000 },
    );
  }
  const user = (await loadUser(tenant, { id: reader.id })) as AuthenticatedUser;
  return { user, documentOf };
}
