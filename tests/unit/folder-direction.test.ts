import { describe, expect, it } from "vitest";
import { importsOf, sourceFiles } from "@/tests/support/source-imports";

// Folders point one way: the lower capabilities (the database layer, text handling, embedders) never
// import the higher ones that use them, so none of them can be part of a cycle with those.
const LOWER = ["lib/db", "lib/text", "lib/embeddings"];
const HIGHER = ["audit", "auth", "chat", "guardrails", "ingest", "llm", "retrieval", "server"].map((folder) => `@/lib/${folder}/`);

describe("the direction of imports between lib's folders", () => {
  it("keeps the database layer, text handling and embedders free of the capabilities above them", () => {
    const files = sourceFiles(...LOWER);
    expect(files).toContain("lib/embeddings/active.ts");
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((imported) => HIGHER.some((higher) => imported.startsWith(higher)))
        .map((imported) => `${file} imports ${imported}`),
    );
    expect(upward).toEqual([]);
  });
});
