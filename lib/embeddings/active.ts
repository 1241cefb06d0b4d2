import "server-only";
import { config } from "@/lib/config";
import { systemDatabase } from "@/lib/db/system";
import type { TenantTx } from "@/lib/db/tenant";
import type { Embedder } from "@/lib/embeddings/embedder";
import { embedderFor } from "@/lib/embeddings/provider";
import { embeddingSettingsSchema, type EmbeddingSettings } from "@/lib/embeddings/settings";
import type { IndexedEmbedder } from "@/lib/embeddings/vector-index";
import type { Embedder as EmbedderRecord } from "@/lib/generated/prisma/client";

export type DeployedEmbedder = IndexedEmbedder & { embedder: Embedder };

/**
 * The embedders of this deployment, as the database records them (lib/ingest/embedder-switch.ts keeps the
 * record in line with the configuration): the active one embeds questions and its vectors are
 * searched; new chunks get vectors from it and, during a switch, from the pending one too.
 */
export type DeploymentEmbedders = { active: DeployedEmbedder; pending: DeployedEmbedder | null };

export async function deploymentEmbedders(): Promise<DeploymentEmbedders> {
  const rows = await systemDatabase("embedders").prisma.embedder.findMany();
  const active = rows.find((row) => row.state === "active");
  if (!active) throw new Error("No active embedder is recorded in the embedders table (the migrations create one)");
  const pending = rows.find((row) => row.state === "pending");
  return { active: deployed(active), pending: pending ? deployed(pending) : null };
}

/**
 * Whether the deployment's embedders are still the ones a job embedded for, read inside the job's
 * own transaction after its writes: a switch that completed meanwhile makes the job start over.
 */
export async function embeddersUnchanged(tx: TenantTx, expected: DeploymentEmbedders): Promise<boolean> {
  const rows = await tx.embedder.findMany({ select: { id: true, state: true } });
  const now = (state: "active" | "pending") => rows.find((row) => row.state === state)?.id ?? null;
  return now("active") === expected.active.id && now("pending") === (expected.pending?.id ?? null);
}

/** Settings as they are recorded: everything needed to reach the embedder except a key. */
export function recordableSettings(settings: EmbeddingSettings): EmbeddingSettings {
  if (settings.provider !== "openai-compatible") return settings;
  const { apiKey: _, ...withoutKey } = settings;
  return withoutKey;
}

// One instance per recorded embedder, so that a local model is loaded once per process.
const instances = new Map<string, Embedder>();

function deployed(row: EmbedderRecord): DeployedEmbedder {
  const key = `${row.id}\0${JSON.stringify(row.settings)}\0${row.dimensions}`;
  let embedder = instances.get(key);
  if (!embedder) {
    embedder = embedderFor(withKey(embeddingSettingsSchema.parse(row.settings), row.dimensions));
    instances.set(key, embedder);
  }
  return { id: row.id, dimensions: row.dimensions, slot: row.slot, embedder };
}

// Keys are never recorded: the configured one is used for a recorded server at the same address.
function withKey(settings: EmbeddingSettings, dimensions: number): EmbeddingSettings {
  if (settings.provider !== "openai-compatible") return settings;
  const configured = config().embeddings;
  const apiKey = configured.provider === "openai-compatible" && configured.baseURL === settings.baseURL ? configured.apiKey : undefined;
  return { ...settings, apiKey, dimensions };
}
