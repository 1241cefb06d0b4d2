import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { localModelEmbedder, packagedModelPath } from "@/lib/embeddings/local-model";
import { embedderFor } from "@/lib/embeddings/provider";

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

const scratch = await mkdtemp(path.join(tmpdir(), "lore-local-model-"));
afterAll(() => rm(scratch, { recursive: true, force: true }));

// The real Universal Sentence Encoder lite from the npm package, not a stand-in.
describe("local model embedder", () => {
  const embedder = embedderFor({ provider: "local" });

  it("is identified by provider and model, with the model's 512 dimensions", () => {
    expect(embedder.id).toBe("local:use-lite-512");
    expect(embedder.dimensions).toBe(512);
  });

  it("puts sentences with the same meaning closer together than unrelated ones", async () => {
    const [question, paraphrase, travel, unrelated] = await embedder.embed([
      "How do I reset my password?",
      "I forgot my login password and need to change it.",
      "Employees must book business flights through the travel portal.",
      "The cafeteria serves vegetarian lunch on Fridays.",
    ]);
    for (const vector of [question!, paraphrase!, travel!, unrelated!]) {
      expect(vector).toHaveLength(512);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6);
    }
    expect(cosine(question!, paraphrase!)).toBeGreaterThan(cosine(question!, travel!) + 0.2);
    expect(cosine(question!, paraphrase!)).toBeGreaterThan(cosine(question!, unrelated!) + 0.2);
  });

  it("matches a question to the passage that answers it", async () => {
    const passages = [
      "Annual leave requests must be approved by your line manager two weeks in advance.",
      "Expense reports are reimbursed within thirty days of submission.",
      "The VPN client must be installed before accessing internal systems from home.",
    ];
    const [question, ...vectors] = await embedder.embed(["How many days ahead do I have to ask for vacation?", ...passages]);
    const similarities = vectors.map((vector) => cosine(question!, vector));
    expect(similarities.indexOf(Math.max(...similarities))).toBe(0);
  });

  it("embeds more texts than one model run takes, in order", async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `Policy clause ${i} about data retention.`);
    const all = await embedder.embed(texts);
    const some = await embedder.embed([texts[0]!, texts[69]!]);
    expect(all).toHaveLength(70);
    expect(cosine(all[0]!, some[0]!)).toBeCloseTo(1, 5);
    expect(cosine(all[69]!, some[1]!)).toBeCloseTo(1, 5);
  });

  it("loads a model from a configured directory, identified by the directory's name", async () => {
    const modelPath = path.join(scratch, "use-lite-copy");
    await cp(packagedModelPath(), modelPath, { recursive: true });
    const copy = localModelEmbedder({ modelPath });
    const [fromCopy] = await copy.embed(["hello world"]);
    const [fromPackage] = await embedder.embed(["hello world"]);

    expect(copy.id).toBe("local:use-lite-copy");
    expect(cosine(fromCopy!, fromPackage!)).toBeCloseTo(1, 5);
  });

  it("says clearly when the configured directory holds no model", async () => {
    const wrong = localModelEmbedder({ modelPath: path.join(scratch, "no-such-model") });
    await expect(wrong.embed(["hello"])).rejects.toThrow(/^No embedding model at .*no-such-model: model\.json and vocab\.json not found/);
  });
});
