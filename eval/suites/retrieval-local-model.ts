// Retrieval with the local English embedding model (EMBEDDINGS_PROVIDER=local), whatever the
// environment configures: the lexical ranking alone, the vector ranking alone, their fusion at several
// vector weights and the product as configured, on the tuning and held-out halves of each set (see
// eval/retrieval/local-model-fusion.ts). It runs in a child process, because configuration and the
// database are per process and the `retrieval` suite measures the configured embedder in this one.
// Embedding the ~3,000 passages takes a few minutes on 2 cores.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const name = "retrieval_local_model";

export async function run(dataDir: string): Promise<Record<string, unknown>> {
  const scratch = mkdtempSync(path.join(tmpdir(), "lore-eval-"));
  const output = path.join(scratch, "figures.json");
  try {
    const script = path.join(import.meta.dirname, "..", "retrieval", "local-model-fusion.ts");
    const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, dataDir, output], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (child.status !== 0) throw new Error(`eval: ${name} failed (exit ${child.status ?? child.signal})`);
    return JSON.parse(readFileSync(output, "utf8")) as Record<string, unknown>;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
